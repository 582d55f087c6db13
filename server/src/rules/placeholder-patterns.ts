// The placeholder patterns: one entry per kind of template leftover. Adding a kind is one entry
// here plus a fixture in test/fixtures/placeholder/. The patterns are joined into one regex, so
// they use no capturing groups of their own. A match contains one of the trigger characters in
// placeholder.ts (X x × ○ 〇 某 _ D * zz yy or a blank bracket) and starts at it or, for years, with
// a digit at most three characters before it.

import type { Message } from "../engine/rule";

export interface PlaceholderPattern {
  id: string;
  /** Regex source (flags "g" and "u" are added); non-capturing groups only. */
  source: string;
  description: Message;
  /** The text that belongs there, when it is known (offered as a quick fix, never applied by fix-all). */
  replacement?: string;
  /** A message for this kind; the default names the leftover as an unfilled template marker. */
  message?: (found: string) => Message;
}

// Latin letters (half and full width) and digits: a marker glued to them is part of a word or code.
const LATIN = "A-Za-z\\uFF21-\\uFF3A\\uFF41-\\uFF5A";
const ALNUM = LATIN + "0-9\\uFF10-\\uFF19";
/** Units and counters a lone "X" stands before when it replaces an amount. */
const UNITS = "亿|万|千|百|元|%|％|‰|个|名|人|户|亩|次|家|项|余|倍|吨|公里|千米|米|平方|件|所|台|辆|套|场|期|天|日|月|年|小时|岁|篇|条|处|座|间|只|头|株|份|位|批|起|宗|例|笔|多|周|季度|届|轮|类|种|级|分|公顷|方|立方|千瓦|度|床|张|册|部|支|棵|箱|平米";
/** Continuations of 党 in the anonymised source texts ("D的二十大", "D建", "D员干部"). */
const PARTY = "的|建|员|委|风|课|校|性|政|群|史|内|纪|规|章|务|费|龄|旗|徽|支部|总支|工委|小组|组织|组书记|组成员|组会|组领导|中央|代会|和政府|和国家|和人民|领导|统一领导|要管|报D刊";
/** Places and offices a lone marker stands for ("X市", "分别X市", "X办通字"); not 光/射/线 (X光, X射线). */
const PLACES = "市|县|区|镇|乡|村|办|局|委|省|州";
/** The same for "*", which masks place names in some sample texts ("*街道"). */
const STAR_PLACES = "街道|社区|" + PLACES;
/** Han characters (basic block and extension A). */
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff";
/** Words before a quoted mark that make it a tick-box instruction ("打“√”或“x”"), not a placeholder. */
const MARKING = "打|画|划|标|填|为|或|和|与|及|、";
const ALNUM_BUT_X = "A-WYZa-z\\uFF21-\\uFF37\\uFF39\\uFF3A\\uFF41-\\uFF5A0-9\\uFF10-\\uFF19";

