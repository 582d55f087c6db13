// Duplicate paragraph detection, reusable across documents: exact repeats by hashing, near
// repeats by character shingles + one-permutation MinHash + LSH banding, confirmed by a
// bounded edit distance. Time grows linearly with the text (every per-item cost is capped).

import type { DocumentModel } from "../model/document";
import { isBlankCode } from "../model/text";
import { onClearMemos, onForgetDocument } from "../engine/memo";

/** One paragraph to compare; items are given in reading order (earlier first). */
export interface DuplicateItem {
  /** Which document the item comes from (an index of the caller's choosing). */
  source: number;
  /** Normalised text (Paragraph.normalized): what is compared. */
  text: string;
  /** Visible characters (no blanks) of the original paragraph, checked against minLength. */
  length: number;
  /** False: only exact repeats count (headings and titles legitimately share wording). */
  near?: boolean;
  /** When set, the item only repeats earlier items of the same scope (e.g. its own document). */
  scope?: number;
}

export interface DuplicateOptions {
  /** Items with fewer visible characters are never reported nor matched (default 20). */
  minLength: number;
  /** Least similarity, 1 - editDistance / longerLength, of a near repeat (default 0.9). */
  similarity: number;
}

export interface DuplicateMatch {
  /** Index (into the given items) of the later copy. */
  item: number;
  /** Index of the earliest earlier item it repeats. */
  first: number;
  /** 1 for an exact repeat (after normalisation). */
  similarity: number;
  exact: boolean;
}

/** Work counters (for the benchmark): each is bounded per item, which keeps the time linear. */
export interface DuplicateStats {
  /** Items sketched for near repeats. */
  sketched: number;
  /** Earlier items of a length that can match, met in a shared LSH bucket (at most BANDS × MAX_BUCKET per item). */
  candidates: number;
  /** Candidates whose similarity was computed (at most MAX_VERIFY per item). */
  examined: number;
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = { minLength: 20, similarity: 0.9 };

// Sketch geometry: 32 one-permutation bins read as 16 bands of 2 rows. Two rows per band keep
// the recall high for the Jaccard (~0.35 and up) that a 90 % edit similarity leaves after
// scattered edits; the full-sketch agreement then filters random band collisions cheaply.
const SHINGLE = 3;
const BINS = 32;
const ROWS = 2;
const BANDS = BINS / ROWS;
const EMPTY = 0xffffffff;
/** Character histogram bins: half the L1 distance of two histograms bounds their edit distance from below. */
const HISTOGRAM_BINS = 64;
/** Least number of equal bins (of 32) before an edit distance is computed. */
const MIN_EQUAL_BINS = 4;
/** Caps that keep the work per item constant whatever the text. */
const MAX_BUCKET = 8;
const MAX_VERIFY = 6;
/** Near repeats are looked for only among items up to this long (longer ones: exact only). */
const MAX_NEAR_LENGTH = 20_000;

/** Whether texts of these lengths can be similar enough: their difference is at most the edit distance allowed. */
function lengthsFit(a: number, b: number, similarity: number): boolean {
  return Math.abs(a - b) <= Math.floor((1 - similarity) * Math.max(a, b) + 1e-9);
}

/** Normalises options given by a user: out-of-range values fall back to the defaults. */
export function duplicateOptions(given: Partial<DuplicateOptions> | undefined): DuplicateOptions {
  const minLength = typeof given?.minLength === "number" && Number.isFinite(given.minLength) && given.minLength >= 1 ? Math.floor(given.minLength) : DEFAULT_DUPLICATE_OPTIONS.minLength;
  const similarity = typeof given?.similarity === "number" && given.similarity >= 0.5 && given.similarity <= 1 ? given.similarity : DEFAULT_DUPLICATE_OPTIONS.similarity;
  return { minLength, similarity };
}

/**
 * Finds later copies of earlier items. Each reported item points at the earliest earlier item
 * it repeats exactly, or else the earliest confirmed near repeat among its LSH candidates.
 */
export function findDuplicates(items: readonly DuplicateItem[], given?: Partial<DuplicateOptions>, stats?: DuplicateStats): DuplicateMatch[] {
  const finder = new DuplicateFinder(items, given, stats);
  // In chunks, like the server's steps: V8 then optimises the whole loop function, not only
  // the loop of one long call (which it threw away and rebuilt on every check).
  while (!finder.step(1024));
  return finder.matches;
}

/** The finder whose check the shared tables (band table, key marks, scratch arrays, row stamps) hold now. */
let activeFinder: DuplicateFinder | undefined;

/**
 * findDuplicates in steps, for a server that gives its event loop a turn between them (a 10 MB
 * document takes a few hundred milliseconds). Two passes: the first finds exact repeats, takes
 * each other paragraph's fingerprint and notes which band keys more than one paragraph has; the
 * second looks for near repeats through the shared keys only (a key held by one paragraph can
 * bring no candidate, and on a big document each lookup is a cache miss). The tables are shared
 * by all finders: when another finder has used them since the last step (two documents checked
 * at once), this one starts again and runs to the end at once, so its result is always that of
 * findDuplicates.
 */
export class DuplicateFinder {
  readonly matches: DuplicateMatch[] = [];
  readonly options: DuplicateOptions;
  private exact = new Map<string, number>();
  /** First pass: the next item; second pass: the next of the items it kept for near matching. */
  private next = 0;
  private nextNear = 0;
  private nearCount = 0;
  /** Item-and-band pairs whose key another pair has too (an upper bound): the band table's size. */
  private sharedPairs = 0;
  private done = false;
  private check = 0;
  private epoch = -1;

