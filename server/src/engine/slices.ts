// Work on big documents in slices: the per-line analysis and then the rules run in pieces of
// a few milliseconds with a turn of the event loop between them, so a language server keeps
// answering (outline, folding, completion) while a 10 MB document is checked, and work for a
// version that has been superseded stops at the next slice instead of running to the end.

import type { DocumentModel } from "../model/document";
import { LineSplitter, type LineFactsCache } from "../model/parse";
import type { Problem, Rule } from "./rule";
import { ruleSteps, sortProblems, type LintConfig, type LintOptions } from "./lint";
import { applySuppressions } from "./suppress";

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

/** Counts busy time and gives the event loop a turn once a slice's time is used up. */
class SliceClock {
  private readonly sliceMs: number;
  private sliceStart = performance.now();
  constructor(private readonly options: SliceOptions, private readonly stats: SliceStats) {
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  }
  /** Yields when the slice is over; false when the work became stale meanwhile. */
  async pauseIfDue(): Promise<boolean> {
    if (performance.now() - this.sliceStart < this.sliceMs) return true;
    this.stop();
    this.stats.yields++;
    await yieldToEventLoop();
    if (this.options.isStale()) return false;
    this.sliceStart = performance.now();
    return true;
  }
  /** Adds the current slice's time to the busy total. */
  stop(): void {
    this.stats.busyMs += performance.now() - this.sliceStart;
  }
}

/**
 * Splits and analyses every line of `text` (into `cache`), yielding between slices; the result
 * goes to parseDocument, which then only runs the cheap document-wide passes. Undefined when
 * the work became stale and was abandoned.
 */
export async function splitInSlices(text: string, markdown: boolean, cache: LineFactsCache, options: SliceOptions, stats: SliceStats): Promise<LineSplitter | undefined> {
  const clock = new SliceClock(options, stats);
  const splitter = new LineSplitter(text, markdown, cache);
  // Reading the clock costs more than a cached line: look every 64 lines.
  while (!splitter.step(64)) if (!(await clock.pauseIfDue())) return undefined;
  clock.stop();
  return splitter;
}

/**
 * lint() one rule at a time, giving the event loop a turn between rules and inside a rule that
 * works in steps (the duplicate detector on a big document) once the slice's time is used up;
 * the same problems in the same order as a single lint() call. Returns undefined when the work
 * became stale and was abandoned.
 */
export async function lintInSlices(model: DocumentModel, rules: readonly Rule<object>[], config: LintConfig, lintOptions: LintOptions, options: SliceOptions, stats: SliceStats): Promise<Problem[] | undefined> {
  const clock = new SliceClock(options, stats);
  const problems: Problem[] = [];
  for (const rule of rules) {
    if (lintOptions.only && !lintOptions.only.includes(rule.id)) continue;
    const steps = ruleSteps(model, rule, config, lintOptions);
    let step = steps.next();
    while (!step.done) {
      if (!(await clock.pauseIfDue())) {
        // Lets the rule's check end (its finally blocks run) rather than hang suspended.
        steps.return([]);
        return undefined;
      }
      step = steps.next();
    }
    // A loop, not push(...): a spread of 100 000+ findings overflows the call stack.
    for (const p of step.value) problems.push(p);
    if (!(await clock.pauseIfDue())) return undefined;
  }
  clock.stop();
  // lint()'s own order: by position, then rule id (a stable sort keeps each rule's order).
  sortProblems(problems);
  return applySuppressions(model, problems);
}

/**
 * `items.map(map)` with a turn of the event loop whenever the slice's time is used up (the
 * server turns 15 000 findings of a 10 MB document into diagnostics this way). Undefined when
 * the work became stale and was abandoned.
 */
export async function mapInSlices<T, U>(items: readonly T[], map: (item: T) => U, options: SliceOptions, stats: SliceStats): Promise<U[] | undefined> {
  const clock = new SliceClock(options, stats);
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push(map(items[i]));
    // Reading the clock costs more than one item: look every 256.
    if ((i & 255) === 255 && !(await clock.pauseIfDue())) return undefined;
  }
  clock.stop();
  return out;
}
