// The React key of each rendered row. A row keeps its key while it stays rendered, so scrolling a
// little mounts only the rows coming in. When a scroll jumps past every rendered row (dragging the
// scrollbar through a long list), the rows coming in take over the keys of the rows gone, in order:
// React then updates those rows in place — their text, their position — instead of removing a
// screenful of elements and creating as many new ones. Handed over in order, no element moves in
// the DOM either.

export class RowKeys {
  /** The key of each row rendered last, by its index in the list, in list order. */
  private keys = new Map<number, number>();
  private fresh = 0;

  /**
   * Keys for the rows `indexes` (in list order). A row for which `keep` holds (the one with the
   * focus, the one being edited) never hands its key over: when it scrolls away it goes, as rows did.
   */
  assign(indexes: readonly number[], keep: (index: number) => boolean): number[] {
    const jumped = !indexes.some((index) => this.keys.has(index));
    const handedOver = jumped ? [...this.keys].filter(([index]) => !keep(index)).map(([, key]) => key) : [];
    let next = 0;
    const keys = new Map<number, number>();
    for (const index of indexes) keys.set(index, this.keys.get(index) ?? handedOver[next++] ?? this.fresh++);
    this.keys = keys;
    return [...keys.values()];
  }
}