  constructor(readonly items: readonly DuplicateItem[], given?: Partial<DuplicateOptions>, readonly stats?: DuplicateStats) {
    this.options = duplicateOptions(given);
    this.start();
  }

  private start(): void {
    const items = this.items;
    activeFinder = this;
    this.matches.length = 0;
    this.exact = new Map();
    this.next = 0;
    this.nextNear = 0;
    this.nearCount = 0;
    this.sharedPairs = 0;
    if (this.stats) this.stats.sketched = this.stats.candidates = this.stats.examined = 0;
    // Each item's row in the fingerprint table (sketch, band keys, histogram), memoised by text.
    fingerprints.reserve(items.length);
    this.epoch = fingerprints.epoch;
    ensureScratch(items.length);
    keyMarks.reset(items.length * BANDS);
    // Candidate counting without a Map: stamp[j] === i marks j as already a candidate of item i.
    scratchStamp.fill(-1, 0, items.length);
    this.check = ++checkCount;
  }

  /** Works through up to `count` more items; true once every item has been compared. */
  step(count: number): boolean {
    if (this.done) return true;
    if (activeFinder !== this || fingerprints.epoch !== this.epoch) {
      this.start();
      count = Infinity;
    }
    const items = this.items;
    if (this.next < items.length) {
      const end = Math.min(items.length, this.next + count);
      const collected = collectItems(items, this.options, this.exact, this.matches, this.check, this.next, end, this.nearCount);
      this.sharedPairs += collected.sharedPairs;
      this.nearCount = collected.nearCount;
      this.next = end;
      if (end < items.length && count !== Infinity) return false;
      bandTable.reset(this.sharedPairs);
      if (count !== Infinity) return false;
    }
    const end = Math.min(this.nearCount, this.nextNear + count);
    compareItems(items, this.options, this.matches, this.stats, this.nextNear, end);
    this.nextNear = end;
    if (end < this.nearCount) return false;
    this.done = true;
    activeFinder = undefined;
    bandTable.release();
    // In item order, as one pass found them.
    this.matches.sort((x, y) => x.item - y.item);
    return true;
  }
}

/**
 * First pass over items [from, end): exact repeats (reported), and for every other item that is
 * compared for near repeats its fingerprint row, length and scope, its index appended to the
 * near list from `nearCount`, and its band keys marked. A plain function with its state as
 * arguments: V8 keeps its optimised code from one check to the next (as a method reading a new
 * finder's fields it was thrown away and rebuilt every check).
 */
function collectItems(items: readonly DuplicateItem[], options: DuplicateOptions, exact: Map<string, number>, matches: DuplicateMatch[], check: number, from: number, end: number, nearCount: number): { nearCount: number; sharedPairs: number } {
  const near = options.similarity < 1;
  const rows = scratchRows;
  const lengths = scratchLengths;
  const scopes = scratchScopes;
  const scoped = scratchScoped;
  const nearItems = scratchNear;
  let sharedPairs = 0;
  for (let i = from; i < end; i++) {
    const item = items[i];
    if (item.length < options.minLength || item.text.length === 0) continue;
    // Sketch, band keys and histogram depend on the text alone: memoised across checks, so a
    // re-check after an edit computes them only for the changed paragraphs. The memo's row of a
    // text also finds its exact repeats (one string lookup per paragraph, not two).
    const byRow = near && item.scope === undefined && item.text.length <= MAX_NEAR_LENGTH;
    let row = -1;
    if (byRow) {
      row = fingerprints.rowOf(item.text);
      const seen = fingerprints.firstItemOf(row, check);
      if (seen >= 0) {
        matches.push({ item: i, first: seen, similarity: 1, exact: true });
        continue;
      }
      fingerprints.setFirstItem(row, check, i);
    } else {
      // Scoped items (titles, standalone headings) and very long paragraphs: exact repeats only.
      const key = item.scope === undefined ? item.text : `${item.scope}\u0000${item.text}`;
      const seen = exact.get(key);
      if (seen !== undefined) {
        matches.push({ item: i, first: seen, similarity: 1, exact: true });
        continue;
      }
      exact.set(key, i);
    }
    if (!near || item.near === false || item.text.length > MAX_NEAR_LENGTH) continue;
    if (row < 0) row = fingerprints.rowOf(item.text);
    rows[i] = row;
    lengths[i] = item.text.length;
    scoped[i] = item.scope === undefined ? 0 : 1;
    scopes[i] = item.scope ?? 0;
    nearItems[nearCount++] = i;
    sharedPairs += keyMarks.mark(fingerprints.signatures, row * SIGNATURE + KEYS_AT);
  }
  return { nearCount, sharedPairs };
}

/** Second pass: near repeats of the items at [from, end) of the near list. */
function compareItems(items: readonly DuplicateItem[], options: DuplicateOptions, matches: DuplicateMatch[], stats: DuplicateStats | undefined, from: number, end: number): void {
  const candidates = scratchCandidates;
  const best = scratchBest;
  const bestScore = scratchBestScore;
  const slotsOfItem = scratchSlots;
  const valuesOfItem = scratchValues;
  const table = bandTable;
  const rows = scratchRows;
  const stamp = scratchStamp;
  const bandHits = scratchHits;
  const lengths = scratchLengths;
  const scopes = scratchScopes;
  const scoped = scratchScoped;
  const nearItems = scratchNear;
  const signatures = fingerprints.signatures;
  for (let k = from; k < end; k++) {
    const i = nearItems[k];
    const item = items[i];
    const row = rows[i];
    candidates.length = 0;
    const buckets = table.buckets;
    const keysAt = row * SIGNATURE + KEYS_AT;
    // The bands whose key another item has: the others can bring no candidate now and are
    // never looked up later.
    const shared = keyMarks.sharedBands(signatures, keysAt);
    // Lengths too far apart for the similarity (the edit distance is at least their difference)
    // can never be confirmed: such bucket mates, most of them on text that shares sentences, are
    // passed over before any bookkeeping, and their sketches (cache misses on a big document)
    // are never read. The lengths that fit form one range around this item's length.
    const length = lengths[i];
    let shortest = length;
    while (shortest > 0 && lengthsFit(shortest - 1, length, options.similarity)) shortest--;
    let longest = length;
    while (lengthsFit(longest + 1, length, options.similarity)) longest++;
    // The home slots of the bands are read first, independently of each other: the processor
    // then waits for these cache misses together rather than one after another.
    touched ^= table.touch(signatures, keysAt, shared);
    // Then the slots and values (in cache now), and likewise the first entry of each bucket met.
    for (let b = 0; b < BANDS; b++) {
      if ((shared & (1 << b)) === 0) continue;
      // The slot is kept for adding this item to the bucket afterwards (one probe, not two).
      const slot = table.slotOf(signatures[keysAt + b]);
      slotsOfItem[b] = slot;
      const value = table.valueAt(slot);
      valuesOfItem[b] = value;
      if (value < -1) touched ^= buckets[-(value + 2)];
    }
    for (let b = 0; b < BANDS; b++) {
      if ((shared & (1 << b)) === 0) continue;
      const value = valuesOfItem[b];
      if (value === -1) continue;
      // A key met once holds its item in the slot itself; a key met more often, a bucket.
      let e = value >= 0 ? 0 : -(value + 2);
      const last = value >= 0 ? 0 : e + MAX_BUCKET;
      for (let j = value >= 0 ? value : buckets[e]; j >= 0; j = ++e < last ? buckets[e] : -1) {
        const other = lengths[j];
        if (other < shortest || other > longest) continue;
        if (stamp[j] !== i) {
          stamp[j] = i;
          bandHits[j] = 0;
          candidates.push(j);
        }
        bandHits[j]++;
      }
    }
    // Keep the MAX_VERIFY most similar sketches (an insertion into a short sorted list).
    if (stats) {
      stats.sketched++;
      stats.candidates += candidates.length;
    }
    let kept = 0;
    // Likewise the candidates' sketches, before they are compared.
    for (const j of candidates) touched ^= signatures[rows[j] * SIGNATURE] ^ signatures[rows[j] * SIGNATURE + 16];
    for (const j of candidates) {
      const equal = equalBins(signatures, row * SIGNATURE, rows[j] * SIGNATURE);
      if (equal < MIN_EQUAL_BINS) continue;
      const score = equal * 64 + bandHits[j];
      if (kept === MAX_VERIFY && score <= bestScore[kept - 1]) continue;
      let at = kept < MAX_VERIFY ? kept++ : kept - 1;
      while (at > 0 && (bestScore[at - 1] < score || (bestScore[at - 1] === score && best[at - 1] > j))) {
        best[at] = best[at - 1];
        bestScore[at] = bestScore[at - 1];
        at--;
      }
      best[at] = j;
      bestScore[at] = score;
    }
    // The kept candidates' histograms read ahead together as well.
    const histograms = fingerprints.histograms;
    for (let c = 0; c < kept; c++) touched ^= histograms[rows[best[c]] * HISTOGRAM_BINS] ^ histograms[rows[best[c]] * HISTOGRAM_BINS + 32];
    // Of the confirmed near repeats, the earliest is reported as the first occurrence.
    let found: DuplicateMatch | undefined;
    for (let c = 0; c < kept; c++) {
      const j = best[c];
      if (found && j > found.first) continue;
      if (scoped[j] !== scoped[i] || scopes[j] !== scopes[i]) continue;
      const longer = Math.max(lengths[j], lengths[i]);
      const limit = 2 * Math.floor((1 - options.similarity) * longer + 1e-9);
      if (histogramDistance(histograms, row * HISTOGRAM_BINS, rows[j] * HISTOGRAM_BINS, limit) > limit) continue;
      if (numbersOnlyDiffer(items[j].text, item.text)) continue;
      if (stats) stats.examined++;
      const similarity = similarityAtLeast(items[j].text, item.text, options.similarity);
      if (similarity !== undefined) found = { item: i, first: j, similarity, exact: false };
    }
    if (found) {
      matches.push(found);
      // A copy adds nothing new to compare against: the first occurrence already stands for it.
      continue;
    }
    const generation = table.generation;
    for (let b = 0; b < BANDS; b++) {
      if ((shared & (1 << b)) === 0) continue;
      const key = signatures[keysAt + b];
      table.addAt(table.generation === generation ? slotsOfItem[b] : table.slotOf(key), key, i);
    }
  }
}

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
/** Band tables up to this many slots are kept for the next check; bigger ones are released. */
const RETAINED_SLOTS = 1 << 17;
/** Slots per key added at most: a load of 2/3 at worst keeps linear probes short. */
const SLOTS_PER_KEY = 1.5;

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

/**
 * Which band keys more than one item of a check has, as two bit sets over the keys' low bits
 * (seen once, seen again): a few hundred KB that stay in cache, where the band table of a big
 * document does not. Two keys sharing their low bits only make a key look shared (it is then
 * looked up as before); a shared key never looks unshared.
 */
class KeyMarks {
  private once = new Int32Array(128);
  private twice = new Int32Array(128);
  private mask = 128 * 32 - 1;

