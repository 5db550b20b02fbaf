// Finds out whether a create whose answer was lost (a timeout, a reset after sending, a 5xx, an
// unreadable answer, or a crash while waiting) was carried out, without sending it again.
//
// Lists are in creation order, so anything created since the last pull sits after every record
// that pull saw. Reading the list's tail from a record the pull saw to the end therefore sees every
// record created since, ours included if it exists. (Records our own pushes created are newer than
// the pull and may be newer than ours too, so they never serve as that starting point.) Among the
// records of the tail the mirror does not know, the ones that match what we sent are the
// candidates: one is adopted, none means surely absent (send again), several means the user must
// say which is theirs.
import type { MirrorStore } from '../store/MirrorStore';
import type { EditResource } from './editRules';
import type { OutboxEntry } from './outboxEntry';

type Json = Record<string, unknown>;

export interface ReconcileClient {
  list(resource: EditResource, page: { limit: number; offset: number }, signal?: AbortSignal): Promise<object[]>;
}

export type Reconciled = { found: Json } | { absent: true } | { candidates: Json[] };

const PAGE = 100;
const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);

export interface Knowledge {
  /** The mirror holds this record. */
  known(resource: EditResource, id: string): boolean;
  /** A pull saw this record (it is not one our pushes created): it is older than anything created since. */
  pulled(resource: EditResource, id: string): boolean;
  /** Records of the resource our pushes created. */
  pushedCount(resource: EditResource): number;
}

/** Records created since the last pull that the mirror does not know. */
async function newRecords(client: ReconcileClient, store: MirrorStore, resource: EditResource, knowledge: Knowledge, signal?: AbortSignal): Promise<{ records: Json[]; requests: number }> {
  let requests = 0;
  let step = PAGE;
  let offset = Math.max(0, store.count(resource) - knowledge.pushedCount(resource) - PAGE);
  let first: Json[];
  // Step back until the first page starts on a record the pull saw (or at the top of the list).
  for (;;) {
    first = (await client.list(resource, { limit: PAGE, offset }, signal)) as Json[];
    requests++;
    if (offset === 0 || (first[0] && knowledge.pulled(resource, String(first[0]['id'])))) break;
    offset = Math.max(0, offset - step);
    step *= 2;
  }
  const records = [...first];
  let page = first;
  while (page.length === PAGE) {
    offset += PAGE;
    page = (await client.list(resource, { limit: PAGE, offset }, signal)) as Json[];
    requests++;
    records.push(...page);
  }
  return { records: records.filter((r) => !knowledge.known(resource, String(r['id']))), requests };
}

export async function reconcileCreate(
  entry: OutboxEntry,
  sent: Json,
  client: ReconcileClient,
  store: MirrorStore,
  knowledge: Knowledge,
  signal?: AbortSignal,
): Promise<{ result: Reconciled; requests: number }> {
  let requests = 0;
  const tail = async (resource: EditResource) => {
    const t = await newRecords(client, store, resource, knowledge, signal);
    requests += t.requests;
    return t.records;
  };
  const decide = (matches: Json[]): Reconciled => (matches.length === 1 ? { found: matches[0] as Json } : matches.length === 0 ? { absent: true } : { candidates: matches });

  switch (entry.resource) {
    case 'students':
    case 'users': {
      // Emails are unique: a new record with ours is ours.
      const matches = (await tail(entry.resource)).filter((r) => lower(r['email']) === lower(sent['email']));
      return { result: decide(matches), requests };
    }
    case 'courses': {
      const matches = (await tail('courses')).filter((r) => lower(r['name']) === lower(sent['name']));
      return { result: decide(matches), requests };
    }
    case 'groups': {
      const matches = (await tail('groups')).filter((r) => r['name'] === sent['name']);
      return { result: decide(matches), requests };
    }
    case 'enrollments': {
      let studentId = sent['student_id'];
      if (typeof studentId !== 'string') {
        // Created together with a new student: if that student does not exist, neither does the enrollment.
        const students = (await tail('students')).filter((r) => lower(r['email']) === lower(sent['student_email']));
        if (students.length === 0) return { result: { absent: true }, requests };
        if (students.length > 1) return { result: { candidates: students }, requests };
        studentId = (students[0] as Json)['id'];
      }
      const matches = (await tail('enrollments')).filter((r) => r['course_id'] === sent['course_id'] && r['student_id'] === studentId);
      return { result: decide(matches), requests };
    }
  }
}
