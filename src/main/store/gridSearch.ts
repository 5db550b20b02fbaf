// The grid's search box as SQL. Each word must match somewhere in the record: words of three
// characters or more through the trigram full-text index, shorter ones by scanning the columns.
// Records with local edits are matched on their edited values; enrollments are found through
// their student's name or email and their course's name.
import { containsPattern, type SqlPart } from './filterClause';
import type { MirrorResource } from './mirrorColumns';

/** Which rows a condition is over: the mirror table itself, or records as edited locally. */
export type RowSource = 'mirror' | 'edited';

interface TextSearch {
  /** The full-text index searched, if any: a short table is scanned whatever the word's length. */
  fts?: string;
  /** The columns the full-text index holds. */
  indexed: readonly string[];
  /** Columns also searched, by scanning: kept out of the index because it makes every sync costlier. */
  scanned: readonly string[];
}

const TEXT_SEARCH: Partial<Record<MirrorResource, TextSearch>> = {
  students: { fts: 'students_fts', indexed: ['given_name', 'family_name', 'email'], scanned: ['company_name', 'external_id'] },
  users: { fts: 'users_fts', indexed: ['given_name', 'family_name', 'email'], scanned: [] },
  courses: { fts: 'courses_fts', indexed: ['name', 'summary'], scanned: [] },
  groups: { fts: 'groups_fts', indexed: ['name'], scanned: [] },
};

/**
 * An enrollment is found through its course's name, not the summary: the search box offers names
 * and emails, and a summary's words (a letter or two, "safety") matched nearly every enrollment.
 * Courses are few (hundreds): their names are scanned, which is as quick as the full-text index
 * and keeps the summaries out.
 */
const COURSE_NAMES: TextSearch = { indexed: [], scanned: ['name'] };

/** At most this many words count; the rest of a pasted paragraph is ignored. */
const MAX_WORDS = 8;

export function searchWords(search: string | undefined): string[] {
  return (search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
}

function anyLike(alias: string, columns: readonly string[], word: string): SqlPart {
  const pattern = containsPattern(word);
  return { sql: `(${columns.map((c) => `${alias}.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, params: columns.map(() => pattern) };
}

/**
 * The resources whose full-text index is being rebuilt (during their first listing; see
 * deferredIndexes.ts): searching them scans the columns instead, so that no record is missed. It
 * holds enrollments too while their indexes are being rebuilt: their search goes through them.
 */
export type UnindexedText = ReadonlySet<string>;

/** Rowids of the mirror table's records matching one word. */
function mirrorRowids(resource: MirrorResource, spec: TextSearch, word: string, unindexed: UnindexedText): SqlPart {
  if (!spec.fts || [...word].length < 3 || unindexed.has(resource)) {
    const like = anyLike('m', [...spec.indexed, ...spec.scanned], word);
    return { sql: `SELECT m.rowid FROM ${resource} m WHERE ${like.sql}`, params: like.params };
  }
  const phrase = `"${word.replace(/"/g, '""')}"`;
  const indexed = `SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH ?`;
  if (spec.scanned.length === 0) return { sql: indexed, params: [phrase] };
  const scanned = anyLike('m', spec.scanned, word);
  // UNION ALL (the caller asks `rowid IN`, so a rowid found twice does no harm): a UNION would be
  // merged in rowid order, which makes SQLite scan the table rather than a narrower index that
  // holds the scanned columns (students_company).
  return { sql: `${indexed} UNION ALL SELECT m.rowid FROM ${resource} m WHERE ${scanned.sql}`, params: [phrase, ...scanned.params] };
}

/** Ids of the records matching one word as the user sees them (mirror, or edited locally). */
function currentIds(resource: MirrorResource, spec: TextSearch, word: string, unindexed: UnindexedText): SqlPart {
  const mirror = mirrorRowids(resource, spec, word, unindexed);
  const edited = anyLike('o', [...spec.indexed, ...spec.scanned], word);
  return {
    sql: `SELECT id FROM ${resource} WHERE rowid IN (${mirror.sql}) AND id NOT IN (SELECT id FROM ${resource}_overlay)
      UNION ALL SELECT o.id FROM ${resource}_overlay o WHERE o.deleted = 0 AND ${edited.sql}`,
    params: [...mirror.params, ...edited.params],
  };
}

/**
 * The search as a condition over the row `r`, or undefined when there is nothing to search for.
 * `sorted`: the rows are wanted in another order than the mirror's own (a sorted grid).
 */
export function searchCondition(
  resource: MirrorResource,
  search: string | undefined,
  source: RowSource,
  unindexed: UnindexedText = new Set(),
  options: { sorted?: boolean } = {},
): SqlPart | undefined {
  const words = searchWords(search);
  if (words.length === 0) return undefined;
  const parts: SqlPart[] = words.map((word) => {
    if (resource === 'enrollments') {
      const students = currentIds('students', TEXT_SEARCH.students as TextSearch, word, unindexed);
      const courses = currentIds('courses', COURSE_NAMES, word, unindexed);
      const params = [...students.params, ...courses.params];
      if (source === 'mirror' && options.sorted && !unindexed.has('enrollments')) {
        // Sorted, the matches are found as rowids off the student and course indexes alone, and
        // the `+` stops SQLite from then reading each match's row by its rowid: it walks the sort's
        // own index and keeps the rows in that set. Over 200,000 enrollments, a two-letter word
        // (87,000 matches) sorted by course came back in 152 ms instead of 370 (no row read at all);
        // a name that matches a few costs a walk of the index, 17–19 ms instead of 8–10. Unsorted,
        // reading the few rows that match is quicker: the other form.
        return {
          sql: `+r.rowid IN (SELECT e.rowid FROM enrollments e WHERE e.student_id IN (${students.sql}) UNION ALL SELECT e.rowid FROM enrollments e WHERE e.course_id IN (${courses.sql}))`,
          params,
        };
      }
      return { sql: `(r.student_id IN (${students.sql}) OR r.course_id IN (${courses.sql}))`, params };
    }
    const spec = TEXT_SEARCH[resource];
    if (!spec) return { sql: '0', params: [] };
    // A mirror row shown as it is matches on its indexed text; a row edited locally on its own
    // columns, and so does a row of a table in its first listing, whose full-text index is being
    // rebuilt: asked of the row itself, only the rows the query reads are matched (a grid kept
    // through a first listing reads only the rows added since: listingAnswers.ts).
    if (source === 'mirror' && !unindexed.has(resource)) {
      const rowids = mirrorRowids(resource, spec, word, unindexed);
      return { sql: `r.rowid IN (${rowids.sql})`, params: rowids.params };
    }
    return anyLike('r', [...spec.indexed, ...spec.scanned], word);
  });
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}
