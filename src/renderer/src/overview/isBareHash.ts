// An address that names no screen: the app was just opened.
export function isBareHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash === '#/';
}
