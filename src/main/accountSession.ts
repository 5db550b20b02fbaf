// One open account: its API client (key from the keychain, or ENLIGHT_API_KEY for headless use)
// and its mirror database. The CLI and, later, the app's service both start here.
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { EnlightError } from '../shared/errors';
import { AccountRegistry } from './accounts/AccountRegistry';
import { checkBaseUrl } from './api/checkBaseUrl';
import { EnlightClient } from './api/EnlightClient';
import { RequestLimiter } from './api/RequestLimiter';
import { nodeHttpTransport } from './api/transport';
import type { SecretStore } from './secrets/SecretStore';
import { MirrorStore } from './store/MirrorStore';
import { storageProblem } from './store/storageError';
import type { PullWorkerClient } from './sync/pullOnWorker';

export interface AccountSession {
  /** The account's name, or the server's host for a headless session. */
  name: string;
  baseUrl: string;
  client: EnlightClient;
  limiter: RequestLimiter;
  store: MirrorStore;
  /** What a pull on a worker thread needs to make a client of its own (pullOnWorker.ts). */
  pullClient: PullWorkerClient;
  /** Settles once the account's database file is closed by every connection. */
  close(): Promise<void>;
}

export interface OpenSessionOptions {
  dataDir: string;
  secrets: SecretStore;
  /** A stored account; when absent, the only stored account, or the headless url + apiKey. */
  account?: string;
  url?: string;
  apiKey?: string;
  concurrency?: number;
}

export class AccountChoiceError extends Error {}

export async function openAccountSession(options: OpenSessionOptions): Promise<AccountSession> {
  const registry = new AccountRegistry(options.dataDir, options.secrets);
  let name: string;
  let baseUrl: string;
  let apiKey: string;
  let databasePath: string;

  if (options.url && options.apiKey && !options.account) {
    // Headless: nothing stored but the mirror, named after the server so two servers never mix.
    const url = checkBaseUrl(options.url);
    baseUrl = url.origin;
    apiKey = options.apiKey;
    name = url.host;
    databasePath = join(options.dataDir, 'headless', `${createHash('sha256').update(baseUrl).digest('hex').slice(0, 16)}.sqlite`);
  } else {
    const accounts = registry.list();
    const chosen = options.account ? registry.get(options.account) : accounts.length === 1 ? accounts[0] : undefined;
    if (!chosen) {
      if (options.account) throw new AccountChoiceError(`There is no account named "${options.account}". See: enlight-admin account list`);
      if (accounts.length === 0) {
        throw new AccountChoiceError('No account yet. Add one with: enlight-admin account add NAME --url https://yours.enlight.io (or set ENLIGHT_API_KEY and pass --url)');
      }
      throw new AccountChoiceError(`Several accounts are stored (${accounts.map((a) => a.name).join(', ')}): choose one with --account NAME`);
    }
    const key = await registry.apiKey(chosen.name);
    if (!key) {
      throw new EnlightError({
        code: 'auth',
        message: `The API key of "${chosen.name}" is not in the keychain any more. Remove the account and add it again.`,
      });
    }
    name = chosen.name;
    baseUrl = chosen.baseUrl;
    apiKey = key;
    databasePath = registry.databasePath(chosen.name);
  }

  const { transport, close: closeTransport } = nodeHttpTransport({ maxSockets: options.concurrency ?? 4 });
  const limiter = new RequestLimiter({ maxConcurrent: options.concurrency ?? 4 });
  const client = new EnlightClient({ baseUrl, apiKey, transport, limiter });
  const store = openStore(databasePath, name);
  return {
    name,
    baseUrl,
    client,
    limiter,
    store,
    pullClient: { baseUrl, apiKey },
    close: async () => {
      closeTransport();
      await store.close();
    },
  };
}

/** The account's mirror, or an error that says in plain words which file or folder is wrong and what to do. */
function openStore(databasePath: string, name: string): MirrorStore {
  try {
    return MirrorStore.open(databasePath);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const said = error instanceof Error ? error.message : String(error);
    const storage = storageProblem(error, { file: databasePath });
    if (storage) throw new Error(storage, { cause: error });
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new Error(
        `The local data of "${name}" (${databasePath}) is damaged, or is not Enlight Admin's (SQLite: ${said}). Move that file elsewhere and sync again: ` +
          "the copy of the server's data is made anew; edits it held that were not yet sent are not.",
        { cause: error },
      );
    }
    if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new Error(`The data folder ${dirname(dirname(databasePath))} cannot be used: ${said}.`, { cause: error });
    }
    throw error;
  }
}