  /** Empties the marks for a check of at most `keys` keys (8 bits per key, at most 4 M bits). */
  reset(keys: number): void {
    const bits = Math.min(1 << 22, Math.max(1 << 12, 2 ** Math.ceil(Math.log2(8 * keys + 1))));
    if (bits / 32 > this.once.length || bits / 32 < this.once.length / 4) {
      this.once = new Int32Array(bits / 32);
      this.twice = new Int32Array(bits / 32);
    } else {
      this.once.fill(0, 0, bits / 32);
      this.twice.fill(0, 0, bits / 32);
    }
    this.mask = bits - 1;
  }

  /** Marks the BANDS keys at `from`; returns how many more item-and-band pairs now share a key. */
  mark(signatures: Uint32Array, from: number): number {
    const once = this.once;
    const twice = this.twice;
    let shared = 0;
    for (let b = 0; b < BANDS; b++) {
      const h = signatures[from + b] & this.mask;
      const word = h >>> 5;
      const bit = 1 << (h & 31);
      if ((once[word] & bit) === 0) once[word] |= bit;
      else if ((twice[word] & bit) === 0) {
        twice[word] |= bit;
        shared += 2;
      } else shared++;
    }
    return shared;
  }

  /** A bit per band (of the BANDS keys at `from`) whose key was marked more than once. */
  sharedBands(signatures: Uint32Array, from: number): number {
    const twice = this.twice;
    let bands = 0;
    for (let b = 0; b < BANDS; b++) {
      const h = signatures[from + b] & this.mask;
      if ((twice[h >>> 5] & (1 << (h & 31))) !== 0) bands |= 1 << b;
    }
    return bands;
  }
}

/**
 * The detector's tables are re-used by every call (sync, never re-entered): a check allocates
 * no typed arrays, whose off-heap memory makes V8 collect garbage early and often.
 */
const bandTable = new BandTable();
const keyMarks = new KeyMarks();
/** Where the reads made only to start cache misses early go (a module variable: they are not optimised away). */
let touched = 0;
let scratchRows = new Int32Array(1024);
let scratchStamp = new Int32Array(1024);
let scratchHits = new Int32Array(1024);
/** Text length and scope of the sketched items, read for candidates without touching the item objects. */
let scratchLengths = new Int32Array(1024);
let scratchScopes = new Float64Array(1024);
let scratchScoped = new Uint8Array(1024);
/** The items compared for near repeats, in order (from the first pass). */
let scratchNear = new Int32Array(1024);

/** Per-item scratch of the active finder. */
const scratchCandidates: number[] = [];
const scratchBest = new Int32Array(MAX_VERIFY);
const scratchBestScore = new Int32Array(MAX_VERIFY);
const scratchSlots = new Int32Array(BANDS);
const scratchValues = new Int32Array(BANDS);

function ensureScratch(n: number): void {
  if (scratchRows.length >= n) return;
  const size = Math.max(n, scratchRows.length * 2);
  scratchRows = new Int32Array(size);
  scratchStamp = new Int32Array(size);
  scratchHits = new Int32Array(size);
  scratchLengths = new Int32Array(size);
  scratchScopes = new Float64Array(size);
  scratchScoped = new Uint8Array(size);
  scratchNear = new Int32Array(size);
}


/**
 * The paragraphs of a model as duplicate items (source 0 unless given). Titles and short
 * headings of their own line repeat legitimately across the documents of a compilation ("一、工作目标")
 * and parallel headings share most of their wording, so they only count as exact repeats
 * inside their own document; body paragraphs (and run-in headings) are compared everywhere.
 */
export function paragraphItems(model: DocumentModel, source = 0): DuplicateItem[] {
  return model.paragraphs.map((p): DuplicateItem => {
    const length = p.visibleLength;
    const kind = model.lines[p.startLine].kind;
    const standalone = kind === "title" || (p.heading >= 0 && model.headings[p.heading].standalone);
    return standalone ? { source, text: p.normalized, length, near: false, scope: p.document } : { source, text: p.normalized, length };
  });
}

/** Short parallel lines that differ only in their figures ("完成1200亩" / "完成1100亩") are data, not copies. */
const SHORT_PARALLEL = 50;
function numbersOnlyDiffer(a: string, b: string): boolean {
  if (Math.max(a.length, b.length) >= SHORT_PARALLEL) return false;
  return a.replace(/[0-9]+/g, "#") === b.replace(/[0-9]+/g, "#");
}

/** Characters other than blanks and line breaks, counting a surrogate pair once. */
export function visibleLength(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > start) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    if (c !== 10 && c !== 13 && !isBlankCode(c)) n++;
  }
  return n;
}

