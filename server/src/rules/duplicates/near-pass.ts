// The finder's second pass: near repeats, from candidates met in shared band-table buckets to a confirmed similarity.

import { BANDS, HISTOGRAM_BINS, KEYS_AT, MAX_BUCKET, MAX_VERIFY, MIN_EQUAL_BINS, SIGNATURE } from "./geometry";
import { bandTable } from "./band-table";
import { fingerprints } from "./fingerprints";
import { keyMarks } from "./key-marks";
import { scratchBest, scratchBestScore, scratchCandidates, scratchHits, scratchLengths, scratchNear, scratchRows, scratchScoped, scratchScopes, scratchSlots, scratchStamp, scratchValues } from "./scratch";
import { equalBins, histogramDistance } from "./sketch";
import { lengthsFit, numbersOnlyDiffer, similarityAtLeast } from "./similarity";
import type { DuplicateItem, DuplicateMatch, DuplicateOptions, DuplicateStats } from "./types";

/** Where the reads made only to start cache misses early go (a module variable: they are not optimised away). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- written, never read, on purpose: the reads that start cache misses early must not look dead to V8
let touched = 0;

/** Second pass: near repeats of the items at [from, end) of the near list. */
export function compareItems(items: readonly DuplicateItem[], options: DuplicateOptions, matches: DuplicateMatch[], stats: DuplicateStats | undefined, from: number, end: number): void {
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
