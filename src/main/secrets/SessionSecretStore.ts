import type { SecretStore } from './SecretStore';

/** Keys kept in memory only, for machines without a keychain: never written anywhere. */
export class SessionSecretStore implements SecretStore {
  readonly kind = 'session' as const;
  readonly #secrets = new Map<string, string>();

  get(account: string): Promise<string | undefined> {
    return Promise.resolve(this.#secrets.get(account));
  }

  set(account: string, secret: string): Promise<void> {
    this.#secrets.set(account, secret);
    return Promise.resolve();
  }

  delete(account: string): Promise<boolean> {
    return Promise.resolve(this.#secrets.delete(account));
  }
}
