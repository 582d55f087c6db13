// The placeholder rule's options: the allow-list, user patterns, and refusing user patterns that
// are invalid or could hang the checker (reported once per document, the rest still checked).

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDocument } from "../../server/src/model/parse";
import { lint, type LintConfig } from "../../server/src/engine/lint";
import { RULES } from "../../server/src/rules";
import { rejectReason } from "../../server/src/rules/placeholder-extra-patterns";
import { PLACEHOLDER_PATTERNS } from "../../server/src/rules/placeholder-patterns";
import { LineFactsCache } from "../../server/src/model/parse";
import { clearMemos } from "../../server/src/engine/memo";
import { seededRandom } from "../support/random";
import { FIXTURE_ROOT } from "../support/fixtures";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const TEXT = "XX县2024年工作计划\n\n由XX公司承建，资金待定，联系人：某某。\n具体金额待补充，完成时间待定。\n";

function findings(text: string, options: Record<string, unknown>): string[] {
  const config: LintConfig = { rules: { placeholder: { options } } };
  const model = parseDocument({ text });
  return lint(model, RULES, config, { only: ["placeholder"] }).map((p) => `${text.slice(p.start, p.end)}|${p.message.zh}`);
}

test("allow: an allowed word is not flagged, nor a placeholder inside it; other leftovers still are", () => {
  assert.deepEqual(findings(TEXT, {}).map((f) => f.split("|")[0]), ["XX", "XX", "某某"]);
  assert.deepEqual(findings(TEXT, { allow: ["XX公司"] }).map((f) => f.split("|")[0]), ["XX", "某某"]);
  assert.deepEqual(findings(TEXT, { allow: ["XX", "某某"] }), []);
});

test("extraPatterns: matches of a user pattern are reported with their text", () => {
  const found = findings(TEXT, { extraPatterns: ["待定|待补充"] });
  assert.deepEqual(found.map((f) => f.split("|")[0]), ["XX", "XX", "待定", "某某", "待补充", "待定"]);
  assert.ok(found.includes("待定|模板占位符未替换：“待定”"));
});

test("dangerous or invalid user patterns are refused once per document; the valid ones still work", () => {
  const patterns = ["(a+)+$", "([^，]*)*元", "(x|xy)*z", "\\1", "[", "a*", "x".repeat(201), "待定"];
  for (const p of patterns.slice(0, -1)) assert.ok(rejectReason(p), `refuses ${p.slice(0, 20)}`);
  assert.equal(rejectReason("待定"), undefined);
  assert.equal(rejectReason("（此处填写[^）]*）"), undefined);
  const text = TEXT + "a".repeat(50_000) + "!\n";
  const found = findings(text, { extraPatterns: patterns });
  const notices = found.filter((f) => f.startsWith("|自定义占位符正则已忽略"));
  assert.equal(notices.length, patterns.length - 1, "one notice per refused pattern");
  assert.equal(found.filter((f) => f.startsWith("待定|")).length, 2);
});

test("a user pattern on a very long line is matched in windows and still finds every occurrence", () => {
  const line = "加强管理，".repeat(3000) + "待定";
  const text = "XX工作计划\n\n" + ("待定" + line).repeat(3) + "\n";
  const found = findings(text, { extraPatterns: ["待定"] }).filter((f) => f.startsWith("待定|"));
  assert.equal(found.length, 6);
});

/** Characters the patterns turn on, and text around them, for random lines. */
const ALPHABET = [..."XxＸｘ×○〇◯某_＿D*＊zｚyｙ（(【〔[）)】〕] \u3000\u30001209.．万元个市县党建员的组全治主题日节报刊年月街道小区为表示“”「」\"打或一二十，。、；：ABab-—~至"];

function randomText(random: () => number, length: number, breaks: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += random() < breaks ? "\n" : ALPHABET[Math.floor(random() * ALPHABET.length)];
  return text;
}

test("each pattern is tried where its match can start: every match starts with one of its `starts`", () => {
  // Where any pattern matches, its first character must be listed, else the rule never tries it there.
  const random = seededRandom(6);
  const fixtureDir = join(FIXTURE_ROOT, "placeholder");
  const samples = readdirSync(fixtureDir).filter((f) => !f.endsWith(".expected")).map((f) => readFileSync(join(fixtureDir, f), "utf8"));
  for (let k = 0; k < 300; k++) samples.push(randomText(random, 300, 0));
  const sticky = PLACEHOLDER_PATTERNS.map((p) => new RegExp(p.source, "y"));
  for (const text of samples) {
    for (let at = 0; at < text.length; at++) {
      sticky.forEach((re, i) => {
        re.lastIndex = at;
        if (re.test(text)) assert.ok(PLACEHOLDER_PATTERNS[i].starts.includes(text[at]), `${PLACEHOLDER_PATTERNS[i].id} matches at "${text.slice(at, at + 8)}"`);
      });
    }
  }
});

test("after each edit the re-check (line memo carried over) reports what a cold check does", () => {
  const random = seededRandom(61);
  for (const languageId of ["plaintext", "markdown"]) {
    const cache = new LineFactsCache();
    let text = randomText(random, 3000, 0.03);
    for (let version = 0; version < 120; version++) {
      const at = Math.floor(random() * text.length);
      const r = random();
      // Deletions, moved stretches (lines shift up and down) and small insertions.
      if (r < 0.3) text = text.slice(0, at) + text.slice(at + Math.floor(random() * 200));
      else if (r < 0.6) {
        const from = Math.floor(random() * text.length);
        text = text.slice(0, at) + text.slice(from, from + Math.floor(random() * 300)) + text.slice(at);
      } else text = text.slice(0, at) + randomText(random, 1 + Math.floor(random() * 8), 0.1) + text.slice(at);
      const warm = lint(parseDocument({ text, uri: "file:///memo.txt", version, languageId }, cache), RULES, {}, { only: ["placeholder"] });
      // Another document checked in between keeps its own memo.
      lint(parseDocument({ text: "XX\n" + text, uri: "file:///other.txt", version, languageId }), RULES, {}, { only: ["placeholder"] });
      const cold = lint(parseDocument({ text, uri: "file:///cold.txt", version, languageId }), RULES, {}, { only: ["placeholder"] });
      assert.deepEqual(warm, cold, `${languageId} version ${version}`);
    }
  }
  clearMemos();
});
