// Word's number formats (w:numFmt) as the text Word shows for a counter value: the Chinese
// forms 公文 headings use (chineseCounting 一 / 十一, chineseCountingThousand with 百 and 千,
// chineseLegalSimplified 壹, ideographTraditional 甲乙丙, the enclosed ① ⑴ ⒈), and the
// Western ones. Formats we do not know fall back to decimal, as Word does for unknown values.

const DIGITS = "零一二三四五六七八九";
const IDEOGRAPH_DIGITS = "〇一二三四五六七八九";
const LEGAL = "零壹贰叁肆伍陆柒捌玖";

/** 一 … 九千九百九十九 as Chinese counts (一百零一, 一千零二十); with LEGAL digits 壹贰叁 and 拾佰仟. */
function chineseCount(value: number, digits: string, units: readonly string[], dropLeadingOneTen: boolean): string {
  if (value === 0) return digits[0];
  if (value >= 10000) return String(value);
  const parts = [Math.floor(value / 1000), Math.floor(value / 100) % 10, Math.floor(value / 10) % 10, value % 10];
  let out = "";
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = parts[i];
    if (d === 0) {
      if (out !== "") zero = true;
      continue;
    }
    if (zero) {
      out += digits[0];
      zero = false;
    }
    const unit = units[3 - i];
    // 十一, not 一十一, when ten is the highest unit.
    if (!(dropLeadingOneTen && d === 1 && i === 2 && out === "")) out += digits[d];
    out += unit;
  }
  return out;
}

const CN_UNITS = ["", "十", "百", "千"];
const LEGAL_UNITS = ["", "拾", "佰", "仟"];

function roman(value: number, upper: boolean): string {
  if (value <= 0 || value >= 4000) return String(value);
  const table: Array<[number, string]> = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let out = "";
  let n = value;
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return upper ? out.toUpperCase() : out;
}

/** A, B … Z, AA, BB …: Word repeats the letter rather than counting in base 26. */
function letter(value: number, upper: boolean): string {
  if (value <= 0) return String(value);
  const ch = String.fromCharCode((upper ? 65 : 97) + ((value - 1) % 26));
  return ch.repeat(Math.floor((value - 1) / 26) + 1);
}

function enclosed(value: number, first: number, last: number, base: number): string {
  return value >= first && value <= last ? String.fromCodePoint(base + value - first) : String(value);
}

function cycle(value: number, chars: string): string {
  return value >= 1 && value <= chars.length ? chars[value - 1] : String(value);
}

const FULL_WIDTH_DIGITS = (value: number): string => String(value).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/**
 * The text of `value` in the numFmt `format`; `custom` is the w:format of a custom format
 * ("01, 02, 03, ..." and its zero-padded kin).
 */
export function formatNumber(value: number, format: string, custom?: string): string {
  switch (format) {
    case "none":
      return "";
    case "decimal":
    case "decimalHalfWidth":
      return String(value);
    case "decimalZero":
      return value >= 0 && value < 10 ? "0" + String(value) : String(value);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return FULL_WIDTH_DIGITS(value);
    case "upperRoman":
      return roman(value, true);
    case "lowerRoman":
      return roman(value, false);
    case "upperLetter":
      return letter(value, true);
    case "lowerLetter":
      return letter(value, false);
    case "chineseCounting":
    case "chineseCountingThousand":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return chineseCount(value, DIGITS, CN_UNITS, true);
    case "japaneseCounting": {
      // Japanese counting omits 一 before 十, 百 and 千: 百 for 100, 千二十 for 1020.
      const text = chineseCount(value, DIGITS, CN_UNITS, true);
      return text.replace(/一(?=[百千])/g, "").replace(/零/g, "");
    }
    case "chineseLegalSimplified":
    case "ideographLegalTraditional":
      return chineseCount(value, LEGAL, LEGAL_UNITS, false);
    case "ideographDigital":
    case "japaneseDigitalTenThousand":
    case "taiwaneseDigital":
      return String(value).replace(/[0-9]/g, (d) => IDEOGRAPH_DIGITS[Number(d)]);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      // ① … ⑳, then ㉑ … ㉟ and ㊱ … ㊿ as Word shows them.
      if (value >= 1 && value <= 20) return String.fromCodePoint(0x2460 + value - 1);
      if (value >= 21 && value <= 35) return String.fromCodePoint(0x3251 + value - 21);
      if (value >= 36 && value <= 50) return String.fromCodePoint(0x32b1 + value - 36);
      return String(value);
    case "decimalEnclosedParen":
      return enclosed(value, 1, 20, 0x2474);
    case "decimalEnclosedFullstop":
      return enclosed(value, 1, 20, 0x2488);
    case "ideographEnclosedCircle":
      return enclosed(value, 1, 10, 0x3280);
    case "ideographTraditional":
      return cycle(value, "甲乙丙丁戊己庚辛壬癸");
    case "ideographZodiac":
      return cycle(value, "子丑寅卯辰巳午未申酉戌亥");
    case "custom":
      return customFormat(value, custom);
    default:
      return String(value);
  }
}

/** Word 2010's custom formats: only zero padding ("001, 002, 003, ...") is in use for 公文. */
function customFormat(value: number, format: string | undefined): string {
  const first = format?.split(",")[0]?.trim() ?? "";
  if (/^0+1$/.test(first)) return String(value).padStart(first.length, "0");
  return String(value);
}

/** Bullets from symbol fonts sit in the private use area (Wingdings U+F0A7 …): shown as "•". */
export function bulletText(lvlText: string): string {
  return lvlText.replace(/[\uf000-\uf0ff]/g, "•");
}
