/**
 * The context keys a compiled set reads (condition keys and variables, as written and lower-cased), each given a
 * slot: a request caches the entry of each slot, and statements check their keys by slot, without string work.
 */
export class ContextKeyTable {
  readonly #slots = new Map<string, number>();
  readonly #lower: string[] = [];

  /** The slot of a key, added when new; the key as written and lower-cased share it. */
  add(key: string): number {
    const known = this.#slots.get(key);
    if (known !== undefined) return known;
    const lower = key.toLowerCase();
    let slot = this.#slots.get(lower);
    if (slot === undefined) {
      slot = this.#lower.length;
      this.#lower.push(lower);
      this.#slots.set(lower, slot);
    }
    this.#slots.set(key, slot);
    return slot;
  }

  /** The slot of a key in any case, or `undefined` when no statement reads it. */
  slotOf(key: string): number | undefined {
    return this.#slots.get(key) ?? this.#slots.get(key.toLowerCase());
  }

  /** The lower-cased key of a slot. */
  keyOf(slot: number): string {
    return this.#lower[slot] as string;
  }

  get size(): number {
    return this.#lower.length;
  }
}
