// Whether two texts are near repeats: the length window, the figures-only exception, the bag and edit distances.

/** Whether texts of these lengths can be similar enough: their difference is at most the edit distance allowed. */
export function lengthsFit(a: number, b: number, similarity: number): boolean {
  return Math.abs(a - b) <= Math.floor((1 - similarity) * Math.max(a, b) + 1e-9);
}

/** Short parallel lines that differ only in their figures ("完成1200亩" / "完成1100亩") are data, not copies. */
const SHORT_PARALLEL = 50;
export function numbersOnlyDiffer(a: string, b: string): boolean {
  if (Math.max(a.length, b.length) >= SHORT_PARALLEL) return false;
  return a.replace(/[0-9]+/g, "#") === b.replace(/[0-9]+/g, "#");
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
