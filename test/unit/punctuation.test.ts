// The punctuation and spacing rules beyond their fixtures: results carried over from one version
// of a document to the next (the line memos) equal a cold check, and the helpers' edge cases.

import { test } from "node:test";
import assert from "node:assert/strict";
import { LineFactsCache, parseDocument } from "../../server/src/model/parse";
import { lint } from "../../server/src/engine/lint";
import { clearMemos } from "../../server/src/engine/memo";
import { RULES } from "../../server/src/rules";
import { listSeparators } from "../../server/src/rules/list-separator";
import { docNumberRanges, extraMarkerPunctuationEnd } from "../../server/src/rules/chinese-text";

const ONLY = ["punctuation-width", "punctuation-pair", "list-separator", "marker-punctuation", "stray-space"];

/** Lines with and without the mistakes these rules look for. */
const PIECES = [
  "全面落实保障政策,确保应保尽保;", "做好全市中小学(含幼儿园)学位扩充。", "依托\"学习强国\"平台,开展'一岗双责'学习。", "开展“统计执法检查活动。",
  "认真学习《统计法》、《预算法》等法律法规。", "（一）、加强组织领导", "1.、成立工作专班", "截至202 4 年3月1 5 日，项 目负责人到位。",
  "认真学习贯彻党的二十大精神 ，全面落实。", "全年完成1,000户，上午10:30召开。", "详见https://www.gov.cn/a?b=1，请查阅。", "联系人：张三    电话：0931-1234567",
  "“一要提高政治站位。", "“二要强化工作保障。”", "二、主要任务", "组　长：王　伟", "",
];

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test("after each edit the re-check (line memos carried over) reports what a cold check does", () => {
  const random = seededRandom(13);
  const pick = () => PIECES[Math.floor(random() * PIECES.length)];
  for (const languageId of ["plaintext", "markdown"]) {
    const cache = new LineFactsCache();
    const lines = Array.from({ length: 60 }, pick);
    for (let version = 0; version < 80; version++) {
      const at = Math.floor(random() * lines.length);
      const r = random();
      // Lines inserted, removed and replaced: the memo takes over the unchanged ones.
      if (r < 0.3) lines.splice(at, 0, pick(), pick());
      else if (r < 0.5 && lines.length > 5) lines.splice(at, 2);
      else lines[at] = pick();
      const text = lines.join("\n");
      const warm = lint(parseDocument({ text, uri: "file:///memo.txt", version, languageId }, cache), RULES, {}, { only: ONLY });
      lint(parseDocument({ text: "一、" + text, uri: "file:///other.txt", version, languageId }), RULES, {}, { only: ONLY });
      const cold = lint(parseDocument({ text, uri: "file:///cold.txt", version, languageId }), RULES, {}, { only: ONLY });
      assert.deepEqual(warm, cold, `${languageId} version ${version}`);
      assert.ok(version > 0 || warm.length > 5, "the text holds findings");
    }
  }
  clearMemos();
});

test("list separators: a run of marked items, not a mixed list, commas only in a list", () => {
  const at = (text: string) => listSeparators(text, 0, text.length).map((i) => text.slice(i - 1, i + 2));
  assert.deepEqual(at("学习《A》、《B》、《C》等"), ["》、《", "》、《"]);
  assert.deepEqual(at("凝聚信访办、“五老说事”、“红管家”理事会等力量"), []);
  assert.deepEqual(at("“A”、“B”理事会、调解室"), [], "the last item runs on into an unmarked one");
  assert.deepEqual(at("印发了《A》，《B》也已施行"), [], "a comma between two clauses");
  assert.deepEqual(at("印发《A》，《B》等文件"), ["》，《"]);
  assert.deepEqual(at("《A（修订）》、《B》"), ["》、《"], "brackets inside a title");
  assert.deepEqual(at("》、《B》"), [], "a title opened on an earlier line");
});

test("punctuation after a marker: references to numbered items are left alone", () => {
  const end = (text: string, markerEnd: number) => extraMarkerPunctuationEnd(text, markerEnd);
  assert.equal(end("（一）、加强", 3), 4);
  assert.equal(end("1.、，成立", 2), 4);
  assert.equal(end("①、②两项", 1), 1);
  assert.equal(end("（一）、（二）项", 3), 3);
  assert.equal(end("一、二", 2), 2);
});

test("文号 stretches are doc-number-format's: round brackets only after an organisation code", () => {
  const spans = (text: string) => {
    const r = docNumberRanges(text);
    const out: string[] = [];
    for (let i = 0; i < r.length; i += 2) out.push(text.slice(r[i], r[i + 1]));
    return out;
  };
  assert.deepEqual(spans("按照国发(2022)22号和厅字[2023] 5号执行"), ["(2022)22号", "[2023] 5号"]);
  assert.deepEqual(spans("工程（2024）3号标段"), [], "a lot number, not a 文号");
  assert.deepEqual(spans("市政办发〔2024〕 12号"), ["〔2024〕 12号"]);
});
