// Heading runs read as a whole: every wrong number reported against what the writer meant,
// one finding per mistake, for every shape editing leaves behind; the quick fix of each
// finding writes the number its message names; fix-all renumbers only runs whose intent is clear.

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { planSequence, type SequenceFinding } from "../../server/src/rules/sequence";
import { applyEdits } from "../../server/src/engine/fixes";
import { lintAll, parse } from "../support/properties";

const inOrder = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const show = (f: SequenceFinding[]) => f.map((x) => `${x.index}:${x.fault}→${x.expected}`).join(" ");

function flagged(values: number[]): number[] {
  return planSequence(values, 1).map((f) => f.index);
}

test("the issue's shapes and their mirrors: every mistake reported, with the message that fits", () => {
  const cases: Array<[string, string]> = [
    ["1 2 4 4", "2:gap→3 3:repeat→5"], // a section deleted, the last renumbered by hand
    ["1 2 2 5 6", "2:repeat→3 3:gap→4"], // repeat then gap
    ["1 3 5", "1:gap→2 2:gap→4"], // two gaps, counted on from the number written
    ["1 2 3 3", "3:repeat→4"], // a repeat at the end
    ["1 2 4 5", "2:gap→3"], // one deletion: one finding, the rest is right after it
    ["1 2 2 4", "2:repeat→3"], // the next number shows the repeat was meant as 3
    ["1 2 2 3", "2:repeat→3"], // an extra item
    ["1 3 2 4", "1:order→2 2:order→3"], // neighbours the wrong way round
    ["1 2 9 4 5", "2:order→3"], // a mistyped number
    ["2 3 4", "0:start→1"],
    ["14 5 6", "0:start→1"], // a bad start is one finding, on the first item only
    ["3 3 4", "0:start→1"],
    ["1 2 1", "2:restart→3"], // back to one with nothing after it
    ["1 2 3 1 2 4", "3:restart→4 5:gap→3"], // the new list is planned on its own
    ["1 2 3 1 5", "3:order→4"], // a one that is not followed by two starts nothing
    ["1 2 3 4 5 6 7 8 9 10 12 12 14 15", "10:gap→11 11:repeat→13"], // 14 is right: the second 12 was meant as 13
  ];
  for (const [values, expected] of cases) assert.equal(show(planSequence(values.split(" ").map(Number), 1)), expected, values);
  for (let n = 0; n <= 30; n++) assert.deepEqual(planSequence(inOrder(n), 1), [], `1..${n}`);
});

test("one edit, one finding: deletions, repeats, swaps, typos and inserted copies anywhere in runs of 2-14", () => {
  for (let n = 2; n <= 14; n++) {
    for (let k = 1; k < n - 1; k++) {
      const v = inOrder(n);
      v.splice(k, 1);
      assert.deepEqual(flagged(v), [k], `deleted item ${k + 1}: ${v.join(" ")}`);
    }
    for (let k = 1; k < n; k++) {
      const v = inOrder(n);
      v[k] = v[k - 1];
      assert.deepEqual(flagged(v), [k], `repeat: ${v.join(" ")}`);
    }
    for (let k = 0; k + 1 < n; k++) {
      const v = inOrder(n);
      [v[k], v[k + 1]] = [v[k + 1], v[k]];
      assert.deepEqual(flagged(v), [k, k + 1], `swap: ${v.join(" ")}`);
    }
    for (let k = 1; k < n - 1; k++) {
      for (const wrong of [n + 2, n + 10, 99, ...inOrder(k - 1).slice(1)]) {
        const v = inOrder(n);
        v[k] = wrong;
        assert.deepEqual(flagged(v), [k], `typo: ${v.join(" ")}`);
      }
    }
    for (let k = 0; k < n; k++) {
      const v = inOrder(n);
      v.splice(k + 1, 0, v[k]);
      assert.deepEqual(flagged(v), [k + 1], `inserted copy: ${v.join(" ")}`);
    }
  }
});

test("two edits, two findings: each mistake where it was made, whatever the order", () => {
  for (let n = 4; n <= 14; n++) {
    for (let k = 1; k < n - 1; k++) {
      for (let m = k + 1; m < n - 1; m++) {
        // A deletion, then a later item renumbered by hand to its predecessor's number.
        const v = inOrder(n);
        v.splice(k, 1);
        v[m] = v[m - 1];
        assert.deepEqual(flagged(v), [k, m], `gap then repeat: ${v.join(" ")}`);
      }
      for (let b = k + 2; b < n; b++) {
        const v = inOrder(n);
        v[b] = v[b - 1];
        v[k] = v[k - 1];
        assert.deepEqual(flagged(v), [k, b], `two repeats: ${v.join(" ")}`);
        if (b >= n - 1) continue;
        const w = inOrder(n);
        w.splice(b, 1);
        w[k] = w[k - 1];
        assert.deepEqual(flagged(w), [k, b], `repeat then gap: ${w.join(" ")}`);
        const t = inOrder(n);
        t.splice(b, 1);
        t.splice(k, 1);
        assert.deepEqual(flagged(t), [k, b - 1], `two gaps: ${t.join(" ")}`);
      }
    }
  }
});

