// The app asks for no permission, so the window gets none.
import { describe, expect, it } from 'vitest';
import { denyPermissionCheck, denyPermissionRequest } from '../../../src/main/electron/permissionPolicy';

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'unknown'])('refuses a request for %s', (permission) => {
    const answers: boolean[] = [];
    denyPermissionRequest({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
  });

  it('refuses every check', () => {
    expect(denyPermissionCheck()).toBe(false);
  });
});
