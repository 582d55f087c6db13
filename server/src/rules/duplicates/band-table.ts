// The LSH band table of a check: band key → the earlier items with that key, over typed arrays.

import { BANDS, MAX_BUCKET } from "./geometry";

/** Band tables up to this many slots are kept for the next check; bigger ones are released. */
const RETAINED_SLOTS = 1 << 17;
/** Slots per key added at most: a load of 2/3 at worst keeps linear probes short. */
const SLOTS_PER_KEY = 1.5;

/**
 * LSH buckets as an open-addressing hash table over typed arrays: band key → at most
 * MAX_BUCKET items in insertion order. A Map of arrays cost most of the detector's time
 * (hashing, rehashing and one array per band of every paragraph, all garbage after the check).
 * Keys and values are two arrays: a probe reads keys only, and most probes find no key (a
 * band of a paragraph with nothing like it), so the memory a lookup walks through is half as
 * big; on a big document these reads are cache misses and most of the detector's time. A value
 * is the key's only item (most keys belong to one paragraph) or, as -(offset + 2), a bucket of
 * MAX_BUCKET consecutive items (-1 after the last).
 */
class BandTable {
  /** Key per slot, -1 when empty. */
  private keys = BandTable.emptyKeys(1024);
  /** Per slot: the only item, or -(bucket offset + 2). */
  private values = new Int32Array(1024);
  private mask = 1023;
  private used = 0;
  /** Buckets of MAX_BUCKET items each, -1 past the last item. */
  buckets = BandTable.emptyBuckets(256);
  private size = 0;
  /** Times the table grew: a slot from `slotOf` is stale once this changes. */
  generation = 0;

  private static emptyKeys(capacity: number): Int32Array<ArrayBuffer> {
    return new Int32Array(capacity).fill(-1);
  }

  private static emptyBuckets(count: number): Int32Array<ArrayBuffer> {
    return new Int32Array(count * MAX_BUCKET).fill(-1);
  }

  /** Empties the table for a check that adds at most `keys` keys; it shrinks after a much bigger document. */
  reset(keys: number): void {
    const fitting = Math.max(1024, 2 ** Math.ceil(Math.log2(SLOTS_PER_KEY * keys + 1)));
    const capacity = this.mask + 1;
    // Sized for the check up front (no rehashing while it grows), shrunk after a bigger document.
    if (capacity < fitting || capacity > 4 * fitting) {
      this.keys = BandTable.emptyKeys(fitting);
      this.values = new Int32Array(fitting);
      this.mask = fitting - 1;
      if (capacity > 4 * fitting) this.buckets = BandTable.emptyBuckets(256);
    } else if (this.used > 0) {
      this.keys.fill(-1);
    }
    if (this.size > 0) this.buckets.fill(-1, 0, this.size * MAX_BUCKET);
    this.used = 0;
    this.size = 0;
  }

  /** Lets a big table go (6 MB for a 10 MB document): held between checks it is resident memory for nothing. */
  release(): void {
    if (this.mask + 1 <= RETAINED_SLOTS) return;
    this.keys = BandTable.emptyKeys(1024);
    this.values = new Int32Array(1024);
    this.mask = 1023;
    this.used = 0;
    this.buckets = BandTable.emptyBuckets(256);
    this.size = 0;
  }

  /**
   * The slot of `key` (a non-negative 30-bit band key): where it is, or the empty slot where
   * it would go (linear probing). Valid for `valueAt` and `addAt` until the table grows.
   */
  slotOf(key: number): number {
    const keys = this.keys;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const k = keys[slot];
      if (k === key || k === -1) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Reads the home slot (key and value) of the band keys at `from` in `signatures` whose bit is set in `bands` (see compareItems). */
  touch(signatures: Uint32Array, from: number, bands: number): number {
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let x = 0;
    for (let b = 0; b < BANDS; b++) {
      if ((bands & (1 << b)) === 0) continue;
      const slot = (Math.imul(signatures[from + b], 0x9e3779b1) >>> 0) & mask;
      x ^= keys[slot] ^ values[slot];
    }
    return x;
  }

  /** At `slot` (from `slotOf`): -1 when the key is absent, its only item (>= 0), or -(bucket offset + 2). */
  valueAt(slot: number): number {
    return this.keys[slot] === -1 ? -1 : this.values[slot];
  }

  /**
   * Adds `item` for `key`; `slot` is its `slotOf` from before any add of this generation. An
   * empty slot found then is still the right one unless another key took it since (nothing is
   * ever deleted, so the probe path before it stays as it was).
   */
  addAt(slot: number, key: number, item: number): void {
    const keys = this.keys;
    if (keys[slot] !== key && keys[slot] !== -1) slot = this.slotOf(key);
    if (keys[slot] !== key) {
      if ((this.used + 1) * SLOTS_PER_KEY > this.mask + 1) {
        this.grow();
        this.addAt(this.slotOf(key), key, item);
        return;
      }
      keys[slot] = key;
      this.values[slot] = item;
      this.used++;
      return;
    }
    const value = this.values[slot];
    if (value >= 0) {
      // The key's second item: its items move to a bucket.
      if ((this.size + 1) * MAX_BUCKET > this.buckets.length) {
        const buckets = BandTable.emptyBuckets(2 * (this.size + 1));
        buckets.set(this.buckets.subarray(0, this.size * MAX_BUCKET));
        this.buckets = buckets;
      }
      const at = this.size++ * MAX_BUCKET;
      this.buckets[at] = value;
      this.buckets[at + 1] = item;
      this.values[slot] = -(at + 2);
      return;
    }
    const buckets = this.buckets;
    const at = -(value + 2);
    for (let k = at; k < at + MAX_BUCKET; k++) {
      if (buckets[k] === -1) {
        buckets[k] = item;
        return;
      }
    }
  }

  private grow(): void {
    this.generation++;
    const oldKeys = this.keys;
    const oldValues = this.values;
    const capacity = (this.mask + 1) * 2;
    this.keys = BandTable.emptyKeys(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] === -1) continue;
      const to = this.slotOf(oldKeys[s]);
      this.keys[to] = oldKeys[s];
      this.values[to] = oldValues[s];
    }
  }
}

/** The one band table, re-used by every check (scratch.ts says why). */
export const bandTable = new BandTable();