test("any numbers: one finding at most an item, in order, a bad start only on the first, expected numbers counting from one", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }), (values) => {
      const findings = planSequence(values, 1);
      for (let k = 0; k < findings.length; k++) {
        const f = findings[k];
        assert.ok(f.index >= 0 && f.index < values.length && (k === 0 || f.index > findings[k - 1].index), show(findings));
        assert.ok(f.expected >= 1 && Number.isInteger(f.expected), show(findings));
        assert.ok(f.fault !== "start" || f.index === 0, show(findings));
        assert.notEqual(f.expected, values[f.index], `${values.join(" ")}: ${show(findings)}`);
      }
      if (values.every((v, i) => v === i + 1)) assert.deepEqual(findings, []);
    }),
    { seed: 20240115, numRuns: 3000 },
  );
});

test("a long run with many wrong numbers is planned whole (no lost count after the first mistake)", () => {
  // 2000 items with a repeat every 50 and a gap every 70: each is reported once, nothing else.
  const values: number[] = [];
  const wrong: number[] = [];
  let n = 1;
  for (let i = 0; i < 2000; i++) {
    if (i > 0 && i % 50 === 0) {
      values.push(values[i - 1]);
      wrong.push(i);
      continue;
    }
    if (i > 0 && i % 70 === 0) {
      n++;
      wrong.push(i);
    }
    values.push(n++);
  }
  assert.deepEqual(flagged(values), wrong);
});

/** Each numbering-sequence finding's preferred fix, applied alone: the number the message expects. */
function fixesOf(text: string) {
  const model = parse({ text, languageId: "plaintext" });
  return lintAll(model)
    .filter((p) => p.ruleId === "numbering-sequence")
    .map((p) => {
      const preferred = p.fixes.find((f) => f.preferred);
      const wanted = /应为“([^”]+)”/.exec(p.message.zh)?.[1];
      const fixed = preferred ? applyEdits(text, preferred.edits) : undefined;
      const line = fixed?.split("\n")[model.lines.findIndex((l) => l.start <= p.start && p.start <= l.end)];
      return { message: p.message.zh, wanted, line, renumber: p.fixes.find((f) => f.title.zh === "重新编号本组同级标题") };
    });
}

test("the quick fix on every reported number writes the expected number; the run's renumbering is safe only where its intent is clear", () => {
  const gapThenRepeat = "区统计局2024年工作计划\n\n一、主要任务\n（一）夯实基础。\n（二）提升质量。\n（四）深化改革。\n（四）强化服务。\n";
  const found = fixesOf(gapThenRepeat);
  assert.deepEqual(found.map((f) => f.message), ["序号不连续：应为“（三）”，实为“（四）”", "序号重复：应为“（五）”，实为“（四）”"]);
  for (const f of found) assert.ok(f.line?.startsWith(f.wanted!), `${f.message}: the fix writes ${f.line}`);
  assert.equal(found[0].renumber?.safe, true, "a run whose intent is clear is renumbered by fix-all");
  assert.equal(found[1].renumber, undefined, "the renumbering rides on the run's first finding only");

  const restart = "区住建局2023年工作总结\n\n现将有关情况总结如下：\n一、主要工作\n完成投资。\n二、存在问题\n推进较慢。\n一、下步打算\n加快建设。\n二、保障措施\n强化考核。\n";
  const restarted = fixesOf(restart);
  assert.deepEqual(restarted.map((f) => f.message), ["序号重新开始：前一项为“二、”，此处为“一、”"]);
  assert.ok(restarted[0].line?.startsWith("三、"), "the quick fix carries on the count");
  assert.equal(restarted[0].renumber?.safe, false, "fix-all leaves a run that may start a new list alone");

  const badStart = "区统计局2024年工作计划\n\n二、主要任务\n加强领导。\n三、保障措施\n强化考核。\n";
  const started = fixesOf(badStart);
  assert.deepEqual(started.map((f) => f.message), ["序号未从头开始：应为“一、”，实为“二、”"]);
  assert.equal(started[0].renumber?.safe, false);
});
