// The rule registry: explicit and sorted by id (no globs, no dynamic imports).

import type { Rule } from "../engine/rule";
import duplicateParagraph from "./duplicate-paragraph";
import enumerationSequence from "./enumeration-sequence";
import numberingHierarchy from "./numbering-hierarchy";
import numberingSequence from "./numbering-sequence";
import numberingStyle from "./numbering-style";
import placeholder from "./placeholder";

export const RULES: readonly Rule<object>[] = [
  duplicateParagraph,
  enumerationSequence,
  numberingHierarchy,
  numberingSequence,
  numberingStyle,
  placeholder,
] as Rule<object>[];

export function findRule(id: string): Rule<object> | undefined {
  return RULES.find((r) => r.id === id);
}
