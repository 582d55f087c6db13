// Per-item scratch arrays of the active check, shared by all finders and grown, never shrunk.

import { BANDS, MAX_VERIFY } from "./geometry";

// The detector's tables (these arrays, the band table, the key marks) are re-used by every call
// (sync, never re-entered): a check allocates no typed arrays, whose off-heap memory makes V8
// collect garbage early and often.

export let scratchRows = new Int32Array(1024);
export let scratchStamp = new Int32Array(1024);
export let scratchHits = new Int32Array(1024);
/** Text length and scope of the sketched items, read for candidates without touching the item objects. */
export let scratchLengths = new Int32Array(1024);
export let scratchScopes = new Float64Array(1024);
export let scratchScoped = new Uint8Array(1024);
/** The items compared for near repeats, in order (from the first pass). */
export let scratchNear = new Int32Array(1024);

/** Per-item scratch of the active finder. */
export const scratchCandidates: number[] = [];
export const scratchBest = new Int32Array(MAX_VERIFY);
export const scratchBestScore = new Int32Array(MAX_VERIFY);
export const scratchSlots = new Int32Array(BANDS);
export const scratchValues = new Int32Array(BANDS);

export function ensureScratch(n: number): void {
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
