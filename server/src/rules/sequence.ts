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
 * flagged; "1 2 2 3": only the second 2). Inline enumerations use it; heading runs are
 * planned as a whole (planSequence).
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

/**
 * How far apart two numbers the plan trusts may lie: a stretch of more than this many wrong
 * numbers in a row is not looked for (it keeps the plan linear in the run's length).
 */
const WINDOW = 12;

/**
 * Decides what the writer meant for a whole run of numbers and reports every number that
 * departs from it. The plan trusts an increasing chain of the written numbers ("anchors") and
 * reads every other item against it; of all chains it takes the one that explains the run with
 * the fewest and likeliest mistakes, and among those the one trusting the earliest numbers
 * ("keep counting after the first mistake"):
 * - a number that jumps ahead is a gap (an item went missing) and counting goes on from it:
 *   "1 2 4 5" has one finding, "1 2 4 4" two (the gap, then the repeated 4);
 * - a number written twice is a repeat; when the next number shows what it was meant to be,
 *   it takes that number ("1 2 2 4": the second 2 is 3), else it is an extra item ("1 2 2 3");
 * - a number out of place is out of order ("1 2 9 4": 9 was meant as 3); two neighbours
 *   written the wrong way round are both out of order ("1 3 2 4");
 * - a wrong first number is a bad start, reported on the first item only ("14 5 6");
 * - going back to `first` after two or more items that went higher, with the next item
 *   `first + 1` or none, starts the run again: one finding there, and the new list is
 *   planned on its own.
 * Costs: a gap or a repeat counts 1, any other wrong number 2 (a typo is rarer than a
 * deleted or a copied item).
 */
export function planSequence(values: number[], first: number): SequenceFinding[] {
  const findings: SequenceFinding[] = [];
  let from = 0;
  let high = first - 1;
  for (let t = 0; t <= values.length; t++) {
    const restart = t < values.length && t - from >= 2 && values[t] === first && high > first && (t + 1 === values.length || values[t + 1] === first + 1);
    if (t === values.length || restart) {
      const lastMeant = planSegment(values, from, t, first, findings, from > 0);
      if (restart) findings.push({ index: t, expected: lastMeant + 1, fault: "restart" });
      from = t;
      high = first - 1;
    }
    if (t < values.length) high = Math.max(high, values[t]);
  }
  // In order already: each segment reads its items from the start, its restart comes after.
  return findings;
}

