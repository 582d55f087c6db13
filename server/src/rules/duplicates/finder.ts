// The stepping finder: findDuplicates, and the same check in steps for a server that must keep answering.

import { BANDS } from "./geometry";
import { bandTable } from "./band-table";
import { collectItems } from "./exact-pass";
import { fingerprints } from "./fingerprints";
import { keyMarks } from "./key-marks";
import { compareItems } from "./near-pass";
import { ensureScratch, scratchStamp } from "./scratch";
import { duplicateOptions, type DuplicateItem, type DuplicateMatch, type DuplicateOptions, type DuplicateStats } from "./types";

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

/** Numbers the findDuplicates calls, for the rows' first-item stamps. */
let checkCount = 0;

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
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- not an alias for a closure: the module records which finder holds the shared tables
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
