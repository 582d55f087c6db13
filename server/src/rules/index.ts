// The rule registry: explicit and sorted by id (no globs, no dynamic imports).

import type { Rule } from "../engine/rule";
import enumerationSequence from "./enumeration-sequence";
import numberingHierarchy from "./numbering-hierarchy";
import numberingSequence from "./numbering-sequence";
import numberingStyle from "./numbering-style";

export const RULES: readonly Rule<object>[] = [
  enumerationSequence,
  numberingHierarchy,
  numberingSequence,
  numberingStyle,
] as Rule<object>[];

export function findRule(id: string): Rule<object> | undefined {
  return RULES.find((r) => r.id === id);
}
