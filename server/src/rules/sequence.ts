// Shared sequence logic for numbered things (headings, enumerations): what number each item
// should carry and how a wrong one is described.

import type { Message } from "../engine/rule";

export type SequenceFault = "gap" | "repeat" | "order" | "start" | "restart";

export interface SequenceFinding {
  index: number;
  expected: number;
  fault: SequenceFault;
}

/**
 * Walks values in order. `first` is the number the first item should carry (undefined: any
 * start is accepted). One wrong item yields one finding: after a wrong number the walk goes
 * on from the expected number when the next item agrees with that reading ("1 2 2 4": the
 * second 2 was meant as 3), else from the highest number written ("1 2 4 5": only 4 is
 * flagged; "1 2 2 3": only the second 2).
 */
export function checkSequence(values: number[], first: number | undefined, next: (v: number) => number = (v) => v + 1): SequenceFinding[] {
  const findings: SequenceFinding[] = [];
  if (values.length === 0) return findings;
  let high: number;
  if (first !== undefined && values[0] !== first) {
    findings.push({ index: 0, expected: first, fault: "start" });
    // Read the wrong first number as the one just before the second ("14、 5、": only 14 is wrong).
    high = values.length > 1 && values[1] > first ? values[1] - 1 : Math.max(values[0], first);
  } else high = values[0];
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    const expected = next(high);
    if (v === expected) { high = v; continue; }
    // Starting again at one is one finding, not one per item of the new list.
    const restart = first !== undefined && v === first && high > first && (i + 1 >= values.length || values[i + 1] === next(v));
    findings.push({ index: i, expected, fault: restart ? "restart" : v > expected ? "gap" : v === high ? "repeat" : "order" });
    if (restart) high = v;
    else if (i + 1 < values.length && values[i + 1] === next(expected)) high = expected;
    else high = Math.max(high, v);
  }
  return findings;
}

const FAULT_TEXT: Record<SequenceFault, Message> = {
  gap: { zh: "序号不连续", en: "Numbering gap" },
  repeat: { zh: "序号重复", en: "Repeated number" },
  order: { zh: "序号顺序颠倒", en: "Number out of order" },
  start: { zh: "序号未从头开始", en: "Numbering does not start at the beginning" },
  restart: { zh: "序号重新开始", en: "Numbering starts again" },
};

/** The same faults in an inline enumeration: "列举序号不连续", "Enumeration skips a number". */
const ENUMERATION_FAULT_TEXT: Record<SequenceFault, Message> = {
  gap: { zh: "列举序号不连续", en: "Enumeration skips a number" },
  repeat: { zh: "列举序号重复", en: "Enumeration repeats a number" },
  order: { zh: "列举序号顺序颠倒", en: "Enumeration out of order" },
  start: { zh: "列举序号未从头开始", en: "Enumeration does not start at the first item" },
  restart: { zh: "列举序号重新开始", en: "Enumeration starts again" },
};

export function sequenceMessage(fault: SequenceFault, expected: string, actual: string, subject: "heading" | "enumeration" = "heading"): Message {
  const t = (subject === "enumeration" ? ENUMERATION_FAULT_TEXT : FAULT_TEXT)[fault];
  return {
    zh: `${t.zh}：应为“${expected}”，实为“${actual}”`,
    en: `${t.en}: expected "${expected}", found "${actual}"`,
  };
}
