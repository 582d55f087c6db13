// fast-check arbitraries for documents users (and accidents) produce: Chinese prose with heading
// markers of every style, enumerations, placeholders, duplicates, and hostile characters.

import fc from "fast-check";

/** Common characters of work plans, so generated lines read like the real thing to the parser. */
const CJK = "的工作计划总结推进落实强化加强提升完善建设管理服务安全发展改革创新年度重点任务目标措施保障组织领导责任制度体系机制统一是否要素第批季度月号等级期县市区局处";
const PUNCT = "，。；：、（）“”《》！？…—";
const ASCII = "abcXYZ0123456789 .,;:()-_#*|`~";

/** Characters that break naive code: astral, emoji sequences, lone surrogates, controls, separators. */
export const HOSTILE = [
  "𠀀", "𪚥", "😀", "👨‍👩‍👧", "🇨🇳", "\u{1F600}\u{FE0F}",
  "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800",
  "\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u007F", "\u0085",
  "\u00A0", "\u200B", "\u200D", "\u2028", "\u2029", "\uFEFF", "\uFFFD", "\uFFFF", "\u3000", "\t",
];

const cn = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "二十", "九十九", "一百", "一百零五", "零", "两", "十十"];

/** A heading marker in any style real documents (or typos) use. */
export const markerArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...cn), fc.constantFrom("、", ".", "．", ",")).map(([n, c]) => n + c),
  fc.tuple(fc.constantFrom("（", "("), fc.constantFrom(...cn), fc.constantFrom("）", ")")).map(([o, n, c]) => o + n + c),
  fc.tuple(fc.integer({ min: 0, max: 1200 }), fc.constantFrom(".", "．", "、", ")", "）")).map(([n, c]) => n + c),
  fc.tuple(fc.constantFrom("（", "("), fc.integer({ min: 0, max: 120 }), fc.constantFrom("）", ")")).map(([o, n, c]) => o + n + c),
  fc.integer({ min: 0x2460, max: 0x2473 }).map((c) => String.fromCharCode(c)),
  fc.tuple(fc.constantFrom(...cn, "1", "12"), fc.constantFrom("章", "节", "条", "部分", "篇")).map(([n, c]) => "第" + n + c),
);

/** Inline enumeration tokens, including the words that only look like one. */
export const enumerationArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...cn.slice(0, 12)), fc.constantFrom("是", "要")).map(([n, w]) => n + w),
  fc.constantFrom(...cn.slice(0, 12)).map((n) => "第" + n + "，"),
  fc.constantFrom("首先，", "其次，", "再次，", "最后，", "首先", "最后："),
  fc.integer({ min: 0x2460, max: 0x2473 }).map((c) => String.fromCharCode(c)),
  fc.tuple(fc.constantFrom("（", "("), fc.integer({ min: 0, max: 30 }), fc.constantFrom("）", ")")).map(([o, n, c]) => o + n + c),
  fc.constantFrom("统一是", "四要素", "第一批", "安全第一", "一是一，二是二", "是否"),
);

export const placeholderArb: fc.Arbitrary<string> = fc.constantFrom(
  "XX", "XXX", "xx", "20xx亩", "xx县", "X亿元", "X%", "××", "○○", "〇〇", "20_", "20__年", "____", "（ ）", "某某",
  "XX县", "XX市统计局", "X210", "XP", "XXL", "X射线", "SpaceX", "二〇二四年",
);

/** Dates, ranges, weekdays and document numbers, right and wrong (issue 14's rules). */
export const dateArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "2024.3.5", "2024-03-05", "2024/3/5", "2024年03月05日", "03月05日", "24年3月", "23年底", "二零二四年", "二○二四年", "二〇二四年三月五日",
    "2023-2024年", "1-6月", "3月1-5日", "10月17日-19日", "1月1日-10月28日", "1~6月", "1～6月", "2023—2024年", "20242025学年",
    "（星期三）", "（周二）", "星期日", "10:30", "0551-62345678", "V2024.3.5", "https://a.cn/2024-03-05", "2024-03-05.docx",
    "国发[2024]05号", "（国发〔2022〕22号）", "国发【2022】第22号", "办〔23〕12号", "函（2021）3号", "目录", "汇编（3篇）",
  ),
  fc.tuple(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom(".", "-", "/", "年")).map(([y, m, d, sep]) =>
    sep === "年" ? `${y}年${m}月${d}日` : `${y}${sep}${String(m).padStart(2, "0")}${sep}${d}`,
  ),
);

const charsArb = (pool: string, max: number) => fc.string({ unit: fc.constantFrom(...pool), maxLength: max });