/**
 * What near matching needs of one text, kept across checks in two tables with one row per
 * text: its MinHash sketch (BINS values) followed by the sketch's band keys (BANDS, from
 * KEYS_AT) in `signatures`, its character histogram in `histograms`. After an edit only the
 * changed paragraphs are fingerprinted again. Rows, not an array object per text: small typed
 * arrays are slow to allocate and to collect, and scattered in memory when compared.
 */
const KEYS_AT = BINS;
const SIGNATURE = BINS + BANDS;

class FingerprintTable {
  signatures = new Uint32Array(256 * SIGNATURE);
  histograms = new Uint16Array(256 * HISTOGRAM_BINS);
  private index = new Map<string, number>();
  private count = 0;
  /** Changes whenever the rows are emptied (a finder that held rows must start again). */
  epoch = 0;
  /** Per row: the check (a findDuplicates call) that last met the text, and its first item there. */
  private seenIn = new Int32Array(256);
  private firstItem = new Int32Array(256);
  constructor(private readonly limit: number) {
    onClearMemos(() => this.clear());
    // Rows are keyed by text, not by document: when a document closes, the rows of a big one
    // would stay (tens of MB after a 10 MB document). The open documents' rows are computed
    // again on their next check.
    onForgetDocument(() => this.release());
  }

