// The accounts of this installation: a name and a base URL each, in accounts.json; the API key in
// the SecretStore under the account's name, never in the file.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { checkBaseUrl } from '../api/checkBaseUrl';
import type { SecretStore } from '../secrets/SecretStore';
import { LOCK_SUFFIXES, tryAccountLock, type AccountWork } from '../store/accountLock';

export interface Account {
  name: string;
  baseUrl: string;
  addedAt: string;
}

const accountsFileSchema = z.object({
  accounts: z.array(z.object({ name: z.string(), baseUrl: z.string(), addedAt: z.string() })),
});

export class AccountError extends Error {}

export class AccountRegistry {
  private readonly file: string;

  constructor(
    private readonly dataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.file = join(dataDir, 'accounts.json');
  }

  list(): Account[] {
    if (!existsSync(this.file)) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (e) {
      throw new AccountError(`${this.file} is not readable JSON (${e instanceof Error ? e.message : String(e)}). Fix or remove it, then add your accounts again.`);
    }
    const result = accountsFileSchema.safeParse(parsed);
    if (!result.success) throw new AccountError(`${this.file} is not an accounts file this version understands. Fix or remove it, then add your accounts again.`);
    return result.data.accounts;
  }

  get(name: string): Account | undefined {
    return this.list().find((a) => a.name === name);
  }

  /**
   * Adds an account once `verify` (which checks the key with /api/authenticate) has passed; a
   * failing check saves nothing, neither the account nor its key.
   */
  async add(input: { name: string; baseUrl: string; apiKey: string }, verify: (baseUrl: string, apiKey: string) => Promise<void>): Promise<Account> {
    const name = input.name.trim();
    if (!name) throw new AccountError('An account needs a name.');
    if ([...name].length > 64) throw new AccountError('An account name can be at most 64 characters long.');
    if ([...name].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new AccountError('An account name cannot contain slashes or control characters.');
    const accounts = this.list();
    if (accounts.some((a) => a.name === name)) throw new AccountError(`There is already an account named "${name}".`);
    const baseUrl = checkBaseUrl(input.baseUrl).origin;
    const apiKey = input.apiKey.trim();
    if (!apiKey) throw new AccountError('An API key is needed: find yours on your Enlight profile page.');
    await verify(baseUrl, apiKey);
    const account: Account = { name, baseUrl, addedAt: new Date().toISOString() };
    await this.secrets.set(name, apiKey);
    try {
      this.write([...accounts, account]);
    } catch (e) {
      await this.secrets.delete(name);
      throw e;
    }
    return account;
  }

  /**
   * Forgets the account and its key, and deletes its local database; refused while another process
   * (the app, or the CLI) is syncing it or sending its edits, whose files these are.
   */
  async remove(name: string): Promise<Account | undefined> {
    const accounts = this.list();
    const account = accounts.find((a) => a.name === name);
    if (!account) return undefined;
    const database = this.databasePath(name);
    // (An account never opened has no folder for its files yet, and nothing to hold.)
    const locks = existsSync(dirname(database)) ? (Object.keys(LOCK_SUFFIXES) as AccountWork[]).map((work) => tryAccountLock(database, work)) : [];
    try {
      if (locks.some((lock) => !lock)) {
        throw new AccountError(`"${name}" is being synced or its edits sent just now (in Enlight Admin or on the command line). Stop that, then remove the account.`);
      }
      await this.secrets.delete(name);
      this.write(accounts.filter((a) => a.name !== name));
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
    } finally {
      for (const lock of locks) lock?.release();
    }
    // The lock files last, once let go of (an open file cannot be deleted on Windows).
    for (const suffix of Object.values(LOCK_SUFFIXES)) rmSync(`${database}${suffix}`, { force: true });
    return account;
  }

  apiKey(name: string): Promise<string | undefined> {
    return this.secrets.get(name);
  }

  /** The account's database file: named by a hash of the account name, so any name is a safe file name. */
  databasePath(name: string): string {
    return join(this.dataDir, 'accounts', `${createHash('sha256').update(name).digest('hex').slice(0, 24)}.sqlite`);
  }

  private write(accounts: Account[]): void {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ accounts }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }
}
