// The rule registry: explicit and sorted by id (no globs, no dynamic imports).

import type { Rule } from "../engine/rule";
import dateFormat from "./date-format";
import dateWeekday from "./date-weekday";
import docNumberFormat from "./doc-number-format";
import duplicateParagraph from "./duplicate-paragraph";
import enumerationSequence from "./enumeration-sequence";
import listSeparator from "./list-separator";
import markerPunctuation from "./marker-punctuation";
import numberingHierarchy from "./numbering-hierarchy";
import numberingSequence from "./numbering-sequence";
import numberingStyle from "./numbering-style";
import placeholder from "./placeholder";
import punctuationPair from "./punctuation-pair";
import punctuationWidth from "./punctuation-width";
import straySpace from "./stray-space";
import tocMismatch from "./toc-mismatch";
import yearConsistency from "./year-consistency";

export const RULES: readonly Rule<object>[] = [
  dateFormat,
  dateWeekday,
  docNumberFormat,
  duplicateParagraph,
  enumerationSequence,
  listSeparator,
  markerPunctuation,
  numberingHierarchy,
  numberingSequence,
  numberingStyle,
  placeholder,
  punctuationPair,
  punctuationWidth,
  straySpace,
  tocMismatch,
  yearConsistency,
] as Rule<object>[];

export function findRule(id: string): Rule<object> | undefined {
  return RULES.find((r) => r.id === id);
}
