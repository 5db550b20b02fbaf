import { describe, expect, it } from 'vitest';
import { GRID_RESOURCES } from '../../../src/shared/bridge';
import { MIRROR_COLUMNS } from '../../../src/main/store/mirrorColumns';
import { GRID_COLUMNS } from '../../../src/renderer/src/grid/gridColumns';
import { en } from '../../../src/renderer/src/i18n/en';

describe('the grid’s columns', () => {
  it('offer sorting only on columns the back end can sort in SQLite', () => {
    for (const resource of GRID_RESOURCES) {
      const refused = GRID_COLUMNS[resource].filter((c) => c.sortable && !(c.key in MIRROR_COLUMNS[resource])).map((c) => c.key);
      expect(refused, resource).toEqual([]);
    }
  });

  it('show each resource’s identifying fields, each with a translated heading', () => {
    expect(GRID_COLUMNS.students.map((c) => c.key)).toEqual(['given_name', 'family_name', 'email', 'external_id', 'locale', 'time_zone']);
    expect(GRID_COLUMNS.enrollments.map((c) => c.key)).toEqual(['student_id', 'course_id', 'instructor_id', 'started_at', 'completed_at', 'expires_at', 'active']);
    for (const resource of GRID_RESOURCES) {
      expect(GRID_COLUMNS[resource].length, resource).toBeGreaterThan(0);
      for (const c of GRID_COLUMNS[resource]) expect(en).toHaveProperty([c.label]);
    }
  });
});