  /** Room for `n` more rows: when the table is full it starts afresh now, never during a check. */
  reserve(n: number): void {
    if (this.count + n > this.limit) this.clear();
    // Grown once for the whole check rather than doubled row by row (each step a copy and a
    // new off-heap block, which also hurries V8's next collection).
    if ((this.count + n) * SIGNATURE > this.signatures.length) this.grow(this.count + n);
  }

  private grow(rows: number): void {
    const signatures = new Uint32Array(rows * SIGNATURE);
    signatures.set(this.signatures.subarray(0, this.count * SIGNATURE));
    this.signatures = signatures;
    const histograms = new Uint16Array(rows * HISTOGRAM_BINS);
    histograms.set(this.histograms.subarray(0, this.count * HISTOGRAM_BINS));
    this.histograms = histograms;
    const seenIn = new Int32Array(rows);
    seenIn.set(this.seenIn.subarray(0, this.count));
    this.seenIn = seenIn;
    const firstItem = new Int32Array(rows);
    firstItem.set(this.firstItem.subarray(0, this.count));
    this.firstItem = firstItem;
  }

  /** The first item with this row's text in check `check`, or -1 when the check has not met it yet. */
  firstItemOf(row: number, check: number): number {
    return this.seenIn[row] === check ? this.firstItem[row] : -1;
  }

