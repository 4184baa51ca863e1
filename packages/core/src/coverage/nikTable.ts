/**
 * A hash table from NIK to a small integer, keyed by the NIK's two 8-digit halves.
 *
 * The coverage calculation looks up every resident's NIK among the participants' and checks it
 * for duplicates: a million lookups per city. A JavaScript `Map`/`Set` keyed by 16-character
 * strings spent most of the calculation's time there (BENCHMARKS.md); this open-addressing table
 * on typed arrays does the same work several times faster and in memory proportional to the
 * number of NIKs (three 32-bit words per slot, at most half the slots used).
 *
 * @internal
 */
export class NikTable {
  #hi: Int32Array;
  #lo: Int32Array;
  #values: Int32Array;
  #mask: number;
  #size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.#hi = new Int32Array(capacity);
    this.#lo = new Int32Array(capacity);
    this.#values = new Int32Array(capacity);
    this.#mask = capacity - 1;
  }

  /** The slot of (hi, lo), or the bitwise complement of the empty slot where it would go. */
  #find(hi: number, lo: number): number {
    // hi is never 0 for a valid NIK (province ≥ 11), so 0 marks an empty slot
    let slot = (Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) >>> 7) & this.#mask;
    const his = this.#hi;
    const los = this.#lo;
    for (;;) {
      const h = his[slot]!;
      if (h === 0) return ~slot;
      if (h === hi && los[slot] === lo) return slot;
      slot = (slot + 1) & this.#mask;
    }
  }

  /** The value stored for the NIK, or `undefined`. */
  get(hi: number, lo: number): number | undefined {
    const slot = this.#find(hi, lo);
    return slot >= 0 ? this.#values[slot] : undefined;
  }

  /** Stores a value (a 32-bit integer) for the NIK. */
  set(hi: number, lo: number, value: number): void {
    let slot = this.#find(hi, lo);
    if (slot < 0) {
      if ((this.#size + 1) * 2 > this.#hi.length) {
        this.#grow();
        slot = this.#find(hi, lo);
      }
      slot = ~slot;
      this.#hi[slot] = hi;
      this.#lo[slot] = lo;
      this.#size++;
    }
    this.#values[slot] = value;
  }

  /** Calls `fn` with every stored value. */
  forEachValue(fn: (value: number) => void): void {
    const his = this.#hi;
    const values = this.#values;
    for (let i = 0; i < his.length; i++) if (his[i] !== 0) fn(values[i]!);
  }

  #grow(): void {
    const { length } = this.#hi;
    const his = this.#hi;
    const los = this.#lo;
    const values = this.#values;
    this.#hi = new Int32Array(length * 2);
    this.#lo = new Int32Array(length * 2);
    this.#values = new Int32Array(length * 2);
    this.#mask = length * 2 - 1;
    for (let i = 0; i < length; i++) {
      if (his[i] === 0) continue;
      const slot = ~this.#find(his[i]!, los[i]!);
      this.#hi[slot] = his[i]!;
      this.#lo[slot] = los[i]!;
      this.#values[slot] = values[i]!;
    }
  }
}
