// The OS keychain through keytar: macOS Keychain, Windows Credential Manager, the Secret Service
// (GNOME Keyring, KWallet) on Linux.
import { KEYCHAIN_SERVICE, type SecretStore } from './SecretStore';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;

  private constructor(
    private readonly keytar: Keytar,
    private readonly service: string,
  ) {}

  /** Loads keytar lazily: a missing native module is then a clean failure here, not a crash at start-up. */
  static async load(service = KEYCHAIN_SERVICE): Promise<KeytarSecretStore> {
    const mod = (await import('keytar')) as Keytar & { default?: Keytar };
    return new KeytarSecretStore(mod.default ?? mod, service);
  }

  async get(account: string): Promise<string | undefined> {
    return (await this.keytar.getPassword(this.service, account)) ?? undefined;
  }

  set(account: string, secret: string): Promise<void> {
    return this.keytar.setPassword(this.service, account, secret);
  }

  delete(account: string): Promise<boolean> {
    return this.keytar.deletePassword(this.service, account);
  }
}
