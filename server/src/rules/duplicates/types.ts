// What the duplicate detector is given and gives back: items, options, matches, work counters.

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

/** Normalises options given by a user: out-of-range values fall back to the defaults. */
export function duplicateOptions(given: Partial<DuplicateOptions> | undefined): DuplicateOptions {
  const minLength = typeof given?.minLength === "number" && Number.isFinite(given.minLength) && given.minLength >= 1 ? Math.floor(given.minLength) : DEFAULT_DUPLICATE_OPTIONS.minLength;
  const similarity = typeof given?.similarity === "number" && given.similarity >= 0.5 && given.similarity <= 1 ? given.similarity : DEFAULT_DUPLICATE_OPTIONS.similarity;
  return { minLength, similarity };
}