export const PLACEHOLDER_PATTERNS: readonly PlaceholderPattern[] = [
  { id: "year", source: `(?<![${ALNUM}])(?:19|20)(?:[0-9][Xx]|[Xx]{2})(?![${ALNUM}])`, description: { zh: "未填写的年份（20XX、201X）", en: "An unfilled year (20XX, 201X)" } },
  { id: "year-blank", source: `(?<![${ALNUM}])(?:19|20)[0-9]?[_＿]+`, description: { zh: "留空的年份（20__年）", en: "A blank year (20__年)" } },
  // Before "xx": "xx.x%" is one decimal figure, not "xx" and a stray ".x".
  { id: "x-decimal", source: `(?<![${ALNUM}.．])[XxＸｘ]{1,3}[.．][XxＸｘ]{1,3}(?=(?:${UNITS}))(?![.．])`, description: { zh: "代替小数的 X.X（X.X亿元、增长X.X%）", en: "X.X standing for a decimal figure (X.X亿元, X.X%)" } },
  { id: "xx", source: `(?<![${LATIN}])(?:[XＸ]{2,}|[xｘ]{2,})(?!(?!D(?:${PARTY}))[${LATIN}]|-[${LATIN}])`, description: { zh: "XX、XXX、xx 占位符（含 XX县、XX万元）", en: "XX / XXX / xx markers (also XX县, XX万元)" } },
  { id: "x-amount", source: `(?<![${ALNUM}.．])[XxＸｘ](?=(?:${UNITS}))`, description: { zh: "代替数字的单个 X（X亿元、X%）", en: "A single X standing for a figure (X亿元, X%)" } },
  // A lone X before a place or office: "X市", "分别X市", "X办通字". Latin letters, digits, a
  // decimal point or a space before it make it part of a word, code or Latin phrase ("SpaceX",
  // "3X", "Windows X"); 光/射/线 follow the real "X" (X光, X射线) and are not in the list.
  { id: "x-place", source: `(?<![${ALNUM}.．*＊\\s])[XxＸｘ](?=(?:${PLACES}))`, description: { zh: "代替地名或机关名的单个 X（X市、X办）", en: "A single X standing for a place or office (X市, X办)" } },
  // A lone x in quotes, standing for a figure of a slogan ("“x”是实施…"); not a tick-box
  // instruction ("打“√”或“x”") and not a term in a formula ("3+5+x" has no quote before it).
  { id: "x-quoted", source: `(?<=[“"「『])(?<!(?:${MARKING})[“"「『])[XxＸｘ](?=[”"」』])`, description: { zh: "引号中代替数字的单个 x（“x”是…）", en: "A single x in quotes standing for a figure (“x”是…)" } },
  // Doubled lowercase letters between Han characters, used like xx for an anonymised name
  // ("树立zz良好形象", "xx市yy区"); only z and y, which no Chinese abbreviation doubles (qq群, pp管 do).
  { id: "zz", source: `(?<=[${HAN}])(?:[zｚ]{2,}|[yｙ]{2,})(?=[${HAN}])`, description: { zh: "zz、yy 等匿名化标记（树立zz良好形象）", en: "zz / yy anonymisation markers between Han characters" } },
  // "*" masking a year or a place ("20*年", "*街道"); never in Markdown, where "*" is emphasis.
  { id: "star-year", source: `(?<![${ALNUM}*＊])(?:19|20)[0-9]?[*＊]+(?=年)`, description: { zh: "以 * 代替的年份（20*年）", en: "A year masked with * (20*年)" } },
  // Only after punctuation or at the start: after a word, "*" is a footnote mark ("项目*市级").
  { id: "star-place", source: `(?<![${ALNUM}${HAN}*＊])[*＊]+(?=(?:${STAR_PLACES}))`, description: { zh: "以 * 代替的地名（*街道、*县）", en: "A place name masked with * (*街道, *县)" } },
  { id: "times", source: "×{2,}", description: { zh: "××占位符", en: "×× markers" } },
  { id: "circles", source: "(?<![零〇○一二三四五六七八九十])[○〇◯]{2,}(?![零〇○一二三四五六七八九十])", description: { zh: "○○、〇〇 占位符（中文日期中的〇除外）", en: "○○ / 〇〇 markers (not 〇 in a Chinese date)" } },
  { id: "moumou", source: "某某+", description: { zh: "“某某”占位", en: "The 某某 stand-in" } },
  { id: "underscores", source: `(?<![${ALNUM}])[_＿]{2,}(?![${ALNUM}])`, description: { zh: "留空的下划线（____）", en: "A blank line to fill in (____)" } },
  { id: "blank-brackets", source: `(?<![${ALNUM}_])(?:[（(][ \\u3000]*[）)]|【[ \\u3000]*】|〔[ \\u3000]*〕|\\[[ \\u3000]+\\])`, description: { zh: "待填写的空括号（（ ）、【】）", en: "Blank brackets left to fill (（ ）, 【】)" } },
  {
    id: "party-d",
    // D before a continuation of 党 (also right after an XX marker: "XXD建"), D in 局D组, and
    // D after words that take 党 as their object (全D, 从严治D, 入D, 建D节, 主题D日).
    source: `(?<![${ALNUM_BUT_X}素])(?<!(?<![XＸ])[XＸ])D(?=(?:${PARTY}))|(?<=[\\u4e00-\\u9fff])D(?=组)|(?<=全|治|管|入|爱)D(?![${ALNUM}])|(?<=主题)D(?=日)|(?<=建)D(?=节|百年|[0-9])|(?<=报)D(?=刊)`,
    description: { zh: "以“D”代替“党”的匿名化残留（D的二十大、D建）", en: "\"D\" standing for 党 in an anonymised text (D的二十大, D建)" },
    replacement: "党",
    message: () => ({ zh: "匿名化替代字未还原：“D”应为“党”", en: "Anonymisation stand-in left in the text: \"D\" should be \"党\"" }),
  },
];

export function defaultMessage(found: string): Message {
  return { zh: `模板占位符未替换：“${found}”`, en: `Template placeholder not filled in: "${found}"` };
}
