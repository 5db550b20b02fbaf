// API keys in a real OS keychain (gnome-keyring over D-Bus, as on a Linux desktop), and nowhere else.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRegistry } from '../../../src/main/accounts/AccountRegistry';
import { openAccountSession } from '../../../src/main/accountSession';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { openSecretStore } from '../../../src/main/secrets/openSecretStore';
import type { SecretStore } from '../../../src/main/secrets/SecretStore';
import { pull } from '../../../src/main/sync/pull';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { filesContaining } from '../../support/filesContaining';
import { call } from '../../support/sandboxClient';
import { keyringUnavailable, startTestKeyring, type TestKeyring } from '../../support/keyring';

const unavailable = keyringUnavailable();
if (unavailable) console.warn(`Skipping the keychain tests: ${unavailable}`);

describe.skipIf(unavailable)('the OS keychain', () => {
  let keyring: TestKeyring;
  let secrets: SecretStore;
  let sandbox: Sandbox;
  let dataDir: string;

  beforeAll(async () => {
    keyring = startTestKeyring();
    const opened = await openSecretStore();
    expect(opened.warning).toBeUndefined();
    secrets = opened.store;
    sandbox = await startSandbox({ scale: 100 });
    dataDir = mkdtempSync(join(tmpdir(), 'enlight-data-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    keyring?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  });

  const verify = async (baseUrl: string, apiKey: string) => {
    const client = new EnlightClient({ baseUrl, apiKey });
    try {
      await client.authenticate();
    } finally {
      client.close();
    }
  };

  it('is what keeps the keys: set, read back and deleted through keytar', async () => {
    expect(secrets.kind).toBe('keychain');
    await secrets.set('round-trip', 'k'.repeat(32));
    expect(await secrets.get('round-trip')).toBe('k'.repeat(32));
    expect(await secrets.delete('round-trip')).toBe(true);
    expect(await secrets.get('round-trip')).toBeUndefined();
  });

  it('holds an added account\'s key, which is nowhere in the data folder, even after a sync', async () => {
    const registry = new AccountRegistry(dataDir, secrets);
    const key = sandbox.org.ownerApiKey;
    await registry.add({ name: 'Main campus', baseUrl: sandbox.url, apiKey: key }, verify);
    expect(await secrets.get('Main campus')).toBe(key);
    // The keychain's own files hold it encrypted, never in the clear.
    expect(readdirSync(keyring.keyringDir).length).toBeGreaterThan(0);
    expect(filesContaining(keyring.keyringDir, key)).toEqual([]);

    const session = await openAccountSession({ dataDir, secrets, account: 'Main campus' });
    try {
      expect((await pull({ client: session.client, store: session.store })).outcome).toBe('complete');
      expect(session.store.counts().students).toBeGreaterThan(0);
    } finally {
      session.close();
    }
    expect(filesContaining(dataDir, key)).toEqual([]);
    // A student's own key comes with the student's details and is not kept either.
    const [first] = sandbox.store.list<{ id: string }>('students', sandbox.org.id, 1, 0);
    const shown = await call(sandbox.url, 'GET', `/api/v1/students/${first?.id}`, { key });
    const studentKey = (shown.json as { api_key?: string }).api_key;
    expect(studentKey?.length).toBeGreaterThan(15);
    expect(filesContaining(dataDir, studentKey as string)).toEqual([]);
  });

  it('keeps nothing when the key is refused', async () => {
    const registry = new AccountRegistry(dataDir, secrets);
    await expect(registry.add({ name: 'Typo', baseUrl: sandbox.url, apiKey: 'x'.repeat(32) }, verify)).rejects.toMatchObject({ code: 'auth' });
    expect(registry.get('Typo')).toBeUndefined();
    expect(await secrets.get('Typo')).toBeUndefined();
  });

  it('forgets the key when the account is removed', async () => {
    const registry = new AccountRegistry(dataDir, secrets);
    await registry.add({ name: 'Short-lived', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey }, verify);
    expect(await secrets.get('Short-lived')).toBeDefined();
    await registry.remove('Short-lived');
    expect(await secrets.get('Short-lived')).toBeUndefined();
  });
});
