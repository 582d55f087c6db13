// The fingerprints (sketch, band keys, histogram) of normalised texts, one row per text, kept across checks.

import { onClearMemos, onForgetDocument } from "../../engine/memo";
import { HISTOGRAM_BINS, KEYS_AT, SIGNATURE } from "./geometry";
import { bandKeys, sketchInto } from "./sketch";

/**
 * What near matching needs of one text, kept across checks in two tables with one row per
 * text: its MinHash sketch (BINS values) followed by the sketch's band keys (BANDS, from
 * KEYS_AT) in `signatures`, its character histogram in `histograms`. After an edit only the
 * changed paragraphs are fingerprinted again. Rows, not an array object per text: small typed
 * arrays are slow to allocate and to collect, and scattered in memory when compared.
 */
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
    // new off-heap block, which also hurries V8's next collection) — and to at least twice its
    // rows: grown to just the rows needed, every keystroke (one more text) grew and copied the
    // whole table again (0.13 ms a keystroke at 10 KB, and more off-heap garbage).
    const needed = this.count + n;
    if (needed * SIGNATURE > this.signatures.length) this.grow(Math.max(needed, Math.min(this.limit, 2 * (this.signatures.length / SIGNATURE))));
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

/** The one fingerprint table, shared by every check. */
export const fingerprints = new FingerprintTable(100_000);