  setFirstItem(row: number, check: number, item: number): void {
    this.seenIn[row] = check;
    this.firstItem[row] = item;
  }

  /** The row of `text`, fingerprinted on first use. */
  rowOf(text: string): number {
    let row = this.index.get(text);
    if (row === undefined) {
      row = this.count++;
      if (row * SIGNATURE === this.signatures.length) this.grow(2 * row);
      sketchInto(text, this.signatures, row * SIGNATURE, this.histograms, row * HISTOGRAM_BINS);
      bandKeys(this.signatures, row * SIGNATURE, row * SIGNATURE + KEYS_AT);
      this.index.set(text, row);
    }
    return row;
  }

  clear(): void {
    this.index = new Map();
    this.count = 0;
    // Rows handed out before are now other texts' rows.
    this.epoch++;
  }

  /** Empties the table and gives back its memory when it has grown big. */
  release(): void {
    this.clear();
    if (this.seenIn.length <= RETAINED_ROWS) return;
    this.signatures = new Uint32Array(256 * SIGNATURE);
    this.histograms = new Uint16Array(256 * HISTOGRAM_BINS);
    this.seenIn = new Int32Array(256);
    this.firstItem = new Int32Array(256);
  }
}

/** Fingerprint tables up to this many rows (about 1 MB) are kept when a document closes. */
const RETAINED_ROWS = 4096;

