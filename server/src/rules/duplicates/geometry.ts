// The sketch geometry, the row layout of a fingerprint and the caps that keep the work per item constant.

// Sketch geometry: 32 one-permutation bins read as 16 bands of 2 rows. Two rows per band keep
// the recall high for the Jaccard (~0.35 and up) that a 90 % edit similarity leaves after
// scattered edits; the full-sketch agreement then filters random band collisions cheaply.
export const SHINGLE = 3;
export const BINS = 32;
export const ROWS = 2;
export const BANDS = BINS / ROWS;
export const EMPTY = 0xffffffff;
/** Character histogram bins: half the L1 distance of two histograms bounds their edit distance from below. */
export const HISTOGRAM_BINS = 64;
/** Least number of equal bins (of 32) before an edit distance is computed. */
export const MIN_EQUAL_BINS = 4;
/** Caps that keep the work per item constant whatever the text. */
export const MAX_BUCKET = 8;
export const MAX_VERIFY = 6;
/** Near repeats are looked for only among items up to this long (longer ones: exact only). */
export const MAX_NEAR_LENGTH = 20_000;

/** A fingerprint row in the signature table: the sketch's BINS values, then its BANDS band keys from KEYS_AT. */
export const KEYS_AT = BINS;
export const SIGNATURE = BINS + BANDS;
