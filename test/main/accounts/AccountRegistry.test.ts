// The accounts file: names and addresses only, checked before anything is saved.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountError, AccountRegistry } from '../../../src/main/accounts/AccountRegistry';
import { defaultDataDir } from '../../../src/main/accounts/dataDir';
import { SessionSecretStore } from '../../../src/main/secrets/SessionSecretStore';
import { takeAccountLock } from '../../../src/main/store/accountLock';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { EnlightError } from '../../../src/shared/errors';

const KEY = 'a'.repeat(32);
const accepted = async () => {};

let dataDir: string;
let secrets: SessionSecretStore;
let registry: AccountRegistry;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'enlight-accounts-'));
  secrets = new SessionSecretStore();
  registry = new AccountRegistry(dataDir, secrets);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 }));

describe('adding an account', () => {
  it('saves the name and the organisation root, and the key only in the secret store', async () => {
    const account = await registry.add({ name: '  Main campus ', baseUrl: 'https://acme.enlight.io/api/v1/students?x=1', apiKey: ` ${KEY} ` }, accepted);
    expect(account).toMatchObject({ name: 'Main campus', baseUrl: 'https://acme.enlight.io' });
    expect(registry.list().map((a) => a.name)).toEqual(['Main campus']);
    expect(await secrets.get('Main campus')).toBe(KEY);
    const file = join(dataDir, 'accounts.json');
    expect(readFileSync(file, 'utf8')).not.toContain(KEY);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('saves nothing when the key check fails', async () => {
    const refuse = async () => {
      throw new EnlightError({ code: 'auth', message: 'The server refused the API key.' });
    };
    await expect(registry.add({ name: 'Typo', baseUrl: 'https://acme.enlight.io', apiKey: KEY }, refuse)).rejects.toMatchObject({ code: 'auth' });
    expect(registry.list()).toEqual([]);
    expect(await secrets.get('Typo')).toBeUndefined();
  });

  it.each([
    ['', 'needs a name'],
    ['   ', 'needs a name'],
    ['a/b', 'slashes'],
    ['a\\b', 'slashes'],
    ['line\nbreak', 'control characters'],
    ['x'.repeat(65), 'at most 64'],
  ])('refuses the name %j', async (name, reason) => {
    await expect(registry.add({ name, baseUrl: 'https://acme.enlight.io', apiKey: KEY }, accepted)).rejects.toThrow(reason);
    expect(registry.list()).toEqual([]);
  });

  it('refuses a second account of the same name', async () => {
    await registry.add({ name: 'Main', baseUrl: 'https://acme.enlight.io', apiKey: KEY }, accepted);
    await expect(registry.add({ name: 'Main', baseUrl: 'https://other.enlight.io', apiKey: KEY }, accepted)).rejects.toThrow(AccountError);
    expect(registry.get('Main')?.baseUrl).toBe('https://acme.enlight.io');
  });

  it.each([
    ['http://acme.enlight.io', 'HTTPS'],
    ['ftp://acme.enlight.io', 'not an http(s) address'],
    ['https://user:pw@acme.enlight.io', 'user name or password'],
    ['not a url at all', 'not a web address'],
    [KEY, 'looks like an API key'],
  ])('refuses the address %j before the key is sent anywhere', async (baseUrl, reason) => {
    let checked = false;
    const verify = async () => {
      checked = true;
    };
    await expect(registry.add({ name: 'Main', baseUrl, apiKey: KEY }, verify)).rejects.toThrow(reason);
    expect(checked).toBe(false);
    expect(registry.list()).toEqual([]);
  });

  it('needs a key', async () => {
    await expect(registry.add({ name: 'Main', baseUrl: 'https://acme.enlight.io', apiKey: '  ' }, accepted)).rejects.toThrow('API key is needed');
  });

  it('allows plain http only to this computer (the sandbox)', async () => {
    const account = await registry.add({ name: 'Sandbox', baseUrl: 'http://127.0.0.1:4010', apiKey: KEY }, accepted);
    expect(account.baseUrl).toBe('http://127.0.0.1:4010');
  });
});

describe('the accounts file', () => {
  it('says plainly when it is damaged, instead of starting empty and losing the accounts', () => {
    writeFileSync(join(dataDir, 'accounts.json'), '{"accounts": [');
    expect(() => registry.list()).toThrow(/not readable JSON.*Fix or remove it/);
    writeFileSync(join(dataDir, 'accounts.json'), '{"accounts": [{"name": 3}]}');
    expect(() => registry.list()).toThrow(/not an accounts file/);
  });
});

describe('removing an account', () => {
  it('forgets its key and deletes its local database', async () => {
    await registry.add({ name: 'Old', baseUrl: 'https://old.enlight.io', apiKey: KEY }, accepted);
    await registry.add({ name: 'Kept', baseUrl: 'https://kept.enlight.io', apiKey: KEY }, accepted);
    const path = registry.databasePath('Old');
    MirrorStore.open(path).close();
    expect(existsSync(path)).toBe(true);

    expect(await registry.remove('Old')).toMatchObject({ name: 'Old' });
    expect(existsSync(path)).toBe(false);
    expect(await secrets.get('Old')).toBeUndefined();
    expect(registry.list().map((a) => a.name)).toEqual(['Kept']);
    expect(await registry.remove('Old')).toBeUndefined();
    // Nor is anything left beside it.
    expect(readdirSync(dirname(path)).filter((f) => f.startsWith(basename(path)))).toEqual([]);
  });

  it('is refused while another process syncs it or sends its edits, and keeps everything', async () => {
    await registry.add({ name: 'Busy', baseUrl: 'https://busy.enlight.io', apiKey: KEY }, accepted);
    const path = registry.databasePath('Busy');
    const store = MirrorStore.open(path);
    for (const work of ['sync', 'push'] as const) {
      // As the CLI holds it while it syncs or pushes.
      const held = takeAccountLock(path, work);
      try {
        await expect(registry.remove('Busy')).rejects.toThrow(/"Busy" is being synced or its edits sent just now .* Stop that, then remove the account\./);
      } finally {
        held.release();
      }
      expect(existsSync(path)).toBe(true);
      expect(await secrets.get('Busy')).toBe(KEY);
      expect(registry.list().map((a) => a.name)).toEqual(['Busy']);
    }
    await store.close();
    expect(await registry.remove('Busy')).toMatchObject({ name: 'Busy' });
  });

  it('of an account never opened needs no folder for its files', async () => {
    await registry.add({ name: 'Never opened', baseUrl: 'https://never.enlight.io', apiKey: KEY }, accepted);
    expect(await registry.remove('Never opened')).toMatchObject({ name: 'Never opened' });
  });
});

describe('database files', () => {
  it('stay inside the data folder whatever the account is called', () => {
    for (const name of ['../../etc/passwd', 'CON', 'Ω 分校', '.', 'a'.repeat(64)]) {
      const rel = relative(dataDir, registry.databasePath(name));
      expect(rel.startsWith('..')).toBe(false);
      expect(rel).toMatch(/^accounts[/\\][0-9a-f]{24}\.sqlite$/);
    }
    expect(registry.databasePath('A')).not.toBe(registry.databasePath('a'));
  });
});

describe('the data folder', () => {
  it('follows each platform\'s convention, and ENLIGHT_ADMIN_DATA_DIR overrides it', () => {
    expect(defaultDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.local/share/enlight-admin');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ann')).toBe('/data/enlight-admin');
    expect(defaultDataDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/Enlight Admin');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Enlight Admin');
    expect(defaultDataDir({ ENLIGHT_ADMIN_DATA_DIR: '/tmp/x' }, 'linux', '/home/ann')).toBe('/tmp/x');
  });
});
