// Camera, microphone, notifications, geolocation, clipboard reads, HID, serial…: the app needs
// none, so every request and check is refused. Pure, so it is tested without Electron.

/** For session.setPermissionRequestHandler. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** For session.setPermissionCheckHandler. */
export function denyPermissionCheck(): boolean {
  return false;
}
