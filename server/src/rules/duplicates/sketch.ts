// One text's MinHash sketch, band keys and character histogram, and the cheap comparisons of two of them.

import { BANDS, BINS, EMPTY, HISTOGRAM_BINS, ROWS, SHINGLE } from "./geometry";

/**
 * One-permutation MinHash over character shingles, empty bins filled by rotation, written to
 * `out` from `at`; in the same pass over the text, its character histogram (64 bins by the low
 * bits of the code unit, saturating) to `histogram` from `histogramAt`.
 */
export function sketchInto(text: string, out: Uint32Array, at: number, histogram: Uint16Array, histogramAt: number): void {
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
export function histogramDistance(table: Uint16Array, x: number, y: number, limit: number): number {
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
export function bandKeys(table: Uint32Array, sketchAt: number, at: number): void {
  for (let b = 0; b < BANDS; b++) {
    let h = Math.imul(b + 1, 0x27d4eb2d);
    for (let r = 0; r < ROWS; r++) h = mix(h ^ table[sketchAt + b * ROWS + r]);
    // 30 bits: non-negative (the band table marks an empty slot with -1) and a small integer
    // to V8. Two bands that collide only add a candidate, which is verified anyway.
    table[at + b] = h & 0x3fffffff;
  }
}

export function equalBins(table: Uint32Array, a: number, b: number): number {
  // Four bins a step: this count is most of the detector's time on text that shares sentences.
  let n = 0;
  for (let i = 0; i < BINS; i += 4) {
    n += (table[a + i] === table[b + i] ? 1 : 0) + (table[a + i + 1] === table[b + i + 1] ? 1 : 0) + (table[a + i + 2] === table[b + i + 2] ? 1 : 0) + (table[a + i + 3] === table[b + i + 3] ? 1 : 0);
  }
  return n;
}
