import { describe, expect, it } from 'vitest';
import { matchUser } from '../../../src/renderer/src/grid/userDirectory';

const users = [
  { id: 'u1', given_name: 'Chloe', family_name: 'Yang', email: 'chloe.yang@example.com' },
  { id: 'u2', given_name: 'Sam', family_name: 'Smith', email: 'sam@example.com' },
  { id: 'u3', given_name: 'Sam', family_name: 'Smith', email: 'sam.smith2@example.com' },
  { id: 'u4', given_name: '志明', family_name: '陳', email: 'zhiming.chen@example.com' },
];

describe('a user named in a cell', () => {
  it('is found by full name either way round, by email or by id, in any case', () => {
    expect(matchUser(users, 'chloe yang')).toEqual({ id: 'u1', name: 'Chloe Yang' });
    expect(matchUser(users, 'Yang Chloe')).toEqual({ id: 'u1', name: 'Chloe Yang' });
    expect(matchUser(users, 'SAM@example.com')).toEqual({ id: 'u2', name: 'Sam Smith' });
    expect(matchUser(users, 'u3')).toEqual({ id: 'u3', name: 'Sam Smith' });
    expect(matchUser(users, '陳志明')).toEqual({ id: 'u4', name: '志明 陳' });
  });

  it('is ambiguous when two share the name, and missing when none has it', () => {
    expect(matchUser(users, 'Sam Smith')).toBe('ambiguous');
    expect(matchUser(users, 'Chloe')).toBeUndefined();
  });
});
