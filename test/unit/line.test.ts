// The per-line scan (model/line.ts) against plain reference definitions: the normalised text
// (width folded, lower-cased, only digits, Latin letters and ideographs kept) and the count of
// visible characters, on random lines mixing ideographs, full-width forms, blanks, case-changing
// letters and surrogates, paired and lone.

import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeLine, normalizeForComparison } from "../../server/src/model/line";
import { foldWidth, isBlankCode, isCjkCode } from "../../server/src/model/text";
import { seededRandom } from "../support/random";

/** The definition the one-pass scan must agree with. */
function referenceNormalized(text: string): string {
  let out = "";
  for (const ch of foldWidth(text).toLowerCase()) {
    for (let k = 0; k < ch.length; k++) {
      const c = ch.charCodeAt(k);
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || isCjkCode(c) || (c >= 0xd800 && c <= 0xdfff)) out += ch[k];
    }
  }
  return out;
}

/** Code points that are not blanks (a surrogate pair is one, a lone surrogate one too). */
function referenceVisible(text: string): number {
  let n = 0;
  for (const ch of text) if (!(ch.length === 1 && isBlankCode(ch.charCodeAt(0)))) n++;
  return n;
}

const PIECES = ["推", "进", "一", "是", "二", "要", "第", "（", "）", "、", "，", "。", "Ａ", "ｂ", "１", "Ｚ", "A", "z", "9", "İ", "\u212a", "Σ", " ", "\u3000", "\t", "\u00a0", "\ufeff", "𠀀", "𝐀", "\ud800", "\udc00", "①", "X", "x", "—", "《", "》", "1.", "十"];

test("the one-pass line scan gives the reference normalised text and visible count", () => {
  const rand = seededRandom(4242);
  for (let t = 0; t < 3000; t++) {
    let line = "";
    const n = Math.floor(rand() * 40);
    for (let k = 0; k < n; k++) line += PIECES[Math.floor(rand() * PIECES.length)];
    const facts = analyzeLine(line, t % 2 === 0);
    const content = line.slice(facts.contentStart, facts.contentEnd);
    assert.equal(facts.visibleLength, referenceVisible(content), JSON.stringify(line));
    assert.equal(normalizeForComparison(line), referenceNormalized(line), JSON.stringify(line));
    // Without a heading marker the whole content is normalised; with one, what follows it.
    const from = facts.marker ? Math.min(facts.marker.end, facts.contentEnd) : facts.contentStart;
    assert.equal(facts.normalized, referenceNormalized(line.slice(from, facts.contentEnd)), JSON.stringify(line));
  }
});

test("a long line of ideographs normalises to itself and counts every character", () => {
  const line = "　　" + "深入推进基层治理现代化".repeat(5000);
  const facts = analyzeLine(line, false);
  assert.equal(facts.visibleLength, 55_000);
  assert.equal(facts.normalized, line.trim());
});
