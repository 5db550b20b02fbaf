// The native menu: text fields get undo and the clipboard everywhere, and a built app has no reload or developer tools.
import { describe, expect, it, vi } from 'vitest';
import { HELP_URL, menuTemplate } from '../../../src/main/electron/menuTemplate';

type MenuItemConstructorOptions = ReturnType<typeof menuTemplate>[number];

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

function submenu(items: MenuItemConstructorOptions[], role: string): MenuItemConstructorOptions[] {
  const found = items.find((i) => i.role === role);
  return Array.isArray(found?.submenu) ? found.submenu : [];
}

describe('the menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('has the editing roles text fields need on %s', (platform) => {
    const edit = roles(submenu(menuTemplate({ appName: 'Enlight Admin', platform, dev: false, openExternal: () => {} }), 'editMenu'));
    expect(edit).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('has the macOS application menu with quit only on macOS', () => {
    const mac = menuTemplate({ appName: 'Enlight Admin', platform: 'darwin', dev: false, openExternal: () => {} });
    expect(mac[0]?.label).toBe('Enlight Admin');
    expect(roles(mac[0]?.submenu as MenuItemConstructorOptions[])).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
    const linux = menuTemplate({ appName: 'Enlight Admin', platform: 'linux', dev: false, openExternal: () => {} });
    expect(linux[0]?.role).toBe('fileMenu');
    expect(roles(linux)).toContain('quit');
  });

  it('offers reload and developer tools in development only', () => {
    const built = roles(menuTemplate({ appName: 'Enlight Admin', platform: 'linux', dev: false, openExternal: () => {} }));
    expect(built).not.toContain('reload');
    expect(built).not.toContain('forceReload');
    expect(built).not.toContain('toggleDevTools');
    const dev = roles(menuTemplate({ appName: 'Enlight Admin', platform: 'linux', dev: true, openExternal: () => {} }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('opens the help link in the browser', () => {
    const openExternal = vi.fn();
    const help = submenu(menuTemplate({ appName: 'Enlight Admin', platform: 'win32', dev: false, openExternal }), 'help');
    const click = help[0]?.click as (() => void) | undefined;
    click?.();
    expect(openExternal).toHaveBeenCalledWith(HELP_URL);
  });
});
