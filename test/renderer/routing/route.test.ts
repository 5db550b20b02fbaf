import { describe, expect, it } from 'vitest';
import { gridLinkHref } from '../../../src/renderer/src/routing/gridLink';
import { hrefFor, parseRoute } from '../../../src/renderer/src/routing/route';

describe('a grid’s address with filters', () => {
  const filters = [
    { column: 'state', op: 'eq' as const, value: 'expired' },
    { column: 'expires_at', op: 'lt' as const, value: '2026-12-01T00:00:00.000Z' },
  ];

  it('opens the grid with those filters, and survives a round trip', () => {
    const href = gridLinkHref({ resource: 'enrollments', filters });
    expect(parseRoute(href)).toEqual({ screen: 'resource', resource: 'enrollments', filters });
    expect(hrefFor(parseRoute(href))).toBe(href);
  });

  it('is the plain section address without filters, and ignores filters it cannot read', () => {
    expect(hrefFor({ screen: 'resource', resource: 'groups', filters: [] })).toBe('#/groups');
    expect(parseRoute('#/groups?filters=not-json')).toEqual({ screen: 'resource', resource: 'groups' });
    expect(parseRoute('#/groups?filters=%5B%7B%22nope%22%3A1%7D%5D')).toEqual({ screen: 'resource', resource: 'groups' });
  });

  it('still addresses the other screens, the overview among them', () => {
    for (const hash of ['#/overview', '#/settings', '#/add-account']) expect(hrefFor(parseRoute(hash))).toBe(hash);
    expect(parseRoute('#/nonsense?filters=[]')).toEqual({ screen: 'resource', resource: 'courses' });
  });
});
