// What a rule is and what it reports: the contract between rules, the engine, the LSP and the CLI.

import type { DocumentModel } from "../model/document";

/** User-facing text in both languages; the client's locale picks one. */
export interface Message {
  zh: string;
  en: string;
}

export type Severity = "error" | "warning" | "info" | "hint";

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: Message;
  edits: TextEdit[];
  /** Safe fixes are applied by fix-all; others only when the user picks them. */
  safe: boolean;
  /** The fix is offered as the preferred quick fix. */
  preferred?: boolean;
}

export interface RelatedLocation {
  start: number;
  end: number;
  message: Message;
  /** Another document (cross-file duplicates); the problem's own document when absent. */
  uri?: string;
}

export interface Problem {
  ruleId: string;
  severity: Severity;
  start: number;
  end: number;
  message: Message;
  fixes: Fix[];
  related?: RelatedLocation[];
}

export interface RuleMeta {
  /** A short name for lists and counts ("占位符 3 处"); the description says what the rule wants. */
  name: Message;
  description: Message;
  severity: Severity;
  fixable: boolean;
  tags: string[];
}

export interface RuleContext<O> {
  options: O;
  report(problem: Omit<Problem, "ruleId" | "severity" | "fixes"> & { fixes?: Fix[] }): void;
}

export interface Rule<O extends object = object> {
  id: string;
  meta: RuleMeta;
  defaultOptions: O;
  /**
   * Reports the rule's findings. A check with much work on a big document may be a generator
   * that yields between pieces of it: a server gives its event loop a turn at each yield (once
   * its time slice is used up), and lint() simply runs it to the end.
   */
  check(model: DocumentModel, context: RuleContext<O>): void | Iterator<unknown, void, undefined>;
}

/** Defines a rule with its option type inferred from its defaults. */
export function defineRule<O extends object>(rule: Rule<O>): Rule<O> {
  return rule;
}