/** Plans values[from, to) as one list starting at `first`; returns the number its last item was meant to carry. */
function planSegment(all: number[], from: number, to: number, first: number, out: SequenceFinding[], afterRestart: boolean): number {
  const n = to - from;
  let ordered = 0;
  while (ordered < n && all[from + ordered] === first + ordered) ordered++;
  if (ordered === n) return first + n - 1;
  const v = all.slice(from, to);
  // Neighbours written the wrong way round ("1 3 2 4"): planned as if in order, then both flagged.
  const swapped = new Uint8Array(n);
  for (let i = 0; i + 1 < n; i++) {
    const before = i === 0 ? first - 1 : v[i - 1];
    if (v[i] === v[i + 1] + 1 && v[i + 1] === before + 1 && (i + 2 === n || v[i + 2] === v[i] + 1)) {
      swapped[i] = swapped[i + 1] = 1;
      [v[i], v[i + 1]] = [v[i + 1], v[i]];
      i++;
    }
  }
  const repeat = (t: number) => t > 0 && v[t] === v[t - 1] && !swapped[t];
  const base = (t: number) => (repeat(t) ? 1 : 2);
  const cost = (t: number, slot: number | undefined) => (slot === v[t] ? 0 : base(t));

  // best[i + 1]: the least cost of reading items i+1.. after an anchor at i (i = -1: the start).
  const best = new Float64Array(n + 1);
  const next = new Int32Array(n + 1);
  // Trailing items after an anchor at i count on from it: item t matches when v[t] - t equals
  // v[i] - i. Sums of base costs from the end, and per such difference, give each in O(1).
  let tailBase = 0;
  const tailMatch = new Map<number, number>();
  for (let i = n - 1; i >= -1; i--) {
    const x = i < 0 ? first - 1 : v[i];
    const d = i < 0 ? first : x - i;
    let bestCost: number;
    let bestNext: number;
    if (i + 1 < n && v[i + 1] === x + 1) {
      // The next number follows on: trusting it costs nothing and any other reading gives it
      // the same number, so it is the nearest of the best (the shortcut keeps the plan linear).
      bestCost = best[i + 2];
      bestNext = i + 1;
    } else {
      bestCost = tailBase - (tailMatch.get(d) ?? 0);
      // From the start, a wrong first number costs nothing more than the bad start it is.
      if (i < 0 && v[0] !== first) bestCost -= base(0);
      bestNext = n; // n: no further anchor
      const limit = Math.min(n - 1, i + WINDOW);
      // Scanned from the far end so that ties go to the nearest anchor (the earliest trusted number).
      for (let j = limit; j > i; j--) {
        if (v[j] <= x) continue;
        const c = stretchCost(i, j, x) + best[j + 1];
        if (c <= bestCost) {
          bestCost = c;
          bestNext = j;
        }
      }
    }
    best[i + 1] = bestCost;
    next[i + 1] = bestNext;
    if (i >= 0) {
      tailBase += base(i);
      const di = v[i] - i;
      tailMatch.set(di, (tailMatch.get(di) ?? 0) + base(i));
    }
  }

  function stretchCost(i: number, j: number, x: number): number {
    let c = 0;
    const y = v[j];
    if (i < 0) {
      // Before the first anchor the items fill the numbers just below it ("14 5 6": 14 was 4).
      // A wrong first number is the bad start, reported whatever it was meant to be: no extra cost.
      for (let t = v[0] !== first ? 1 : 0; t < j; t++) {
        const slot = y - (j - t);
        c += cost(t, slot >= first ? slot : undefined);
      }
      return c;
    }
    const slots = y - x - 1;
    for (let m = 0; m < j - i - 1; m++) c += cost(i + 1 + m, m < slots ? x + 1 + m : undefined);
    return c + (j - i - 1 < slots ? 1 : 0);
  }

  // Read the plan: anchors from the start, the items between them, the tail.
  let i = -1;
  let meant = first - 1;
  const report = (t: number, expected: number, fault: SequenceFault) => {
    if (t === 0 && afterRestart) return; // the restart is the finding there
    if (out.length > 0 && out[out.length - 1].index === from + t) return; // one finding an item
    if (swapped[t]) fault = "order";
    else if (t === 0) fault = "start";
    out.push({ index: from + t, expected: t === 0 ? first : expected, fault });
  };
  const judge = (t: number, expected: number, nextAnchor: number | undefined) => {
    const written = all[from + t];
    if ((written === expected || (t === 0 && written === first)) && !swapped[t]) return;
    const fault: SequenceFault = repeat(t) ? "repeat" : written < expected ? "order" : nextAnchor !== undefined && written >= nextAnchor ? "order" : "gap";
    report(t, expected, fault);
  };
  while (i < n) {
    const j = next[i + 1];
    const x = i < 0 ? first - 1 : v[i];
    if (j === n) {
      for (let t = i + 1; t < n; t++) judge(t, x + (t - i), undefined);
      meant = x + (n - 1 - i);
      break;
    }
    const y = v[j];
    if (i < 0) {
      for (let t = 0; t < j; t++) judge(t, Math.max(y - (j - t), first), y);
      if (v[0] !== first && j === 0) report(0, first, "start");
    } else {
      const k = j - i - 1;
      for (let m = 0; m < k; m++) judge(i + 1 + m, x + 1 + m, y);
      if (k < y - x - 1) report(j, x + k + 1, "gap");
    }
    if (swapped[j]) report(j, y, "order");
    meant = y;
    i = j;
  }
  return meant;
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
