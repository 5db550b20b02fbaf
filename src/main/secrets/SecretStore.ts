// Where API keys live. Nothing else in the app holds one for longer than a request.
export interface SecretStore {
  /** 'keychain': the OS keychain; 'session': memory only, gone when the app quits. */
  readonly kind: 'keychain' | 'session';
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** The keychain's service name: what the user sees in Keychain Access, Seahorse or Credential Manager. */
export const KEYCHAIN_SERVICE = 'Enlight Admin';
