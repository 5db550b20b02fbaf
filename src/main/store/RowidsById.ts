// Where each record of a table's first listing was written, found by its id while the table has no
// id index (MirrorStore.upsertWithoutIdIndex).
//
// A Map of 200,000 ids to rowids was most of the sync worker's live heap (26 of 38 MB, measured),
// and V8 lets the heap grow with what it holds. Here each record costs 12 bytes in two typed
// arrays, keyed by a 32-bit hash of its id. Ids that share a hash share a slot chain, so a lookup
// gives every rowid written under that hash: the caller's statements check the id itself
// (`WHERE rowid = ? AND id = ?`), so a collision costs one statement that changes nothing, never
// a wrong match.
const EMPTY: readonly number[] = [];

/** FNV-1a over the id's UTF-16 code units. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class RowidsById {
  private hashes = new Uint32Array(1024);
  /** 0 marks an empty slot: SQLite's rowids start at 1. */
  private rowids = new Float64Array(1024);
  private used = 0;

  get size(): number {
    return this.used;
  }

  /** Rowids written under the id's hash: the id's own among them, if it was written. */
  candidates(id: string): readonly number[] {
    const hash = hashOf(id);
    const mask = this.rowids.length - 1;
    let found: number[] | undefined;
    for (let slot = hash & mask; this.rowids[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.hashes[slot] === hash) (found ??= []).push(this.rowids[slot] as number);
    }
    return found ?? EMPTY;
  }

  add(id: string, rowid: number): void {
    if (rowid < 1) throw new RangeError(`not a rowid: ${rowid}`);
    if ((this.used + 1) * 2 > this.rowids.length) this.grow();
    this.put(hashOf(id), rowid);
  }

  private put(hash: number, rowid: number): void {
    const mask = this.rowids.length - 1;
    let slot = hash & mask;
    while (this.rowids[slot] !== 0) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.rowids[slot] = rowid;
    this.used++;
  }

  /** Twice the slots, every entry put again. */
  private grow(): void {
    const { hashes, rowids } = this;
    this.hashes = new Uint32Array(hashes.length * 2);
    this.rowids = new Float64Array(rowids.length * 2);
    this.used = 0;
    for (let slot = 0; slot < rowids.length; slot++) {
      if (rowids[slot] !== 0) this.put(hashes[slot] as number, rowids[slot] as number);
    }
  }
}
