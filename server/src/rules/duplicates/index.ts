// Duplicate paragraph detection, reusable across documents: exact repeats by hashing, near
// repeats by character shingles + one-permutation MinHash + LSH banding, confirmed by a
// bounded edit distance. Time grows linearly with the text (every per-item cost is capped).
// One file per part (see the README's development section): types, geometry, sketch,
// fingerprints, key-marks, band-table, scratch, exact-pass, near-pass, similarity, finder.

export { DuplicateFinder, findDuplicates } from "./finder";
export { paragraphItems } from "./paragraphs";
export { bagDistance, boundedEditDistance, similarityAtLeast } from "./similarity";
export { DEFAULT_DUPLICATE_OPTIONS, duplicateOptions, type DuplicateItem, type DuplicateMatch, type DuplicateOptions, type DuplicateStats } from "./types";
