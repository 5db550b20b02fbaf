// The one IPC door: only the app's own frames, only known calls, only valid input, and answers
// that are plain data whatever the service does.
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { BridgeHandlers } from '../../../src/shared/bridge';
import { EnlightError } from '../../../src/shared/errors';
import { APP_ORIGIN } from '../../../src/main/electron/appOrigin';
import { createIpcDispatcher } from '../../../src/main/electron/ipcDispatcher';

const settings = { theme: 'dark', language: 'en' } as const;

function handlers(overrides: Partial<BridgeHandlers> = {}): BridgeHandlers {
  const fail = () => Promise.reject(new Error('not used in this test'));
  const base = new Proxy({} as BridgeHandlers, { get: () => fail });
  return Object.assign(Object.create(base) as BridgeHandlers, { 'settings.get': async () => settings, ...overrides });
}

describe('the IPC dispatcher', () => {
  it('answers a call from the app with the service’s value', async () => {
    const dispatch = createIpcDispatcher({ handlers: handlers(), appOrigin: APP_ORIGIN });
    expect(await dispatch('app://enlight/index.html', 'settings.get', {})).toEqual({ ok: true, value: settings });
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a user-name trick', 'app://enlight@evil.example/'],
    ['a file', 'file:///home/me/evil.html'],
    ['a frame with no URL', undefined],
    ['about:blank', 'about:blank'],
  ])('refuses a frame from %s without calling the service', async (_what, frameUrl) => {
    const get = vi.fn(async () => settings);
    const dispatch = createIpcDispatcher({ handlers: handlers({ 'settings.get': get }), appOrigin: APP_ORIGIN });
    const result = await dispatch(frameUrl, 'settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(get).not.toHaveBeenCalled();
  });

  it.each(['students.delete', '__proto__', 'constructor', 'toString', 42, null])('rejects the unknown call name %s', async (name) => {
    const dispatch = createIpcDispatcher({ handlers: handlers(), appOrigin: APP_ORIGIN });
    const result = await dispatch(APP_ORIGIN + '/', name, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    if (!result.ok) expect(result.error.message).toMatch(/no call named/);
  });

  it('rejects input the call’s schema refuses, naming the field, and never calls the service', async () => {
    const set = vi.fn(async () => settings);
    const dispatch = createIpcDispatcher({ handlers: handlers({ 'settings.set': set }), appOrigin: APP_ORIGIN });
    const result = await dispatch(APP_ORIGIN + '/', 'settings.set', { theme: 'purple' });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { theme: [expect.any(String)] } } });
    if (!result.ok) expect(result.error.message).toMatch(/settings\.set.*theme/);
    expect(set).not.toHaveBeenCalled();

    const extra = await dispatch(APP_ORIGIN + '/', 'settings.get', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('passes the parsed input (trimmed, as the schema makes it) to the service', async () => {
    const open = vi.fn(async () => ({ accounts: [], current: null, keychain: true, keychainWarning: null, version: '1' }));
    const dispatch = createIpcDispatcher({ handlers: handlers({ 'accounts.open': open }), appOrigin: APP_ORIGIN });
    await dispatch(APP_ORIGIN + '/', 'accounts.open', { name: '  Main campus  ' });
    expect(open).toHaveBeenCalledWith({ name: 'Main campus' });
  });

  it('carries an EnlightError as its code, message and field errors only', async () => {
    const error = new EnlightError({ code: 'validation', message: 'The server refused it. Correct the values.', fieldErrors: { email: ['is taken'] }, endpoint: 'POST /api/v1/students', status: 422 });
    const dispatch = createIpcDispatcher({ handlers: handlers({ 'settings.get': () => Promise.reject(error) }), appOrigin: APP_ORIGIN });
    expect(await dispatch(APP_ORIGIN + '/', 'settings.get', {})).toEqual({
      ok: false,
      error: { code: 'validation', message: 'The server refused it. Correct the values.', fieldErrors: { email: ['is taken'] } },
    });
  });

  it('turns an unexpected error into a plain message, without its stack or details, and logs it', async () => {
    const log = vi.fn();
    const dispatch = createIpcDispatcher({ handlers: handlers({ 'settings.get': () => Promise.reject(new TypeError('secret internals at /home/me')) }), appOrigin: APP_ORIGIN, log });
    const result = await dispatch(APP_ORIGIN + '/', 'settings.get', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/unexpected problem/) } });
    expect(JSON.stringify(result)).not.toMatch(/secret internals|at \//);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('secret internals'));
  });

  it('says a full disk is full, rather than an unexpected problem that a restart would mend', async () => {
    // SQLite's own error, from a database capped as a full disk would cap it.
    const db = new Database(':memory:');
    db.pragma('max_page_count = 2');
    db.exec('CREATE TABLE t (x)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    let full: unknown;
    try {
      for (let i = 0; i < 1000; i++) insert.run('x'.repeat(1000));
    } catch (error) {
      full = error;
    }
    db.close();
    const log = vi.fn();
    const dispatch = createIpcDispatcher({ handlers: handlers({ 'settings.get': () => Promise.reject(full) }), appOrigin: APP_ORIGIN, log });
    expect(await dispatch(APP_ORIGIN + '/', 'settings.get', {})).toEqual({
      ok: false,
      error: { code: 'storage', message: expect.stringMatching(/^The disk holding Enlight Admin's data is full\. Free some space or fix the disk, then try again\./) },
    });
    expect(log).not.toHaveBeenCalled();
  });
});
