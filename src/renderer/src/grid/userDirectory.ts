// Users by name, for the cells that hold one (an enrollment's instructor): the names a person types
// or pastes are looked up with `users.query`, never by holding the users table in the renderer.
import type { EnlightBridge } from '../../../shared/bridge';
import type { UserMatch } from './cellValue';

type Row = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function userName(row: Row): string {
  return `${text(row['given_name'])} ${text(row['family_name'])}`.trim();
}

/** The ways a person may name a user: id, email, "given family" or "family given", lower-case. */
function namesOf(row: Row): string[] {
  const given = text(row['given_name']).trim();
  const family = text(row['family_name']).trim();
  return [text(row['id']), text(row['email']), `${given} ${family}`.trim(), `${family} ${given}`.trim(), `${family}${given}`].map((n) => n.toLowerCase()).filter((n) => n !== '');
}

/** The user `typed` names among `rows`, 'ambiguous' when several share that name. */
export function matchUser(rows: readonly Row[], typed: string): UserMatch | 'ambiguous' | undefined {
  const wanted = typed.trim().toLowerCase();
  const found = rows.filter((row) => namesOf(row).includes(wanted));
  const ids = new Set(found.map((row) => text(row['id'])));
  if (ids.size > 1) return 'ambiguous';
  const row = found[0];
  return row ? { id: text(row['id']), name: userName(row) } : undefined;
}

/** Users whose name or email contains `typed` (the first ones by family name when it is blank). */
export async function suggestUsers(bridge: EnlightBridge, typed: string, limit = 20): Promise<Row[]> {
  const search = typed.trim();
  const answer = await bridge.invoke('users.query', { sort: [{ column: 'family_name' }, { column: 'given_name' }], offset: 0, limit, ...(search ? { search } : {}) });
  return answer.rows;
}

/** The users that might be the one `typed` names: searched by its longest word, or by id. */
async function candidatesFor(bridge: EnlightBridge, typed: string): Promise<Row[]> {
  const search = typed.trim();
  const byId = await bridge.invoke('users.query', { filters: [{ column: 'id', op: 'eq', value: search }], offset: 0, limit: 1 });
  if (byId.rows.length > 0) return byId.rows;
  // Given and family names are indexed apiece, so a full name is searched by one of its words.
  const term = search.includes('@') ? search : ([...search.split(/\s+/)].sort((a, b) => b.length - a.length)[0] ?? search);
  return (await bridge.invoke('users.query', { search: term, offset: 0, limit: 200 })).rows;
}

/** Looks up every distinct name at once, for a pasted block: a function that answers from what was found. */
export async function resolveUsers(bridge: EnlightBridge, typed: Iterable<string>): Promise<(text: string) => UserMatch | 'ambiguous' | undefined> {
  const answers = new Map<string, UserMatch | 'ambiguous' | undefined>();
  for (const name of new Set([...typed].map((t) => t.trim()).filter((t) => t !== ''))) {
    answers.set(name.toLowerCase(), matchUser(await candidatesFor(bridge, name), name));
  }
  return (t) => answers.get(t.trim().toLowerCase());
}
