// How wide each character prints, in twips, and where a line may break (Chinese line-breaking
// rules, 避头尾): what the preview needs to put line breaks where the exported file has them.
// Chinese characters and full-width forms take one em of the element's size; digits, Latin
// letters and ASCII punctuation take their Times New Roman advance (the export's Latin face;
// Liberation Serif has the same metrics); the run spacing of the element applies to every one.

/** Times New Roman advance widths of ASCII 0x20-0x7e, in thousandths of an em (standard font metrics). */
const LATIN_WIDTHS = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // space ! " # $ % & ' ( ) * + , - . /
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 0-9 : ; < = > ?
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @ A-O
  556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // P-Z [ \ ] ^ _
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // ` a-o
  500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // p-z { | } ~
];

/** Punctuation the Chinese face sets full-width although it sits below U+2E80 (the export puts the Chinese face in hAnsi for them). */
const FULL_WIDTH_PUNCTUATION = new Set([0x2014, 0x2015, 0x2026, 0x2018, 0x2019, 0x201c, 0x201d, 0x00b7, 0x2018, 0x2030, 0x2103, 0x2116, 0x2160]);

/** Width of one UTF-16 code unit in thousandths of an em (a low surrogate adds nothing: its pair counts once). */
export function emWidth(code: number): number {
  if (code >= 0x20 && code < 0x7f) return LATIN_WIDTHS[code - 0x20];
  if (code === 0x09) return 0;
  if (code >= 0xdc00 && code <= 0xdfff) return 0;
  if (code >= 0x2e80 || FULL_WIDTH_PUNCTUATION.has(code)) return code >= 0xff61 && code <= 0xffdc ? 500 : 1000;
  // Latin-1 letters, Greek, arrows …: as a Latin letter.
  return code < 0x20 ? 0 : 500;
}

/** Characters a line may not start with (GB/T 15834 line-breaking practice; Word's default 避头 list, Chinese part). */
const NO_START = new Set(
  "!%),.:;?]}¢°·’\"†‡›℃∶、。〃〆〕〗〞﹚﹜！＂％＇），．：；？］｝～\u3009\u300b\u300d\u300f\u3011\u201d\u2019\u2026\u2014\u00b7\u30fb\uff5e\u301e".split("").map((c) => c.charCodeAt(0)),
);
/** Characters a line may not end with (opening brackets and quotes). */
const NO_END = new Set("$([{£¥·‘“〈《「『【〔〖〝﹙﹛＄（．［｛￡￥".split("").map((c) => c.charCodeAt(0)));
/** Punctuation that may hang past the right edge rather than start a line (commas, stops, colons …). */
const HANGING = new Set("，。、．：；？！,.:;?!".split("").map((c) => c.charCodeAt(0)));

export const cannotStartLine = (code: number): boolean => NO_START.has(code);
export const cannotEndLine = (code: number): boolean => NO_END.has(code);
export const mayHang = (code: number): boolean => HANGING.has(code);

/** Letters and digits that form words: a line breaks between words, not inside one (ASCII and Latin-1). */
export function isWordCharacter(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f) || code === 0x2e || code === 0x25 || code === 0x27;
}
