// Offset → line lookup over the model's lines, shared by the LSP positions and the CLI's columns.

import type { DocumentModel } from "./document";

/** The index of the line holding `offset` (binary search over line starts). */
export function lineOfOffset(model: DocumentModel, offset: number): number {
  const lines = model.lines;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
