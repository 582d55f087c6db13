// Runs the rules over a document model: settings applied, reports validated, a crashing rule
// isolated so the others still report.

import type { DocumentModel } from "../model/document";
import { RULES } from "../rules";
import type { Problem, Rule, Severity } from "./rule";
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
  /** The rules to run: the registry when absent (the fault-injection test adds a throwing rule). */
  rules?: readonly Rule<object>[];
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

export function lint(model: DocumentModel, config: LintConfig = {}, options: LintOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const length = model.text.length;
  for (const rule of options.rules ?? RULES) {
    if (options.only && !options.only.includes(rule.id)) continue;
    const setting = config.rules?.[rule.id];
    const severity = severityOf(rule, setting);
    if (severity === "off") continue;
    const ruleOptions = resolveOptions(rule, setting?.options);
    const started = options.timings ? performance.now() : 0;
    const found: Problem[] = [];
    try {
      rule.check(model, {
        options: ruleOptions,
        report(p) {
          if (!(p.start >= 0 && p.end >= p.start && p.end <= length)) throw new Error(`${rule.id}: range ${p.start}-${p.end} outside the document`);
          const fixes = (p.fixes ?? []).filter((f) => rule.meta.fixable && f.edits.every((e) => e.start >= 0 && e.end >= e.start && e.end <= length));
          found.push({ ...p, ruleId: rule.id, severity, fixes });
        },
      });
      // A loop, not push(...found): a spread of 100 000+ findings overflows the call stack.
      for (const p of found) problems.push(p);
    } catch (error) {
      options.onRuleError?.(rule.id, error);
    }
    if (options.timings) options.timings.set(rule.id, (options.timings.get(rule.id) ?? 0) + performance.now() - started);
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  // Suppression comments are honoured here, once, so every caller (server, CLI, fix-all) agrees.
  return applySuppressions(model, problems);
}
