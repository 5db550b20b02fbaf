// The one error an all-or-nothing bulk edit gives when some rows fail the checks: how many, which
// (by name and id) with the server's own words, and what to do. Nothing was queued.
import { EnlightError } from '../../shared/errors';
import { describeFieldErrors, type EditResource, type FieldErrors } from './editRules';

export interface BulkFailure {
  id: string;
  message: string;
  fieldErrors: FieldErrors | null;
}

/** Rows named in the message; the rest are counted. */
const NAMED = 3;

export function bulkError(resource: EditResource, verb: string, total: number, failures: BulkFailure[], label: (id: string) => string): EnlightError {
  const named = failures.slice(0, NAMED).map((f) => `${label(f.id)}: ${f.fieldErrors ? describeFieldErrors(f.fieldErrors) : f.message.replace(/\.$/, '')}`);
  const more = failures.length - named.length;
  const one = failures.length === 1;
  const message =
    `No ${resource} were ${verb}: ${failures.length} of ${total} ${one ? 'was' : 'were'} refused. ` +
    `${named.join('; ')}${more ? `; and ${more} more` : ''}. Fix ${one ? 'it' : 'them'} or leave ${one ? 'it' : 'them'} out, then try again.`;
  // Every field that failed, with each different message once: the grid marks those columns.
  const fieldErrors: FieldErrors = {};
  for (const f of failures) {
    for (const [field, messages] of Object.entries(f.fieldErrors ?? {})) {
      const known = (fieldErrors[field] ??= []);
      for (const m of messages) if (!known.includes(m)) known.push(m);
    }
  }
  return new EnlightError({ code: 'validation', message, fieldErrors: Object.keys(fieldErrors).length ? fieldErrors : undefined });
}