/** Numbers the findDuplicates calls, for the rows' first-item stamps. */
let checkCount = 0;
const fingerprints = new FingerprintTable(100_000);

/**
 * One-permutation MinHash over character shingles, empty bins filled by rotation, written to
 * `out` from `at`; in the same pass over the text, its character histogram (64 bins by the low
 * bits of the code unit, saturating) to `histogram` from `histogramAt`.
 */
function sketchInto(text: string, out: Uint32Array, at: number, histogram: Uint16Array, histogramAt: number): void {
  out.fill(EMPTY, at, at + BINS);
  histogram.fill(0, histogramAt, histogramAt + HISTOGRAM_BINS);
  const n = text.length;
  if (n <= SHINGLE) {
    addShingle(out, at, hashRange(text, 0, n));
    for (let i = 0; i < n; i++) countChar(histogram, histogramAt, text.charCodeAt(i));
  } else {
    // hashRange of every 3-character window, with the characters read once each.
    let c0 = text.charCodeAt(0);
    let c1 = text.charCodeAt(1);
    countChar(histogram, histogramAt, c0);
    countChar(histogram, histogramAt, c1);
    for (let i = 2; i < n; i++) {
      const c2 = text.charCodeAt(i);
      countChar(histogram, histogramAt, c2);
      addShingle(out, at, mix(Math.imul(Math.imul(Math.imul(0x811c9dc5 ^ c0, 0x01000193) ^ c1, 0x01000193) ^ c2, 0x01000193)));
      c0 = c1;
      c1 = c2;
    }
  }
  // Densification: an empty bin borrows the next filled bin's value, salted by the distance,
  // so that two texts with the same shingles still get the same sketch.
  for (let b = 0; b < BINS; b++) {
    if (out[at + b] !== EMPTY) continue;
    for (let step = 1; step < BINS; step++) {
      const v = out[at + ((b + step) % BINS)];
      if (v !== EMPTY && !isBorrowed(v)) {
        out[at + b] = (mix(v + step * 0x9e3779b9) & 0x07ffffff) | 0x40000000;
        break;
      }
    }
  }
}

// Bin values use the low 27 bits; bit 30 marks a borrowed value so it is never borrowed again.
const isBorrowed = (v: number) => (v & 0x40000000) !== 0;

function addShingle(sketch: Uint32Array, at: number, h: number): void {
  const bin = at + (h >>> 27);
  const value = h & 0x07ffffff;
  if (value < sketch[bin]) sketch[bin] = value;
}

function hashRange(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h);
}


function countChar(histogram: Uint16Array, at: number, c: number): void {
  const bin = at + (c & (HISTOGRAM_BINS - 1));
  if (histogram[bin] < 0xffff) histogram[bin]++;
}

/**
 * The L1 distance of two histograms (or, once it exceeds `limit`, some value over it). An edit
 * changes it by at most 2 (binning only merges counts), so half of it never exceeds the edit distance.
 */
function histogramDistance(table: Uint16Array, x: number, y: number, limit: number): number {
  // Only whether it exceeds `limit` matters: stop as soon as it does.
  let d = 0;
  for (let i = 0; i < HISTOGRAM_BINS && d <= limit; i++) {
    const v = table[x + i] - table[y + i];
    d += v < 0 ? -v : v;
  }
  return d;
}

