// Opens the keychain, or says plainly that there is none and keeps keys for this session only.
import { KeytarSecretStore } from './KeytarSecretStore';
import type { SecretStore } from './SecretStore';
import { SessionSecretStore } from './SessionSecretStore';

export interface OpenedSecretStore {
  store: SecretStore;
  /** Set when no keychain could be used: what happened and what it means for the user. */
  warning?: string;
}

const PROBE_ACCOUNT = '__enlight-admin-keychain-check__';

export async function openSecretStore(options: { probeTimeoutMs?: number } = {}): Promise<OpenedSecretStore> {
  try {
    const store = await KeytarSecretStore.load();
    // A keychain that is installed but has no session (no D-Bus, locked, headless) fails on first
    // use, sometimes only after a long wait: find out now, with a time limit.
    await withTimeout(store.get(PROBE_ACCOUNT), options.probeTimeoutMs ?? 5000);
    return { store };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      store: new SessionSecretStore(),
      warning: `No OS keychain is available (${reason}). API keys will be kept only until Enlight Admin quits, and never written to disk.`,
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${ms / 1000} s`)), ms);
    timer.unref();
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
