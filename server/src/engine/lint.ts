// Runs the rules it is given over a document model: settings applied, reports validated, a
// crashing rule isolated so the others still report. The engine knows no rule: the server, the
// CLI and the tests pass the registry (rules/index.ts) in.

import type { DocumentModel } from "../model/document";
import type { Fix, Problem, Rule, Severity } from "./rule";
import { applySuppressions } from "./suppress";

export type RuleSeverity = Severity | "off";

export interface RuleSetting {
  severity?: RuleSeverity;
  options?: Record<string, unknown>;
}

export interface LintConfig {
  rules?: Record<string, RuleSetting | undefined>;
}

export interface LintOptions {
  /** Called once per rule and message when a rule throws. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Only these rules (by id); all when absent. */
  only?: string[];
  /** Per-rule time, for the benchmark. */
  timings?: Map<string, number>;
}

/** Merges user options over a rule's defaults, keeping only known keys of the right type. */
export function resolveOptions<O extends object>(rule: Rule<O>, given: Record<string, unknown> | undefined): O {
  const result = { ...rule.defaultOptions } as Record<string, unknown>;
  if (given && typeof given === "object") {
    for (const [key, fallback] of Object.entries(rule.defaultOptions)) {
      const value = given[key];
      if (value === undefined || value === null) continue;
      if (Array.isArray(fallback) ? Array.isArray(value) : typeof value === typeof fallback) result[key] = value;
    }
  }
  return result as O;
}

export function severityOf(rule: Rule<object>, setting: RuleSetting | undefined): RuleSeverity {
  const s = setting?.severity;
  return s === "off" || s === "error" || s === "warning" || s === "info" || s === "hint" ? s : rule.meta.severity;
}

const NO_FIXES: Fix[] = [];
Object.freeze(NO_FIXES);

/** The fixes whose edits stay inside the text (all of them, usually: then the same array). */
function validFixes(fixes: Fix[] | undefined, fixable: boolean, length: number): Fix[] {
  if (fixes === undefined || fixes.length === 0 || !fixable) return NO_FIXES;
  const inside = (f: Fix) => f.edits.every((e) => e.start >= 0 && e.end >= e.start && e.end <= length);
  return fixes.every(inside) ? fixes : fixes.filter(inside);
}

/** By position, then rule id. Each rule reports mostly in order: a sorted list is left as it is. */
export function sortProblems(problems: Problem[]): void {
  let sorted = true;
  for (let i = 1; i < problems.length && sorted; i++) sorted = compareProblems(problems[i - 1], problems[i]) <= 0;
  if (!sorted) problems.sort(compareProblems);
}

function compareProblems(a: Problem, b: Problem): number {
  return a.start - b.start || a.end - b.end || (a.ruleId === b.ruleId ? 0 : a.ruleId.localeCompare(b.ruleId));
}

/** Runs `rules` (in their order; the findings are sorted afterwards) over the model. */
export function lint(model: DocumentModel, rules: readonly Rule<object>[], config: LintConfig = {}, options: LintOptions = {}): Problem[] {
  const problems: Problem[] = [];
  for (const rule of rules) {
    if (options.only && !options.only.includes(rule.id)) continue;
    const steps = ruleSteps(model, rule, config, options);
    let step = steps.next();
    while (!step.done) step = steps.next();
    // A loop, not push(...): a spread of 100 000+ findings overflows the call stack.
    for (const p of step.value) problems.push(p);
  }
  sortProblems(problems);
  return applySuppressions(model, problems);
}

/**
 * One rule's check as steps: yields wherever the rule's check yields, and returns the rule's
 * problems (none when it is off or throws). lint() runs it straight through; a sliced check
 * gives the event loop a turn between steps.
 */
export function* ruleSteps(model: DocumentModel, rule: Rule<object>, config: LintConfig, options: LintOptions): Generator<void, Problem[], undefined> {
  const setting = config.rules?.[rule.id];
  const severity = severityOf(rule, setting);
  if (severity === "off") return [];
  const ruleOptions = resolveOptions(rule, setting?.options);
  const length = model.text.length;
  const found: Problem[] = [];
  const ruleId = rule.id;
  const fixable = rule.meta.fixable;
  let busyMs = 0;
  let started = options.timings ? performance.now() : 0;
  try {
    const result = rule.check(model, {
      options: ruleOptions,
      report(p) {
        if (!(p.start >= 0 && p.end >= p.start && p.end <= length)) throw new Error(`${ruleId}: range ${p.start}-${p.end} outside the document`);
        // `related` on every problem, even undefined: one shape for the code that reads them.
        found.push({ ruleId, severity, start: p.start, end: p.end, message: p.message, fixes: validFixes(p.fixes, fixable, length), related: p.related });
      },
    });
    if (result !== undefined) {
      while (!result.next().done) {
        // The time between steps is not the rule's.
        if (options.timings) busyMs += performance.now() - started;
        yield;
        if (options.timings) started = performance.now();
      }
    }
  } catch (error) {
    options.onRuleError?.(rule.id, error);
    found.length = 0;
  }
  if (options.timings) options.timings.set(rule.id, (options.timings.get(rule.id) ?? 0) + busyMs + performance.now() - started);
  return found;
}
