import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from '../../src/renderer/src/routing/route';
import { resolveTheme } from '../../src/renderer/src/theme/resolveTheme';

describe('routes', () => {
  it('address each resource page, settings and adding an account, and survive a round trip', () => {
    for (const hash of ['#/courses', '#/students', '#/enrollments', '#/groups', '#/users', '#/settings', '#/add-account']) {
      expect(hrefFor(parseRoute(hash))).toBe(hash);
    }
  });

  it('open the courses on an empty or unknown address', () => {
    expect(parseRoute('')).toEqual({ screen: 'resource', resource: 'courses' });
    expect(parseRoute('#/nonsense')).toEqual({ screen: 'resource', resource: 'courses' });
  });
});

describe('themes', () => {
  it('follow the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
