// Marker and enumeration recognition: what a heading number is and what only looks like one.

import { test } from "node:test";
import assert from "node:assert/strict";
import { matchHeadingMarker, scanEnumerations } from "../../server/src/model/numbering";
import { formatChineseNumber, parseChineseNumber } from "../../server/src/model/text";

test("Chinese numerals parse and format both ways", () => {
  const cases: Array<[string, number]> = [["一", 1], ["十", 10], ["十一", 11], ["二十", 20], ["二十三", 23], ["九十九", 99], ["一百", 100], ["一百零五", 105]];
  for (const [text, value] of cases) {
    assert.equal(parseChineseNumber(text), value, text);
    assert.equal(formatChineseNumber(value), text, String(value));
  }
  for (const bad of ["", "零", "一一", "十十", "甲"]) assert.equal(parseChineseNumber(bad), undefined, bad);
});

test("heading markers of every family and writing", () => {
  const cases: Array<[string, string, number, string]> = [
    ["一、总体要求", "cn", 1, "一、"],
    ["十二.保障措施", "cn", 12, "十二."],
    ["（三）强化纪律。", "cn-paren", 3, "（三）"],
    ["(三)强化纪律", "cn-paren", 3, "(三)"],
    ["(一）加强领导", "cn-paren", 1, "(一）"],
    ["1.加强学习", "ar", 1, "1."],
    ["2、强化督查", "ar", 2, "2、"],
    ["3．完善制度", "ar", 3, "3．"],
    ["1.2023年度重点工作推进情况", "ar", 1, "1."],
    ["2、10月12日至13日，承办了会议", "ar", 2, "2、"],
    ["（1）加强保洁", "ar-paren", 1, "（1）"],
    ["(2)提升管理", "ar-paren", 2, "(2)"],
    ["3)严格考核", "ar-paren", 3, "3)"],
    ["①道路硬化", "circled", 1, "①"],
    ["第一章 总则", "chapter", 1, "第一章"],
    ["第二部分 2024年工作计划", "chapter", 2, "第二部分"],
    ["第三条　为了规范管理", "article", 3, "第三条"],
  ];
  for (const [text, family, value, marker] of cases) {
    const m = matchHeadingMarker(text, 0);
    assert.ok(m, text);
    assert.deepEqual([m.family, m.value, text.slice(m.start, m.end)], [family, value, marker], text);
  }
});

test("numbers that are not headings", () => {
  for (const text of [
    "一、二季度经济运行总体平稳",
    "1.5亿元专项资金已下达",
    "1、2月份全市完成投资",
    "2023年，我局认真贯彻",
    "3.14159是圆周率",
    "10月12日召开会议",
    "一是加强学习",
    "第一批项目已开工",
    "第一章节的内容很多，这一句话很长很长很长很长很长很长很长很长很长很长",
    "（2023）12号文件",
    "01.编号",
  ]) {
    assert.equal(matchHeadingMarker(text, 0), undefined, text);
  }
});

test("enumerations start a clause; words that contain a numeral are not enumerations", () => {
  const found = (text: string) => scanEnumerations(text, 0, 0).map((e) => `${e.family}:${e.value}:${text.slice(e.start, e.end)}`);
  assert.deepEqual(found("一是加强学习，二是抓好班子。三是强化作风。"), ["shi:1:一是", "shi:2:二是", "shi:3:三是"]);
  assert.deepEqual(found("十一是按照要求，十二是认真完成"), ["shi:11:十一是", "shi:12:十二是"]);
  assert.deepEqual(found("一要加强学习；二要狠抓落实"), ["yao:1:一要", "yao:2:二要"]);
  assert.deepEqual(found("第一，提高认识；第二，加强领导"), ["di:1:第一", "di:2:第二"]);
  assert.deepEqual(found("首先，要稳就业。其次，要保基本。最后，要兜底线。"), ["shouxian:1:首先", "shouxian:2:其次", "shouxian:100:最后"]);
  assert.deepEqual(found("包括：①道路；②路灯"), ["circled:1:①", "circled:2:②"]);
  assert.deepEqual(found("如下：（1）春季规划；（2）夏季施工"), ["paren:1:（1）", "paren:2:（2）"]);
  assert.deepEqual(found("坚持统一是非标准，四要素齐全，第一批项目，安全第一，预防为主，一是一，二是二，是否一要求"), []);
  assert.deepEqual(found("三年级（3）班再次强调最后一公里"), []);
});
