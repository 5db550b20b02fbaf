// The drift-proof paging on its own, against a list that changes between page requests exactly
// where each test says (the sandbox's chaos drift strikes at random; see pull.test.ts for that).
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, runawayLimit, walkList, type WalkCheckpoint } from '../../../src/main/sync/walkList';
import { isEnlightError } from '../../../src/shared/errors';

type Rec = { id: string };

/** A server list in creation order, with a hook that may change it before each page is served. */
function serverList(size: number) {
  let serial = 0;
  const items: Rec[] = Array.from({ length: size }, () => ({ id: `r${serial++}` }));
  const log: number[] = [];
  return {
    items,
    log,
    beforeServe: (_offset: number, _n: number) => {},
    create() {
      items.push({ id: `r${serial++}` });
    },
    fetchPage(offset: number): Promise<Rec[]> {
      log.push(offset);
      this.beforeServe(offset, log.length);
      return Promise.resolve(items.slice(offset, offset + PAGE_SIZE).map((r) => ({ ...r })));
    },
  };
}

async function walk(list: ReturnType<typeof serverList>, options: { concurrency?: number; expectedTotal?: number | null; start?: WalkCheckpoint } = {}) {
  const stored = new Map<string, Rec>();
  let checkpoint: WalkCheckpoint = options.start ?? { nextOffset: 0, anchorIds: [] };
  const result = await walkList({
    resource: 'students',
    start: checkpoint,
    concurrency: options.concurrency ?? 4,
    expectedTotal: options.expectedTotal ?? null,
    fetchPage: (offset) => list.fetchPage(offset),
    storePage: (records, cp) => {
      for (const r of records) stored.set(r['id'] as string, r as Rec);
      checkpoint = { nextOffset: cp.nextOffset, anchorIds: cp.anchorIds };
    },
  });
  return { result, stored, checkpoint: () => checkpoint };
}

describe('paging a list that holds still', () => {
  it('gets every record once, with pages overlapping by one record', async () => {
    const list = serverList(1000);
    const { result, stored } = await walk(list, { concurrency: 1 });
    expect([...stored.keys()]).toEqual(list.items.map((r) => r.id));
    expect(result).toMatchObject({ drifted: false, records: 1000 });
    expect(list.log.slice(0, 3)).toEqual([0, 99, 198]);
  });

  it('listing a list for the first time asks for no page past the end of a short one, and a few at most for a long one', async () => {
    for (const [size, extra] of [[0, 0], [50, 0], [250, 0], [350, 0], [550, 1], [5000, 3]] as const) {
      const list = serverList(size);
      const { result, stored } = await walk(list, { concurrency: 4, expectedTotal: null });
      expect(stored.size).toBe(size);
      // Pages at 0, 99, 198, ...: the first short one ends the list.
      const needed = Math.max(1, Math.ceil((size + 1) / 99));
      expect(result.requests - needed, `${size} records`).toBeLessThanOrEqual(extra);
    }
  });

  it('asks for no page past the end when it knows how long the list was', async () => {
    const list = serverList(1000);
    const { result } = await walk(list, { concurrency: 4, expectedTotal: 1000 });
    // Pages start at 0, 99, ..., 990; the one at 990 is short, which says the list has ended.
    expect(result.requests).toBe(Math.ceil(1000 / 99));
    expect(list.log).toHaveLength(Math.ceil(1000 / 99));
  });

  it('handles an empty list and a list of exactly one page', async () => {
    expect((await walk(serverList(0))).result).toMatchObject({ records: 0, drifted: false });
    const exact = serverList(PAGE_SIZE);
    const { stored, result } = await walk(exact);
    expect(stored.size).toBe(PAGE_SIZE);
    expect(result).toMatchObject({ records: PAGE_SIZE, drifted: false });
  });
});

