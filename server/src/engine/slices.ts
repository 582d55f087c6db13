// Work on big documents in slices: the per-line analysis and then the rules run in pieces of
// a few milliseconds with a turn of the event loop between them, so a language server keeps
// answering (outline, folding, completion) while a 10 MB document is checked, and work for a
// version that has been superseded stops at the next slice instead of running to the end.

import type { DocumentModel } from "../model/document";
import { LineSplitter, type LineFactsCache } from "../model/parse";
import type { Problem } from "./rule";
import { lint, sortProblems, type LintConfig, type LintOptions } from "./lint";
import { RULES } from "../rules";

export interface SliceOptions {
  /** True once the work is no longer wanted (a newer version arrived, the document closed). */
  isStale(): boolean;
  /** Longest stretch of work between two yields, in milliseconds. */
  sliceMs?: number;
}

export interface SliceStats {
  /** Time spent working (excluding the turns given to other events). */
  busyMs: number;
  /** How many times the event loop was given a turn. */
  yields: number;
}

const DEFAULT_SLICE_MS = 8;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Splits and analyses every line of `text` (into `cache`), yielding between slices; the result
 * goes to parseDocument, which then only runs the cheap document-wide passes. Undefined when
 * the work became stale and was abandoned.
 */
export async function splitInSlices(text: string, markdown: boolean, cache: LineFactsCache, options: SliceOptions, stats: SliceStats): Promise<LineSplitter | undefined> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const splitter = new LineSplitter(text, markdown, cache);
  let sliceStart = performance.now();
  // Reading the clock costs more than a cached line: look every 64 lines.
  while (!splitter.step(64)) {
    if (performance.now() - sliceStart >= sliceMs) {
      stats.busyMs += performance.now() - sliceStart;
      stats.yields++;
      await yieldToEventLoop();
      if (options.isStale()) return undefined;
      sliceStart = performance.now();
    }
  }
  stats.busyMs += performance.now() - sliceStart;
  return splitter;
}

/**
 * lint() one rule at a time with a yield between rules; the same problems in the same order
 * as a single lint() call. Returns undefined when the work became stale and was abandoned.
 */
export async function lintInSlices(model: DocumentModel, config: LintConfig, lintOptions: LintOptions, options: SliceOptions, stats: SliceStats): Promise<Problem[] | undefined> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const problems: Problem[] = [];
  let sliceStart = performance.now();
  for (const rule of lintOptions.rules ?? RULES) {
    if (lintOptions.only && !lintOptions.only.includes(rule.id)) continue;
    // A loop, not push(...): a spread of 100 000+ findings overflows the call stack.
    for (const p of lint(model, config, { ...lintOptions, only: [rule.id] })) problems.push(p);
    if (performance.now() - sliceStart >= sliceMs) {
      stats.busyMs += performance.now() - sliceStart;
      stats.yields++;
      await yieldToEventLoop();
      if (options.isStale()) return undefined;
      sliceStart = performance.now();
    }
  }
  stats.busyMs += performance.now() - sliceStart;
  // lint()'s own order: by position, then rule id (a stable sort keeps each rule's order).
  sortProblems(problems);
  return problems;
}
