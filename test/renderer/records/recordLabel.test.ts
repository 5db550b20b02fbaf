import { describe, expect, it } from 'vitest';
import { recordHint, recordLabel } from '../../../src/renderer/src/records/recordLabel';

describe('a record’s label', () => {
  it('is a name, or what a person would recognise when there is none', () => {
    expect(recordLabel('courses', { id: 'c', name: ' Forklift safety ' })).toBe('Forklift safety');
    expect(recordLabel('students', { id: 's', given_name: 'Ann', family_name: 'Lee', email: 'ann@example.org' })).toBe('Ann Lee');
    expect(recordLabel('users', { id: 'u', given_name: '', family_name: '', email: 'boss@example.org' })).toBe('boss@example.org');
    expect(recordLabel('users', { id: 'u2', given_name: null, family_name: null, email: 'x@example.com' })).toBe('x@example.com');
    expect(recordLabel('enrollments', { id: 'e', student_name: 'Ann Lee', course_name: 'Forklift safety' })).toBe('Ann Lee · Forklift safety');
    expect(recordLabel('groups', { id: 'g-1' })).toBe('g-1');
    expect(recordLabel('courses', { id: 'c1', name: null })).toBe('c1');
    expect(recordHint('students', { email: 'ann@example.org' })).toBe('ann@example.org');
    expect(recordHint('courses', { email: 'x' })).toBe('');
  });
});