/** Punctuation and spacing as converted and copied texts have it, and the look-alikes that are correct. */
export const punctuationArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "政策,确保", "要点 , 以", "领导:成立", "质量?这是", "生命线!", "提高.", "中小学(含幼儿园)", "总值(GDP)", "依托\"学习强国\"平台", "开展'一岗双责'",
    "《统计法》、《预算法》", "“突击战”、“疲劳战”", "《A》，《B》等", "“元旦”、“春节”等", "（一）、", "(1)、", "①、", "1.、",
    "精神 ，", "202 4 年", "3月1 5 日", "项 目", "65.3 %", "截至2023 年底", "学习 《条例》", "。 下一步",
    "开展\"质量月", "“先进集体“", "‘先进集体”", "《统计法", "整改)", "“未闭合", "】",
  ),
  fc.constantFrom(
    "1,000户", "10:30", "1:500", "3.5%", "https://www.gov.cn/a?b=1", "tjj@163.com", "D:\\资料\\a.docx", "Word, Excel", "f(x)", "Xi'an",
    "《A》（2020年）、《B》", "信访办、“五老说事”、“红管家”理事会", "王　伟、李明华", "联系人：张三    电话", "在 2024 年", "138 1234 5678", "个 人 总 结",
    "2024年 月 日", "“一要", "**组织开展“质量月”活动**", "x.5亿元", "&nbsp;", "`a, b`", "[链接](http://a.b/c(d))",
  ),
);

/** A piece of a line. */
const fragmentArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: charsArb(CJK, 30) },
  { weight: 3, arbitrary: charsArb(PUNCT, 3) },
  { weight: 1, arbitrary: charsArb(ASCII, 8) },
  { weight: 2, arbitrary: enumerationArb },
  { weight: 2, arbitrary: placeholderArb },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: markerArb },
  { weight: 2, arbitrary: punctuationArb },
  { weight: 1, arbitrary: fc.constantFrom("2023年", "1.5亿元", "一、二季度", "1、2月份", "2024年1月15日", "**", "__", "\t59", "……8") },
  { weight: 1, arbitrary: dateArb },
);

const indentArb = fc.constantFrom("", "", "", "　　", "  ", "    ", "\t", "\uFEFF");
const hashArb = fc.constantFrom("", "", "", "# ", "## ", "### ", "#", "####### ", "#\t");

/** One line: optional indentation, Markdown prefix and heading marker, then fragments. */
export const lineArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom("", " ", "　　", "目录", "---", "```", "|a|b|", "<!-- x", "-->", "工作计划", "区统计局2024年工作计划") },
  {
    weight: 6,
    arbitrary: fc
      .tuple(indentArb, hashArb, fc.option(markerArb, { freq: 2 }), fc.array(fragmentArb, { maxLength: 6 }), fc.constantFrom("", "", "。", "：", "；", "  ", "\t12"))
      .map(([indent, hash, marker, parts, end]) => indent + hash + (marker ?? "") + parts.join("") + end),
  },
);

const eolArb = fc.constantFrom("\n", "\n", "\r\n", "\r");

/**
 * A document: lines joined by a random mix of line breaks, sometimes a BOM, sometimes
 * earlier lines repeated (copy-paste), sometimes a trailing break.
 */
export const documentArb: fc.Arbitrary<string> = fc
  .record({
    bom: fc.boolean(),
    lines: fc.array(lineArb, { maxLength: 40 }),
    eols: fc.array(eolArb, { minLength: 40, maxLength: 40 }),
    uniformEol: fc.option(eolArb, { freq: 2 }),
    dup: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    trailing: fc.boolean(),
  })
  .map(({ bom, lines, eols, uniformEol, dup, trailing }) => {
    const all = [...lines];
    for (const [from, to] of dup) if (all.length > 0) all.splice(to % (all.length + 1), 0, all[from % all.length]);
    let text = bom ? "\uFEFF" : "";
    all.forEach((l, i) => {
      text += l;
      if (i < all.length - 1 || trailing) text += uniformEol ?? eols[i % eols.length];
    });
    return text;
  });

interface OutlineHeading {
  level: number;
  value: number;
}

const STYLES: Array<Array<(n: number) => string>> = [
  [(n) => cnNumber(n) + "、", (n) => cnNumber(n) + "．", (n) => cnNumber(n) + "."],
  [(n) => "（" + cnNumber(n) + "）", (n) => "(" + cnNumber(n) + ")", (n) => "(" + cnNumber(n) + "）"],
  [(n) => n + ".", (n) => n + "、", (n) => n + "．"],
  [(n) => "（" + n + "）", (n) => "(" + n + ")", (n) => n + ")"],
  [(n) => String.fromCharCode(0x2460 + ((n - 1) % 20))],
];

