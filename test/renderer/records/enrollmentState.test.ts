import { describe, expect, it } from 'vitest';
import { enrollmentState } from '../../../src/renderer/src/records/enrollmentState';

const now = Date.parse('2026-11-23T12:00:00Z');

describe('an enrollment’s state', () => {
  it('follows the order the back end counts in: cancelled, completed, expired, active', () => {
    expect(enrollmentState({ active: false, completed_at: '2026-01-01T00:00:00Z' }, now)).toBe('cancelled');
    expect(enrollmentState({ active: true, completed_at: '2026-01-01T00:00:00Z', expires_at: '2026-02-01T00:00:00Z' }, now)).toBe('completed');
    expect(enrollmentState({ active: true, completed_at: null, expires_at: '2026-11-23T11:59:59Z' }, now)).toBe('expired');
    expect(enrollmentState({ active: true, completed_at: null, expires_at: '2026-11-24T00:00:00Z' }, now)).toBe('active');
    expect(enrollmentState({ active: 1, completed_at: null, expires_at: null }, now)).toBe('active');
  });
});
