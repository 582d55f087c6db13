// The per-line scan (model/line.ts) against plain reference definitions: the normalised text
// (width folded, lower-cased, only digits, Latin letters and ideographs kept) and the count of
// visible characters, on random lines mixing ideographs, full-width forms, blanks, case-changing
// letters and surrogates, paired and lone.

import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeLine, normalizeForComparison } from "../../server/src/model/line";
import { foldWidth, isBlankCode, isCjkCode } from "../../server/src/model/text";
import { seededRandom } from "../support/random";
import * as classes from "../../server/src/model/char-classes";

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

const PIECES = [",", ":", "(", "\"", "'", "“", "”", "年", "零", "〇", "号", "星", "-", "/", "[", "。", "推", "进", "一", "是", "二", "要", "第", "（", "）", "、", "，", "。", "Ａ", "ｂ", "１", "Ｚ", "A", "z", "9", "İ", "\u212a", "Σ", " ", "\u3000", "\t", "\u00a0", "\ufeff", "𠀀", "𝐀", "\ud800", "\udc00", "①", "X", "x", "—", "《", "》", "1.", "十"];

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
    assert.equal(facts.chars, classes.classesOfText(content), JSON.stringify(line));
  }
});

test("the line's character classes say what a rule may find in it", () => {
  const { HALF_WIDTH_PUNCTUATION, ASCII_QUOTE, PAIRED_MARK, INNER_BLANK, DIGIT, DATE_WORD, CHINESE_ZERO, NUMBER_SIGN, ENUMERATION_COMMA, ASCII_SEPARATOR, FULL_WIDTH_PUNCTUATION } = classes;
  const of = (line: string) => analyzeLine(line, false).chars;
  assert.equal(of("　　加强组织领导，落实工作责任。　"), FULL_WIDTH_PUNCTUATION, "indentation and trailing blanks are not inner blanks");
  assert.equal(of("工作要点 , 以"), INNER_BLANK | HALF_WIDTH_PUNCTUATION);
  assert.equal(of("《统计法》、《预算法》"), PAIRED_MARK | ENUMERATION_COMMA | classes.MARKED_LIST);
  assert.equal(of("2024.3.5"), DIGIT | ASCII_SEPARATOR);
  assert.equal(of("二零二四年"), CHINESE_ZERO | DATE_WORD);
  assert.equal(of("国发[2022]22号"), DIGIT | classes.ASCII_BRACKET | NUMBER_SIGN);
  assert.equal(of("国发［2022］22号"), DIGIT | classes.ASCII_BRACKET | NUMBER_SIGN, "full-width square brackets too");
  assert.equal(of("'质量'"), ASCII_QUOTE);
  assert.equal(of("邮箱tjj@163.com、C:\\统计、&nbsp;"), DIGIT | ENUMERATION_COMMA | ASCII_SEPARATOR | HALF_WIDTH_PUNCTUATION | classes.LITERAL_SIGN);
  assert.equal(of(""), 0);
  // Positional: whether the paired marks nest and balance, and a list of marked items.
  const { UNPAIRED_MARK, MARKED_LIST } = classes;
  assert.equal(of("依托“学习（强国）”平台") & UNPAIRED_MARK, 0, "nested pairs balance");
  assert.equal(of("开展“统计执法检查活动") & UNPAIRED_MARK, UNPAIRED_MARK, "an unclosed quote");
  assert.equal(of("办法》》，提高") & UNPAIRED_MARK, UNPAIRED_MARK, "a stray closing mark");
  assert.equal(of("《统计法（修订》）") & UNPAIRED_MARK, UNPAIRED_MARK, "crossed pairs");
  assert.equal(of("“" + "（".repeat(40) + "）".repeat(40) + "”") & UNPAIRED_MARK, UNPAIRED_MARK, "nesting deeper than any prose counts as unpaired");
  assert.equal(of("《统计法》、《预算法》") & MARKED_LIST, MARKED_LIST);
  assert.equal(of("“突击战”，“疲劳战”") & MARKED_LIST, MARKED_LIST);
  assert.equal(of("《统计法》（2009年）、《预算法》") & MARKED_LIST, 0, "something stands between");
  assert.equal(of("《统计法》和《预算法》") & MARKED_LIST, 0);
});

test("a long line of ideographs normalises to itself and counts every character", () => {
  const line = "　　" + "深入推进基层治理现代化".repeat(5000);
  const facts = analyzeLine(line, false);
  assert.equal(facts.visibleLength, 55_000);
  assert.equal(facts.normalized, line.trim());
});
