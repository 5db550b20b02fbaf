// The grid bench's data: a real mirror store (our schema, migrations, indexes and full-text index)
// holding N synthetic students, written by the same path a sync writes (WriteBatch → MirrorStore).
// Built once per size into the OS temp folder and reused, because a million rows take minutes.
// The content is seeded, so every run and both grids see the same rows.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MirrorStore, type PageCheckpoint } from '../../src/main/store/MirrorStore';
import { WriteBatch } from '../../src/main/sync/WriteBatch';
import { seededRandom } from '../../src/sandbox/chaos';
import { gravatarUrl } from '../../src/sandbox/endpoints/students';
import { LOCALES } from '../../src/sandbox/model';
import { COMPANIES, FAMILY_NAMES, GIVEN_NAMES, TIME_ZONES } from '../../src/sandbox/seed/names';

/** Bump when the generated content changes, so old caches are not reused. */
const CONTENT_VERSION = 1;
const PAGE = 100;
const CREATED_FROM = Date.UTC(2022, 0, 1);

export const CACHE_DIR = join(tmpdir(), 'enlight-bench-grid');

/** Values that have broken grids before: markup, quotes, very long, right-to-left, emoji, empty. */
const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE students;--",
  'Ṱ̈́ḁ̷l͠ǒ̡ '.repeat(3).trim(),
  'مُحَمَّد عبد الله',
  '👩‍🚒🧑🏽‍💻',
  'W'.repeat(400),
  '',
];

export interface StudentStore {
  store: MirrorStore;
  /** Seconds the build took, or null when a cached store was reused. */
  builtInSeconds: number | null;
}

/** Opens the cached store of `rows` students, building it first if there is none. */
export async function openStudentStore(rows: number): Promise<StudentStore> {
  const file = join(CACHE_DIR, `students-${rows}-v${CONTENT_VERSION}.sqlite`);
  // Written once the build is complete, so an interrupted build is never reused.
  const complete = `${file}.complete`;
  if (existsSync(complete)) {
    // Opening migrates a store built before newer migrations, as the app does; one built under a
    // migration edited since cannot be opened, and is built again.
    try {
      return { store: MirrorStore.open(file), builtInSeconds: null };
    } catch (error) {
      console.log(`the cached store ${file} cannot be used (${error instanceof Error ? error.message : String(error)}): building it again`);
    }
  }
  for (const suffix of ['.complete', '', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  mkdirSync(CACHE_DIR, { recursive: true });

  console.log(`building a store of ${rows.toLocaleString('en-US')} students in ${CACHE_DIR} (once; reused by later runs)…`);
  const startedAt = performance.now();
  const store = MirrorStore.open(file);
  const { pass } = store.beginListPass('students', { deferIndexes: true });
  const writer = new WriteBatch<{ records: Record<string, unknown>[]; checkpoint: PageCheckpoint }>((pages) => store.storePages('students', pass, pages));
  const student = studentMaker(rows);
  for (let offset = 0; offset < rows; offset += PAGE) {
    const page = Array.from({ length: Math.min(PAGE, rows - offset) }, (_, i) => student(offset + i));
    writer.add({ records: page, checkpoint: { nextOffset: offset + page.length, anchorIds: page.slice(-2).map((s) => String(s['id'])), drifted: false, newRecords: page.length } });
    // A sync waits on the network between pages; without such pauses the store's checkpointer
    // (a timer) never runs and the WAL grows to gigabytes.
    await new Promise(setImmediate);
  }
  writer.flush();
  store.finishListPass('students', pass);
  await store.buildDeferredIndexes('students');
  // As a store left to settle after a sync would be: everything in the database file, the WAL empty.
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  writeFileSync(complete, '');
  return { store, builtInSeconds: (performance.now() - startedAt) / 1000 };
}

/** Student number i, always the same for the same i and total. */
function studentMaker(rows: number): (i: number) => Record<string, unknown> {
  const random = seededRandom(rows);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  // One hostile record every 997, so each window of a large list meets a few.
  const hostileEvery = 997;
  return (i) => {
    const given = pick(GIVEN_NAMES);
    const family = pick(FAMILY_NAMES);
    const hostile = i % hostileEvery === 500 ? (HOSTILE_NAMES[Math.floor(i / hostileEvery) % HOSTILE_NAMES.length] as string) : null;
    // Emails are unique (the serial), so a row's email tells which row a grid shows.
    const email = i % hostileEvery === 700 ? `o'hara+<b>${i}</b>@example.org` : `${given.ascii}.${family.ascii}${i + 1}@example.org`;
    const created = new Date(CREATED_FROM + Math.floor(random() * 900) * 86_400_000).toISOString();
    return {
      id: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      given_name: hostile ?? given.text,
      family_name: hostile && i % 2 === 0 ? hostile : family.text,
      email,
      company_name: random() < 0.6 ? pick(COMPANIES) : null,
      external_id: random() < 0.5 ? String(10000 + Math.floor(random() * 900000)) : null,
      locale: pick(LOCALES),
      time_zone: pick(TIME_ZONES),
      gravatar_url: gravatarUrl(email),
      created_at: created,
      updated_at: created,
    };
  };
}
