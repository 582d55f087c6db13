// The rule registry: explicit and sorted by id (no globs, no dynamic imports).

import type { Rule } from "../engine/rule";
import dateFormat from "./date-format";
import dateWeekday from "./date-weekday";
import docNumberFormat from "./doc-number-format";
import duplicateParagraph from "./duplicate-paragraph";
import enumerationSequence from "./enumeration-sequence";
import numberingHierarchy from "./numbering-hierarchy";
import numberingSequence from "./numbering-sequence";
import numberingStyle from "./numbering-style";
import placeholder from "./placeholder";
import tocMismatch from "./toc-mismatch";
import yearConsistency from "./year-consistency";

export const RULES: readonly Rule<object>[] = [
  dateFormat,
  dateWeekday,
  docNumberFormat,
  duplicateParagraph,
  enumerationSequence,
  numberingHierarchy,
  numberingSequence,
  numberingStyle,
  placeholder,
  tocMismatch,
  yearConsistency,
] as Rule<object>[];

export function findRule(id: string): Rule<object> | undefined {
  return RULES.find((r) => r.id === id);
}
