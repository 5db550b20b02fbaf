import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/shared/bridge';
import { createSettingsStore, DEFAULT_SETTINGS } from '../../src/renderer/src/state/createSettingsStore';
import { bridgeFailure, deferred, fakeBridge } from './fakeBridge';

describe('the settings store', () => {
  it('applies the saved theme and language on load', async () => {
    const bridge = fakeBridge();
    bridge.handle('settings.get', () => ({ theme: 'dark', language: 'zh-TW' }));
    const store = createSettingsStore(bridge);
    expect(store.getState().settings).toEqual(DEFAULT_SETTINGS);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, settings: { theme: 'dark', language: 'zh-TW' } });
  });

  it('still opens, in the defaults, when the saved settings cannot be read', async () => {
    const bridge = fakeBridge();
    bridge.handle('settings.get', () => {
      throw bridgeFailure('server', 'settings file unreadable');
    });
    const store = createSettingsStore(bridge);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, settings: DEFAULT_SETTINGS });
  });

  it('changes at once and saves only what changed', async () => {
    const bridge = fakeBridge();
    const saved = deferred<Settings>();
    bridge.handle('settings.set', () => saved.promise);
    const store = createSettingsStore(bridge);
    const change = store.getState().change({ language: 'zh-TW' });
    expect(store.getState().settings.language).toBe('zh-TW');
    saved.resolve({ theme: 'system', language: 'zh-TW' });
    await change;
    expect(bridge.calls).toEqual([{ name: 'settings.set', input: { language: 'zh-TW' } }]);
  });

  it('goes back to the old value, with the reason, when saving fails', async () => {
    const bridge = fakeBridge();
    bridge.handle('settings.set', () => {
      throw bridgeFailure('server', 'disk full');
    });
    const store = createSettingsStore(bridge);
    await store.getState().change({ theme: 'dark' });
    expect(store.getState().settings.theme).toBe('system');
    expect(store.getState().error?.message).toBe('disk full');
  });
});