/** murmur3's finaliser: spreads the bits so bins and values are independent. */
function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The band keys of the sketch at `sketchAt`, written from `at` (same table). */
function bandKeys(table: Uint32Array, sketchAt: number, at: number): void {
  for (let b = 0; b < BANDS; b++) {
    let h = Math.imul(b + 1, 0x27d4eb2d);
    for (let r = 0; r < ROWS; r++) h = mix(h ^ table[sketchAt + b * ROWS + r]);
    // 30 bits: non-negative (the band table marks an empty slot with -1) and a small integer
    // to V8. Two bands that collide only add a candidate, which is verified anyway.
    table[at + b] = h & 0x3fffffff;
  }
}

function equalBins(table: Uint32Array, a: number, b: number): number {
  // Four bins a step: this count is most of the detector's time on text that shares sentences.
  let n = 0;
  for (let i = 0; i < BINS; i += 4) {
    n += (table[a + i] === table[b + i] ? 1 : 0) + (table[a + i + 1] === table[b + i + 1] ? 1 : 0) + (table[a + i + 2] === table[b + i + 2] ? 1 : 0) + (table[a + i + 3] === table[b + i + 3] ? 1 : 0);
  }
  return n;
}

/**
 * The similarity 1 - d / max(|a|, |b|) when it reaches `threshold`, else undefined. The edit
 * distance d is computed only inside the band |i - j| <= k that the threshold allows.
 */
export function similarityAtLeast(a: string, b: string, threshold: number): number | undefined {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  const k = Math.floor((1 - threshold) * longer + 1e-9);
  if (Math.abs(a.length - b.length) > k) return undefined;
  // The bag distance never exceeds the edit distance and costs one pass: paragraphs that only
  // share some sentences are turned away before the O(k · n) edit distance.
  if (bagDistance(a, b) > k) return undefined;
  const d = boundedEditDistance(a, b, k);
  if (d === undefined) return undefined;
  return 1 - d / longer;
}

let charCounts = new Int32Array(0x10000);

/** max(|a − b|, |b − a|) over the multisets of UTF-16 code units: a lower bound of the edit distance. */
export function bagDistance(a: string, b: string): number {
  if (charCounts.length !== 0x10000) charCounts = new Int32Array(0x10000);
  const counts = charCounts;
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i)]++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i)]--;
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    const v = counts[c];
    if (v > 0) onlyA += v;
    else if (v < 0) onlyB -= v;
    counts[c] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    const v = counts[c];
    if (v < 0) onlyB -= v;
    else if (v > 0) onlyA += v;
    counts[c] = 0;
  }
  return Math.max(onlyA, onlyB);
}

/** Levenshtein distance if it is at most k, else undefined (Ukkonen's band, O(k · n)). */
export function boundedEditDistance(a: string, b: string, k: number): number | undefined {
  if (a.length > b.length) [a, b] = [b, a];
  const n = a.length;
  const m = b.length;
  if (m - n > k) return undefined;
  if (k === 0) return a === b ? 0 : undefined;
  // Skip the common prefix and suffix: copies differ in a few places.
  let p = 0;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < n - p && a.charCodeAt(n - 1 - s) === b.charCodeAt(m - 1 - s)) s++;
  a = a.slice(p, n - s);
  b = b.slice(p, m - s);
  const an = a.length;
  const bm = b.length;
  if (an === 0) return bm <= k ? bm : undefined;
  const big = k + 1;
  let prev = new Int32Array(bm + 1);
  let curr = new Int32Array(bm + 1);
  for (let j = 0; j <= bm; j++) prev[j] = j <= k ? j : big;
  for (let i = 1; i <= an; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(bm, i + k);
    curr[lo - 1] = lo - 1 === 0 ? i : big;
    let rowMin = curr[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = prev[j - 1] + cost;
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = curr[j - 1] + 1;
      if (ins < v) v = ins;
      if (v > big) v = big;
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < bm) curr[hi + 1] = big;
    if (rowMin > k) return undefined;
    [prev, curr] = [curr, prev];
  }
  const d = prev[bm];
  return d <= k ? d : undefined;
}