describe('paging a list that drifts', () => {
  it('misses nothing when records before the cursor are deleted between pages', async () => {
    const list = serverList(1000);
    const original = list.items.map((r) => r.id);
    // Before the 4th page, three records the walker already has disappear.
    list.beforeServe = (_o, n) => {
      if (n === 4) list.items.splice(10, 3);
    };
    const { result, stored } = await walk(list, { concurrency: 1 });
    expect(result.drifted).toBe(true);
    for (const id of original) expect(stored.has(id)).toBe(true);
  });

  it('misses nothing when the record the next page should start with is itself deleted', async () => {
    const list = serverList(500);
    const original = list.items.map((r) => r.id);
    list.beforeServe = (offset, n) => {
      if (n === 2) list.items.splice(offset, 1); // the anchor: last record of page one
    };
    const { result, stored } = await walk(list, { concurrency: 1 });
    expect(result.drifted).toBe(true);
    for (const id of original.filter((_, i) => i !== 99)) expect(stored.has(id)).toBe(true);
  });

  it('misses nothing when a whole page worth of earlier records vanishes at once', async () => {
    const list = serverList(800);
    const survivors = list.items.slice(250).map((r) => r.id);
    list.beforeServe = (_o, n) => {
      if (n === 4) list.items.splice(0, 250);
    };
    const { stored } = await walk(list, { concurrency: 1 });
    for (const id of survivors) expect(stored.has(id)).toBe(true);
  });

  it('misses nothing with several pages in flight while records are created and deleted', async () => {
    const list = serverList(2000);
    const deleted = new Set<string>();
    // Changes stop a few pages before the end, so the last page shows every record created.
    list.beforeServe = (_offset, n) => {
      if (n % 3 === 0 && n <= 12) {
        const [gone] = list.items.splice(n * 7, 1);
        if (gone) deleted.add(gone.id);
        list.create();
      }
    };
    const { stored } = await walk(list, { concurrency: 4 });
    for (const r of list.items) expect(stored.has(r.id), r.id).toBe(true);
    expect(stored.size).toBeLessThanOrEqual(list.items.length + deleted.size);
  });

  it('notices records added before the cursor and keeps going without a gap', async () => {
    const list = serverList(400);
    list.beforeServe = (_o, n) => {
      if (n === 3) list.items.splice(5, 0, { id: 'inserted-a' }, { id: 'inserted-b' });
    };
    const { result, stored } = await walk(list, { concurrency: 1 });
    expect(result.drifted).toBe(true);
    for (const r of list.items.filter((r) => !r.id.startsWith('inserted'))) expect(stored.has(r.id)).toBe(true);
  });
});

describe('resuming', () => {
  it('carries on from a checkpoint and checks the first new page joins the stored one', async () => {
    const list = serverList(700);
    const first = await walk(list, { concurrency: 1 });
    const midway: WalkCheckpoint = { nextOffset: 297, anchorIds: list.items.slice(198, 298).map((r) => r.id) };
    list.log.length = 0;
    const resumed = await walk(list, { concurrency: 2, start: midway });
    expect(list.log[0]).toBe(297);
    expect(resumed.result.drifted).toBe(false);
    expect(new Set([...resumed.stored.keys()])).toEqual(new Set(list.items.slice(297).map((r) => r.id)));
    expect(first.stored.size).toBe(700);
  });
});

describe('a page that is a bad answer', () => {
  it('stops a list that goes on far past the length it had at the last sync, keeping what it listed', async () => {
    // A server handing out a page of new records at every offset, without end.
    let serial = 0;
    const stored = new Set<string>();
    const walking = walkList({
      resource: 'students',
      start: { nextOffset: 0, anchorIds: [] },
      concurrency: 4,
      expectedTotal: 200,
      fetchPage: () => Promise.resolve(Array.from({ length: PAGE_SIZE }, () => ({ id: `new${serial++}` }))),
      storePage: (records) => {
        for (const r of records) stored.add(r['id'] as string);
      },
    });
    await expect(walking).rejects.toThrow("The server's list of students (GET /api/v1/students) goes on past 102,000 records, though it held 200 at the last sync.");
    expect(stored.size).toBeGreaterThan(100_000);
    expect(stored.size).toBeLessThanOrEqual(runawayLimit(200));
  });

  it('stops the list at a record without an id, naming the list', async () => {
    const list = serverList(300);
    const walking = walkList({
      resource: 'enrollments',
      start: { nextOffset: 0, anchorIds: [] },
      concurrency: 1,
      expectedTotal: null,
      fetchPage: async (offset) => (await list.fetchPage(offset)).map((r, i) => (offset === 99 && i === 7 ? { ...r, id: '' } : r)),
      storePage: () => {},
    });
    await expect(walking).rejects.toThrow("The server's list of enrollments (GET /api/v1/enrollments) holds a record without an ID on the page at offset 99");
  });

  it('stops the list at a page holding one id twice, keeping the pages before it', async () => {
    const list = serverList(300);
    const named = (r: Rec) => ({ ...r, name: `name of ${r.id}` });
    const stored = new Map<string, Record<string, unknown>>();
    const walking = walkList({
      resource: 'students',
      start: { nextOffset: 0, anchorIds: [] },
      concurrency: 1,
      expectedTotal: null,
      // On the second page, record [4] comes back with record [3]'s id.
      fetchPage: async (offset) => {
        const page = (await list.fetchPage(offset)).map(named);
        const [fourth, fifth] = [page[3], page[4]];
        if (offset === 99 && fourth && fifth) page[4] = { ...fifth, id: fourth.id };
        return page;
      },
      storePage: (records) => {
        for (const r of records) stored.set(r['id'] as string, r);
      },
    });

    const error = await walking.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isEnlightError(error), String(error)).toBe(true);
    expect(error).toMatchObject({ code: 'bad-response', endpoint: 'GET /api/v1/students' });
    expect((error as Error).message).toContain("The server's list of students (GET /api/v1/students) holds the record ID r102 twice on one page (offset 99)");
    // The first page is kept; nothing of the bad one was stored, so no student holds another's data.
    expect([...stored.keys()]).toEqual(list.items.slice(0, 100).map((r) => r.id));
    for (const [id, r] of stored) expect(r['name']).toBe(`name of ${id}`);
  });
});
