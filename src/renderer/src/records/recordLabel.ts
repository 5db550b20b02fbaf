// How a person recognises a record in a list, a picker or a link: a course or group by its name,
// a person by their name (or email when they have none), an enrollment by student and course.
import type { GridResource } from '../../../shared/bridge';

type Row = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

export function recordLabel(resource: GridResource, row: Row): string {
  switch (resource) {
    case 'courses':
    case 'groups':
      return text(row['name']) || text(row['id']);
    case 'students':
    case 'users':
      return `${text(row['given_name'])} ${text(row['family_name'])}`.trim() || text(row['email']) || text(row['id']);
    case 'enrollments': {
      const parts = [text(row['student_name']), text(row['course_name'])].filter((p) => p !== '');
      return parts.length ? parts.join(' · ') : text(row['custom_name']) || text(row['id']);
    }
  }
}

/** A person's email beside their name, to tell two of the same name apart in a picker. */
export function recordHint(resource: GridResource, row: Row): string {
  return resource === 'students' || resource === 'users' ? text(row['email']) : '';
}
