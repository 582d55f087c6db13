// The placeholder patterns: one entry per kind of template leftover. Adding a kind is one entry
// here plus a fixture in test/fixtures/placeholder/. The patterns that can start with the same
// character are joined into one regex, so they use no capturing groups of their own. A match contains one of the trigger characters in
// placeholder.ts (X x × ○ 〇 某 _ D * zz yy, a blank bracket or a space after a Han character) and starts at it or, for years, with
// a digit at most three characters before it.

import type { Message } from "../engine/rule";

export interface PlaceholderPattern {
  id: string;
  /** Regex source, compiled sticky (flag "y", no "u": the sources are written for UTF-16 code units); non-capturing groups only. */
  source: string;
  /**
   * Every character a match can start with: the pattern is tried only where one stands (a
   * missing one loses matches; test/unit/placeholder.test.ts checks the table on samples).
   */
  starts: string;
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
/** Places and organisations a "*" masks in anonymised texts ("*街道", "*高新区", "**小区", "*有限公司"). */
const STAR_PLACE_WORDS = "街道|社区|小区|高新区|开发区|园区|有限公司|公司|集团|公路";
/** The same for "*", which masks place names in some sample texts ("*街道"). */
const STAR_PLACES = STAR_PLACE_WORDS + "|" + PLACES;
/**
 * Units a masked figure ("投资*万元", "确定×个", "全镇 个行政村") stands before. Narrower than
 * UNITS, and each unit refuses the words it also begins (个人, 家庭, 项目, 处理, 日常 …): "*"
 * and "×" are also footnote marks and multiplication signs, and a footnote mark may sit
 * before any word.
 */
const MASK_UNITS = "万元|亿元|千元|万亩|万人|万吨|元(?![旦素首])|万(?![一分众])|亿|%|％|‰|个(?![人性体别案])|家(?![庭长属乡园])|宗(?![旨教])|亩|人次|名(?![单称义额誉次])|户(?![籍口外])|次(?![要序])|月(?!度)|日(?![常益趋志报])|年(?![轻龄代度])|吨|公里|千米|平方|公顷|立方|千瓦|米|件(?!事)|座(?!谈)|辆|株|批(?![准示评复])|例(?!如)|笔(?![记试])|倍|项(?!目)|余(?![额下])|所(?![属有以在得谓])";
/** Han characters (basic block and extension A). */
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff";
/** Words before a quoted mark that make it a tick-box instruction ("打“√”或“x”"), not a placeholder. */
const MARKING = "打|画|划|标|填|为|或|和|与|及|、";
const ALNUM_BUT_X = "A-WYZa-z\\uFF21-\\uFF37\\uFF39\\uFF3A\\uFF41-\\uFF5A0-9\\uFF10-\\uFF19";

export const PLACEHOLDER_PATTERNS: readonly PlaceholderPattern[] = [
  { id: "year", starts: "12", source: `(?<![${ALNUM}])(?:19|20)(?:[0-9][Xx]|[Xx]{2})(?![${ALNUM}])`, description: { zh: "未填写的年份（20XX、201X）", en: "An unfilled year (20XX, 201X)" } },
  { id: "year-blank", starts: "12", source: `(?<![${ALNUM}])(?:19|20)[0-9]?[_＿]+`, description: { zh: "留空的年份（20__年）", en: "A blank year (20__年)" } },
  // Before "xx": "xx.x%" is one decimal figure, not "xx" and a stray ".x".
  { id: "x-decimal", starts: "XxＸｘ", source: `(?<![${ALNUM}.．])[XxＸｘ]{1,3}[.．][XxＸｘ]{1,3}(?=(?:${UNITS}))(?![.．])`, description: { zh: "代替小数的 X.X（X.X亿元、增长X.X%）", en: "X.X standing for a decimal figure (X.X亿元, X.X%)" } },
  // A single x standing for one digit of a decimal figure ("x.5亿元", "增长1.x%").
  { id: "x-digit", starts: "XxＸｘ", source: `(?<![${ALNUM}.．])[XxＸｘ][.．][0-9]{1,3}(?![0-9.．])(?=(?:${UNITS}))`, description: { zh: "代替一位数字的 x（x.5亿元）", en: "An x standing for one digit (x.5亿元)" } },
  { id: "digit-x", starts: "0123456789", source: `(?<![${ALNUM}.．])[0-9]{1,3}[.．][XxＸｘ](?=(?:${UNITS}))`, description: { zh: "代替一位小数的 x（1.x亿元）", en: "An x standing for a decimal digit (1.x亿元)" } },
  { id: "xx", starts: "XxＸｘ", source: `(?<![${LATIN}])(?:[XＸ]{2,}|[xｘ]{2,})(?!(?!D(?:${PARTY}))[${LATIN}]|-[${LATIN}])`, description: { zh: "XX、XXX、xx 占位符（含 XX县、XX万元）", en: "XX / XXX / xx markers (also XX县, XX万元)" } },
  { id: "x-amount", starts: "XxＸｘ", source: `(?<![${ALNUM}.．])[XxＸｘ](?=(?:${UNITS}))`, description: { zh: "代替数字的单个 X（X亿元、X%）", en: "A single X standing for a figure (X亿元, X%)" } },
  // A lone X before a place or office: "X市", "分别X市", "X办通字". Latin letters, digits, a
  // decimal point or a space before it make it part of a word, code or Latin phrase ("SpaceX",
  // "3X", "Windows X"); 光/射/线 follow the real "X" (X光, X射线) and are not in the list.
  { id: "x-place", starts: "XxＸｘ", source: `(?<![${ALNUM}.．*＊\\s])[XxＸｘ](?=(?:${PLACES}))`, description: { zh: "代替地名或机关名的单个 X（X市、X办）", en: "A single X standing for a place or office (X市, X办)" } },
  // A lone x in quotes, standing for a figure of a slogan ("“x”是实施…"); not a tick-box
  // instruction ("打“√”或“x”") and not a term in a formula ("3+5+x" has no quote before it).
  { id: "x-quoted", starts: "XxＸｘ", source: `(?<=[“"「『])(?<!(?:${MARKING})[“"「『])[XxＸｘ](?=[”"」』])`, description: { zh: "引号中代替数字的单个 x（“x”是…）", en: "A single x in quotes standing for a figure (“x”是…)" } },
  // Doubled lowercase letters between Han characters, used like xx for an anonymised name
  // ("树立zz良好形象", "xx市yy区"); only z and y, which no Chinese abbreviation doubles (qq群, pp管 do).
  { id: "zz", starts: "zｚyｙ", source: `(?<=[${HAN}])(?:[zｚ]{2,}|[yｙ]{2,})(?=[${HAN}])`, description: { zh: "zz、yy 等匿名化标记（树立zz良好形象）", en: "zz / yy anonymisation markers between Han characters" } },
  // "*" masking a year or a place ("20*年", "*街道"); never in Markdown, where "*" is emphasis.
  { id: "star-year", starts: "12", source: `(?<![${ALNUM}*＊])(?:19|20)[0-9]?[*＊]+(?=年)`, description: { zh: "以 * 代替的年份（20*年）", en: "A year masked with * (20*年)" } },
  // Only after punctuation or at the start: after a word, "*" is a footnote mark ("项目*市级").
  { id: "star-place", starts: "*＊", source: `(?<![${ALNUM}${HAN}*＊])[*＊]+(?=(?:${STAR_PLACES}))`, description: { zh: "以 * 代替的地名（*街道、*县）", en: "A place name masked with * (*街道, *县)" } },
  // "*" masking a figure: a run of stars (also "*.*", "*-*") before a unit, whatever precedes it
  // ("投资*万元", "产值*.*万元", "*月*日", "*-*月"); not after a digit or letter ("3*4米").
  {
    id: "star-amount",
    starts: "*＊",
    source: `(?<![${ALNUM}*＊.．])[*＊]+(?:[.．][*＊]+)?(?:[-－~～—至到][*＊]+(?:[.．][*＊]+)?)?(?=(?:${MASK_UNITS}))`,
    description: { zh: "以 * 代替的数字（*万元、*.*亩、*月*日）", en: "A figure masked with * (*万元, *.*亩, *月*日)" },
  },
  // Stars standing for 党 ("加强**建工作", "**员活动", "**风廉政建设"): two or more stars before
  // any continuation of 党, or a single star before one no footnote mark precedes (建, 员, 风 …).
  {
    id: "star-party",
    starts: "*＊",
    source: `(?<![${ALNUM}*＊])(?:[*＊]{2}(?=(?:${PARTY}))|[*＊](?=建|员|风|史|课|校|纪|代会|支部|总支|工委|组书记|组成员|和政府|和国家|中央))`,
    description: { zh: "以 * 代替“党”的匿名化残留（**建、**员）", en: "Stars standing for 党 in an anonymised text (**建, **员)" },
    replacement: "党",
    message: (found) => ({ zh: `匿名化替代字未还原：“${found}”应为“党”`, en: `Anonymisation stand-in left in the text: "${found}" should be "党"` }),
  },
  // Two or more stars inside a sentence, before Han text, mask a name ("如**小区", "由***农业发展
  //有限公司"); a footnote mark is one star. Not before words that define a symbol in a note
  // ("**为市级项目", "**表示…", "**号").
  {
    id: "star-run",
    starts: "*＊",
    source: `(?<![${ALNUM}*＊])[*＊]{2,}(?=[${HAN}])(?!为|表示|代表|指|号|的|者|标|即|是|注)`,
    description: { zh: "以 ** 代替的名称（**小区、***公司）", en: "A name masked with ** (**小区, ***公司)" },
  },
  // A single "*" after a word before a place ("在*市委", "签约*市"): counted only when the same
  // line has another star mask, since after a word a lone star is usually a footnote mark.
  { id: "star-place-after-word", starts: "*＊", source: `(?<=[${HAN}])[*＊](?=(?:${STAR_PLACES}))`, description: { zh: "同一行有其他 * 掩码时，词后以 * 代替的地名（在*市委）", en: "A place masked with * after a word, when the line has other star masks (在*市委)" } },
  // A lone "×" standing for a figure ("确定×个省级试点县", "交叉×个", "共 ×个"): not after a
  // number, letter or closing bracket (3×4个, (a+b)×2); a multiplication is never followed by
  // the unit this needs ("长 × 宽" is not), so a space before it may stay.
  { id: "lone-times", starts: "×", source: `(?<![${ALNUM}×.．)）])×(?!×)(?=(?:${MASK_UNITS}))`, description: { zh: "代替数字的单个 ×（×个、×万元）", en: "A single × standing for a figure (×个, ×万元)" } },
  // A figure left blank as spaces ("新建活动室 个，", "使全镇 个行政村", "达到 %以上"): a space run
  // after two Han characters (not a numeral or 每/各/几, which are the count) or a closing
  // bracket, before a unit followed by Chinese text or punctuation. Letter-spaced titles ("个 人
  // 总 结") have a space before the preceding character, and padded labels ("姓  名：") a single
  // character, so neither is matched.
  {
    id: "blank-number",
    starts: " \u3000",
    source: `(?<=[${HAN}][${HAN}]|[）)])(?<![零一二三四五六七八九十百千万两几多每各这那某半整首第本该其])[ \\u3000]+(?=(?:个(?![人性体别案])|%|％|家(?![庭长属乡园])|户(?![籍口外])|亩|万元|亿元|名(?![单称义额誉次])|人次)[${HAN}，。；、：）),.;:])`,
    description: { zh: "以空格留空的数字（全镇 个行政村、达到 %以上）", en: "A figure left blank as spaces (全镇 个行政村, 达到 %以上)" },
    message: () => ({ zh: "数字留空未填写：此处空格应为数字", en: "A figure left blank: these spaces stand where a number belongs" }),
  },
  { id: "times", starts: "×", source: "×{2,}", description: { zh: "××占位符", en: "×× markers" } },
  { id: "circles", starts: "○〇◯", source: "(?<![零〇○一二三四五六七八九十])[○〇◯]{2,}(?![零〇○一二三四五六七八九十])", description: { zh: "○○、〇〇 占位符（中文日期中的〇除外）", en: "○○ / 〇〇 markers (not 〇 in a Chinese date)" } },
  { id: "moumou", starts: "某", source: "某某+", description: { zh: "“某某”占位", en: "The 某某 stand-in" } },
  { id: "underscores", starts: "_＿", source: `(?<![${ALNUM}])[_＿]{2,}(?![${ALNUM}])`, description: { zh: "留空的下划线（____）", en: "A blank line to fill in (____)" }, message: blankMessage },
  // Not a template marker but a blank of the form ("（）项工作"): said so, so the writer fills it.
  { id: "blank-brackets", starts: "（(【〔[", source: `(?<![${ALNUM}_])(?:[（(][ \\u3000]*[）)]|【[ \\u3000]*】|〔[ \\u3000]*〕|\\[[ \\u3000]+\\])`, description: { zh: "待填写的空括号（（ ）、【】）", en: "Blank brackets left to fill (（ ）, 【】)" }, message: blankMessage },
  {
    id: "party-d",
    starts: "D",
    // D before a continuation of 党 (also right after an XX marker: "XXD建"), D in 局D组, and
    // D after words that take 党 as their object (全D, 从严治D, 入D, 建D节, 主题D日).
    source: `(?<![${ALNUM_BUT_X}素])(?<!(?<![XＸ])[XＸ])D(?=(?:${PARTY}))|(?<=[\\u4e00-\\u9fff])D(?=组)|(?<=全|治|管|入|爱)D(?![${ALNUM}])|(?<=主题)D(?=日)|(?<=建)D(?=节|百年|[0-9])|(?<=报)D(?=刊)`,
    description: { zh: "以“D”代替“党”的匿名化残留（D的二十大、D建）", en: "\"D\" standing for 党 in an anonymised text (D的二十大, D建)" },
    replacement: "党",
    message: () => ({ zh: "匿名化替代字未还原：“D”应为“党”", en: "Anonymisation stand-in left in the text: \"D\" should be \"党\"" }),
  },
];

function blankMessage(found: string): Message {
  return { zh: `空白处未填写：“${found}”`, en: `Blank left to fill in: "${found}"` };
}

export function defaultMessage(found: string): Message {
  return { zh: `模板占位符未替换：“${found}”`, en: `Template placeholder not filled in: "${found}"` };
}