function cnNumber(n: number): string {
  const d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  if (n < 10) return d[n] || "零";
  if (n < 20) return "十" + d[n - 10];
  return d[Math.floor(n / 10) % 10] + "十" + d[n % 10];
}

/**
 * A plausible outline (title, headings by level with mostly sequential numbers, some gaps,
 * repeats and style slips, body text and enumerations): the documents rules and fixes act on.
 */
export const outlineDocumentArb: fc.Arbitrary<string> = fc
  .record({
    title: fc.constantFrom("区统计局2024年工作计划", "XX县2023年工作总结", "实施方案", ""),
    items: fc.array(
      fc.record({
        move: fc.constantFrom(-1, 0, 0, 0, 1, 1),
        slip: fc.constantFrom(0, 0, 0, 0, 0, 1, -1, 2),
        style: fc.constantFrom(0, 0, 0, 0, 1, 2),
        body: fc.array(fragmentArb, { maxLength: 4 }),
        runIn: fc.boolean(),
        hash: fc.constantFrom("", "", "", "## "),
        enumeration: fc.option(fc.array(fc.tuple(fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 4 }), { freq: 3 }),
      }),
      { maxLength: 30 },
    ),
    eol: eolArb,
    indent: fc.constantFrom("", "　　"),
  })
  .map(({ title, items, eol, indent }) => {
    const out: string[] = title ? [title, ""] : [];
    const counters = [0, 0, 0, 0, 0];
    let level = 0;
    const outline: OutlineHeading[] = [];
    for (const item of items) {
      level = Math.max(0, Math.min(4, level + item.move));
      counters[level] = Math.max(1, counters[level] + 1 + item.slip);
      for (let k = level + 1; k < counters.length; k++) counters[k] = 0;
      outline.push({ level, value: counters[level] });
      const marker = STYLES[level][item.style % STYLES[level].length](counters[level]);
      const body = item.body.join("");
      const heading = item.runIn ? `${marker}${body.slice(0, 10) || "强化工作纪律"}。${body}` : `${marker}${body.slice(0, 12) || "重点工作"}`;
      out.push(indent + item.hash + heading);
      if (item.enumeration) {
        const words = [(n: number) => cnNumber(n) + "是", (n: number) => "第" + cnNumber(n) + "，", (n: number) => String.fromCharCode(0x245f + n), (n: number) => "（" + n + "）"];
        out.push(indent + item.enumeration.map(([w, n]) => words[w](n) + "加强管理；").join(""));
      }
    }
    return out.join(eol);
  });

/** Either kind of document, with the language the editor would give it. */
export const anyDocumentArb = fc.record({
  text: fc.oneof({ weight: 3, arbitrary: documentArb }, { weight: 2, arbitrary: outlineDocumentArb }),
  languageId: fc.constantFrom("plaintext", "markdown", "gongwen"),
});

/**
 * A document about dates (issue 14's rules): a title naming a year and a kind, lines mixing
 * prose with dates, ranges, weekdays and document numbers right and wrong, sometimes a table,
 * sometimes a contents block and a sign-off date.
 */
export const datedDocumentArb: fc.Arbitrary<string> = fc
  .record({
    title: fc.constantFrom("区统计局2024年工作计划", "XX县2023年工作总结及2024年工作计划", "关于召开2024年统计工作会议的通知", "工作计划汇编（2篇）", ""),
    lines: fc.array(fc.array(fc.oneof({ weight: 2, arbitrary: charsArb(CJK, 12) }, { weight: 1, arbitrary: charsArb(PUNCT, 2) }, { weight: 3, arbitrary: dateArb }), { maxLength: 6 }), { maxLength: 12 }),
    table: fc.option(fc.array(dateArb, { minLength: 1, maxLength: 4 }), { freq: 3 }),
    signOff: fc.option(fc.constantFrom("2024年1月5日", "2022年12月20日", "二〇二四年五月二十日", "二零二四年一月十五日", "2024.1.5"), { freq: 2 }),
    eol: eolArb,
  })
  .map(({ title, lines, table, signOff, eol }) => {
    const out: string[] = title ? [title, ""] : [];
    lines.forEach((parts, k) => out.push((k % 3 === 0 ? `${cnNumber(k / 3 + 1)}、` : "") + parts.join("")));
    if (table) for (const cell of table) out.push(`| 1 | 工作 | ${cell} |`);
    if (signOff) out.push("", "区统计局", signOff);
    return out.join(eol);
  });
