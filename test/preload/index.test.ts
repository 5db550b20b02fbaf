// The preload as the page sees it: exactly window.enlight = { invoke, on }, payloads without the
// IPC event, only known events. Electron cannot run here, so its module is replaced by a recorder.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, type EnlightBridge } from '../../src/shared/bridge';
import { PRELOAD_EVENT_NAMES } from '../../src/preload/channels';

type Handler = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const handlers = new Map<string, Set<Handler>>();
  return {
    exposed,
    handlers,
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  };
});

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, handler: Handler) => {
      if (!electron.handlers.has(channel)) electron.handlers.set(channel, new Set());
      electron.handlers.get(channel)?.add(handler);
    },
    removeListener: (channel: string, handler: Handler) => electron.handlers.get(channel)?.delete(handler),
  },
}));

await import('../../src/preload/index');
const enlight = electron.exposed.get('enlight') as EnlightBridge;

/** What Electron does when the main side sends on a channel: the IPC event first, then the payload. */
function send(channel: string, payload: unknown) {
  const ipcEvent = { sender: { send: () => {} }, ports: [] };
  for (const h of electron.handlers.get(channel) ?? []) h(ipcEvent, payload);
}

beforeEach(() => electron.invoke.mockReset());

describe('the preload', () => {
  it('exposes window.enlight and nothing else, with exactly invoke and on', () => {
    expect([...electron.exposed.keys()]).toEqual(['enlight']);
    expect(Object.keys(enlight).sort()).toEqual(['invoke', 'on']);
    expect(typeof enlight.invoke).toBe('function');
    expect(typeof enlight.on).toBe('function');
  });

  it('knows the same events as the contract', () => {
    expect([...PRELOAD_EVENT_NAMES].sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('sends a call on enlight:invoke and resolves with its value', async () => {
    electron.invoke.mockResolvedValue({ ok: true, value: { theme: 'dark', language: 'en' } });
    expect(await enlight.invoke('settings.get', {})).toEqual({ theme: 'dark', language: 'en' });
    expect(electron.invoke).toHaveBeenCalledWith('enlight:invoke', 'settings.get', {});
  });

  it('rejects with the failure’s code, message and field errors as plain data', async () => {
    electron.invoke.mockResolvedValue({ ok: false, error: { code: 'validation', message: 'Name is taken.', fieldErrors: { name: ['is taken'] } } });
    await expect(enlight.invoke('accounts.add', { name: 'A', baseUrl: 'https://a.enlight.io', apiKey: 'k' })).rejects.toEqual({
      code: 'validation',
      message: 'Name is taken.',
      fieldErrors: { name: ['is taken'] },
    });
  });

  it('gives listeners the payload only, never the IPC event', () => {
    const received: unknown[][] = [];
    enlight.on('data:changed', (...args: unknown[]) => received.push(args));
    send('enlight:event:data:changed', { resource: 'students', ids: ['1'] });
    expect(received).toEqual([[{ resource: 'students', ids: ['1'] }]]);
  });

  it('stops calling a listener once it unsubscribes', () => {
    const listener = vi.fn();
    const off = enlight.on('sync:status', listener);
    send('enlight:event:sync:status', { running: true });
    off();
    send('enlight:event:sync:status', { running: false });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(electron.handlers.get('enlight:event:sync:status')?.size ?? 0).toBe(0);
  });

  it('refuses events the contract does not name, so the page cannot listen on other channels', () => {
    for (const name of ['enlight:invoke', 'ELECTRON_BROWSER_REQUIRE', 'sync:progress\u0000', '__proto__', 'toString']) {
      expect(() => enlight.on(name as 'sync:progress', () => {})).toThrow(/no event named/);
    }
    expect([...electron.handlers.keys()].every((c) => c.startsWith('enlight:event:'))).toBe(true);
  });
});
