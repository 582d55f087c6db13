// The finder's first pass: exact repeats, each other item's fingerprint row, and its band keys marked.

import { KEYS_AT, MAX_NEAR_LENGTH, SIGNATURE } from "./geometry";
import { fingerprints } from "./fingerprints";
import { keyMarks } from "./key-marks";
import { scratchLengths, scratchNear, scratchRows, scratchScoped, scratchScopes } from "./scratch";
import type { DuplicateItem, DuplicateMatch, DuplicateOptions } from "./types";

/**
 * First pass over items [from, end): exact repeats (reported), and for every other item that is
 * compared for near repeats its fingerprint row, length and scope, its index appended to the
 * near list from `nearCount`, and its band keys marked. A plain function with its state as
 * arguments: V8 keeps its optimised code from one check to the next (as a method reading a new
 * finder's fields it was thrown away and rebuilt every check).
 */
export function collectItems(items: readonly DuplicateItem[], options: DuplicateOptions, exact: Map<string, number>, matches: DuplicateMatch[], check: number, from: number, end: number, nearCount: number): { nearCount: number; sharedPairs: number } {
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
