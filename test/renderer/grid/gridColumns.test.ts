import { describe, expect, it } from 'vitest';
import { GRID_RESOURCES } from '../../../src/shared/bridge';
import { FIELDS } from '../../../src/shared/editableFields';
import { MIRROR_COLUMNS } from '../../../src/main/store/mirrorColumns';
import { GRID_COLUMNS } from '../../../src/renderer/src/grid/gridColumns';
import { DEFAULT_LAYOUT, placeColumns } from '../../../src/renderer/src/grid/columnLayout';
import { en } from '../../../src/renderer/src/i18n/en';

const shown = (resource: keyof typeof GRID_COLUMNS) => placeColumns(GRID_COLUMNS[resource], DEFAULT_LAYOUT).map((p) => p.column.key);

describe('the grid’s columns', () => {
  it('offer sorting only on columns the back end can sort in SQLite', () => {
    for (const resource of GRID_RESOURCES) {
      const refused = GRID_COLUMNS[resource].filter((c) => c.sortable && !(c.key in MIRROR_COLUMNS[resource])).map((c) => c.key);
      expect(refused, resource).toEqual([]);
    }
  });

  it('show each resource’s identifying fields by default, each with a translated heading', () => {
    expect(shown('students')).toEqual(['given_name', 'family_name', 'email', 'external_id', 'locale', 'time_zone']);
    expect(shown('enrollments')).toEqual(['student_name', 'course_name', 'instructor_name', 'started_at', 'completed_at', 'expires_at', 'active', 'group_names']);
    for (const resource of GRID_RESOURCES) {
      expect(shown(resource).length, resource).toBeGreaterThan(0);
      expect(GRID_COLUMNS[resource].some((c) => c.hiddenByDefault), `${resource} offers extra columns`).toBe(true);
      for (const c of GRID_COLUMNS[resource]) expect(en).toHaveProperty([c.label]);
    }
  });

  it('let a person edit only the fields the API lets them change', () => {
    for (const resource of GRID_RESOURCES) {
      const refused = GRID_COLUMNS[resource].filter((c) => c.editor && !FIELDS[resource].update.includes(c.editor.field)).map((c) => c.key);
      expect(refused, resource).toEqual([]);
    }
    const editable = (resource: keyof typeof GRID_COLUMNS) => GRID_COLUMNS[resource].filter((c) => c.editor).map((c) => `${c.key}→${c.editor!.field}:${c.editor!.kind}`);
    expect(editable('enrollments')).toEqual(['instructor_name→instructor_id:user', 'expires_at→expires_at:date']);
    expect(GRID_COLUMNS.enrollments.find((c) => c.key === 'expires_at')?.editor?.future).toBe(true);
    expect(editable('students')).toContain('locale→locale:choice');
    expect(editable('users')).toContain('role→role:choice');
  });
});
