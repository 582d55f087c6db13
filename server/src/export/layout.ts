// The printed layout of a 公文 (GB/T 9704-2012): every value the Word writer and the page
// preview use, one module so the two cannot drift. Settings are read from `gongwen.export.*`
// and from `.gongwenrc.json` (`export`); resolveLayout turns them into page units.

import type { Message } from "../engine/rule";

/** What a user may set; defaults follow GB/T 9704 (see docs and /shared/GB9704.md). */
export interface ExportSettings {
  paperWidthMm: number;
  paperHeightMm: number;
  marginTopMm: number;
  marginBottomMm: number;
  marginLeftMm: number;
  marginRightMm: number;
  mirrorMargins: boolean;
  lineSpacingPt: number;
  characterSpacingPt: number;
  bodySizePt: number;
  titleSizePt: number;
  mastheadSizePt: number;
  colophonSizePt: number;
  pageNumberSizePt: number;
  fontTitle: string;
  fontBody: string;
  fontHeading1: string;
  fontHeading2: string;
  fontHeading3: string;
  fontHeading4: string;
  fontLatin: string;
  fontPageNumber: string;
  heading3Bold: boolean;
  pageNumbers: boolean;
  pageNumberFormat: string;
  pageNumberOffsetMm: number;
  pageNumberIndentChars: number;
  withSeal: boolean;
  signatureRightChars: number;
  dateShiftChars: number;
  sealDateRightChars: number;
  newPagePerDocument: boolean;
  tableOfContents: "field" | "text";
}

type Key = keyof ExportSettings;

/** One setting: its type, default, bounds and description (package.json and the schema agree with this table; a test checks). */
export interface ExportSettingSpec {
  key: Key;
  type: "number" | "string" | "boolean";
  default: number | string | boolean;
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
  description: Message;
}

const num = (key: Key, value: number, minimum: number, maximum: number, zh: string, en: string): ExportSettingSpec => ({ key, type: "number", default: value, minimum, maximum, description: { zh, en } });
const str = (key: Key, value: string, zh: string, en: string, values?: readonly string[]): ExportSettingSpec => ({ key, type: "string", default: value, ...(values ? { enum: values } : {}), description: { zh, en } });
const bool = (key: Key, value: boolean, zh: string, en: string): ExportSettingSpec => ({ key, type: "boolean", default: value, description: { zh, en } });

export const EXPORT_SETTINGS: readonly ExportSettingSpec[] = [
  num("paperWidthMm", 210, 100, 600, "纸张宽度（毫米），A4 为 210", "Paper width in millimetres (A4: 210)"),
  num("paperHeightMm", 297, 100, 900, "纸张高度（毫米），A4 为 297", "Paper height in millimetres (A4: 297)"),
  num("marginTopMm", 37, 0, 200, "上白边（天头，毫米），GB/T 9704 为 37", "Top margin in millimetres (GB/T 9704: 37)"),
  num("marginBottomMm", 35, 0, 200, "下白边（毫米）：版心高 225 毫米时为 35", "Bottom margin in millimetres (35 with the standard 225 mm text block)"),
  num("marginLeftMm", 28, 0, 200, "左白边（订口，毫米），GB/T 9704 为 28", "Left (binding) margin in millimetres (GB/T 9704: 28)"),
  num("marginRightMm", 26, 0, 200, "右白边（毫米）：版心宽 156 毫米时为 26", "Right margin in millimetres (26 with the standard 156 mm text block)"),
  bool("mirrorMargins", false, "双面印刷时对称页边距（偶数页订口在右）", "Mirror the margins for two-sided printing (binding edge on the right of even pages)"),
  num("lineSpacingPt", 28.95, 6, 100, "固定行距（磅）：28.95 磅使版心排 22 行", "Exact line spacing in points (28.95 gives 22 lines a page)"),
  num("characterSpacingPt", -0.25, -5, 5, "字符间距（磅，负数为紧缩）：−0.25 磅使每行排 28 字", "Character spacing in points, negative condenses (−0.25 gives 28 characters a line)"),
  num("bodySizePt", 16, 6, 72, "正文字号（磅），3 号为 16", "Body font size in points (3号: 16)"),
  num("titleSizePt", 22, 6, 72, "标题字号（磅），2 号为 22", "Title font size in points (2号: 22)"),
  num("mastheadSizePt", 36, 6, 120, "发文机关标志字号（磅，红色小标宋）", "Masthead (发文机关标志) font size in points (red, title font)"),
  num("colophonSizePt", 14, 6, 72, "版记字号（磅），4 号为 14", "Colophon (版记) font size in points (4号: 14)"),
  num("pageNumberSizePt", 14, 6, 72, "页码字号（磅），4 号为 14", "Page number font size in points (4号: 14)"),
  str("fontTitle", "方正小标宋简体", "标题字体（小标宋体）", "Title font (小标宋体)"),
  str("fontBody", "仿宋_GB2312", "正文字体（仿宋体）", "Body font (仿宋体)"),
  str("fontHeading1", "黑体", "一级标题（一、）字体", "Font of level-1 headings (一、)"),
  str("fontHeading2", "楷体_GB2312", "二级标题（（一））字体", "Font of level-2 headings (（一）)"),
  str("fontHeading3", "", "三级标题（1.）字体；留空则同正文", "Font of level-3 headings (1.); empty: the body font"),
  str("fontHeading4", "", "四级标题（（1））字体；留空则同正文", "Font of level-4 headings (（1）); empty: the body font"),
  str("fontLatin", "Times New Roman", "数字和西文字母的字体", "Font of digits and Latin letters"),
  str("fontPageNumber", "宋体", "页码字体", "Page number font"),
  bool("heading3Bold", false, "三级标题加粗（部分单位的习惯，标准未规定）", "Bold level-3 headings (a house style; the standard names no bold)"),
  bool("pageNumbers", true, "编排页码", "Print page numbers"),
  str("pageNumberFormat", "— {page} —", "页码格式，{page} 为页码（标准为一字线 U+2014 加空格）", "Page number format, {page} is the number (standard: em dashes U+2014 with spaces)"),
  num("pageNumberOffsetMm", 7, 0, 30, "页码距版心下边缘（毫米）", "Distance of the page number below the text block in millimetres"),
  num("pageNumberIndentChars", 1, 0, 10, "页码距版心边缘的字数（单页居右、双页居左）", "Page number inset from the block's edge in characters (right on odd, left on even pages)"),
  bool("withSeal", false, "加盖印章的署名与日期位置（日期右空四字，署名居中于日期之上）", "Sign-off placed for a seal (date four characters from the right, signature centred above it)"),
  num("signatureRightChars", 2, 0, 20, "不加盖印章时署名右空字数", "Characters between the signature and the right edge (without seal)"),
  num("dateShiftChars", 2, 0, 20, "不加盖印章时日期首字比署名首字右移的字数", "Characters the date starts right of the signature's first character (without seal)"),
  num("sealDateRightChars", 4, 0, 20, "加盖印章时日期右空字数", "Characters between the date and the right edge (with seal)"),
  bool("newPagePerDocument", true, "汇编中每篇文档另起一页", "Start every document of a compilation on a new page"),
  str("tableOfContents", "field", "汇编目录：field 为 Word 目录域（可更新页码），text 为原文", "Compilation contents: field = a Word table-of-contents field (page numbers update), text = as written", ["field", "text"]),
];

export function defaultExportSettings(): ExportSettings {
  return Object.fromEntries(EXPORT_SETTINGS.map((s) => [s.key, s.default])) as unknown as ExportSettings;
}

const SPEC_BY_KEY = new Map(EXPORT_SETTINGS.map((s) => [s.key as string, s]));

/** Why a value was not taken (for the project file's warnings). */
export type SettingComplaint = (key: string, message: Message) => void;

/**
 * Reads an `export` object (VS Code's settings section or the project file's) over `base`:
 * known keys of the right type and range are taken, the rest reported and ignored.
 */
export function readExportSettings(raw: unknown, base: ExportSettings = defaultExportSettings(), complain?: SettingComplaint): ExportSettings {
  const result = { ...base } as unknown as Record<string, unknown>;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return result as unknown as ExportSettings;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const spec = SPEC_BY_KEY.get(key);
    if (!spec) {
      complain?.(key, { zh: `未知的导出设置“${key}”，已忽略`, en: `unknown export setting "${key}"; ignored` });
      continue;
    }
    if (value === undefined || value === null) continue;
    const problem = checkValue(spec, value);
    if (problem) {
      complain?.(key, problem);
      continue;
    }
    result[key] = value;
  }
  return result as unknown as ExportSettings;
}

function checkValue(spec: ExportSettingSpec, value: unknown): Message | undefined {
  if (spec.type === "number") {
    if (typeof value !== "number" || !Number.isFinite(value)) return { zh: `“${spec.key}”应为数字，已忽略`, en: `"${spec.key}" must be a number; ignored` };
    if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) {
      return { zh: `“${spec.key}”应在 ${spec.minimum}～${spec.maximum} 之间，已忽略`, en: `"${spec.key}" must be between ${spec.minimum} and ${spec.maximum}; ignored` };
    }
    return undefined;
  }
  if (spec.type === "boolean") return typeof value === "boolean" ? undefined : { zh: `“${spec.key}”应为 true 或 false，已忽略`, en: `"${spec.key}" must be true or false; ignored` };
  if (typeof value !== "string") return { zh: `“${spec.key}”应为字符串，已忽略`, en: `"${spec.key}" must be a string; ignored` };
  if (spec.enum && !spec.enum.includes(value)) return { zh: `“${spec.key}”应为 ${spec.enum.join("、")} 之一，已忽略`, en: `"${spec.key}" must be one of ${spec.enum.join(", ")}; ignored` };
  if (spec.key === "pageNumberFormat" && !value.includes("{page}")) return { zh: "“pageNumberFormat”须含 {page}，已忽略", en: '"pageNumberFormat" must contain {page}; ignored' };
  if (spec.key.startsWith("font") && spec.key !== "fontHeading3" && spec.key !== "fontHeading4" && value.trim() === "") return { zh: `“${spec.key}”不能为空，已忽略`, en: `"${spec.key}" must not be empty; ignored` };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Resolved layout: page units (twips = 1/20 pt, half-points for font sizes) the writer needs.

export const TWIPS_PER_MM = 1440 / 25.4;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);
export const ptToTwips = (pt: number): number => Math.round(pt * 20);

export type ElementKind =
  | "title"
  | "body"
  | "heading1"
  | "heading2"
  | "heading3"
  | "heading4"
  | "addressee"
  | "masthead"
  | "docNumber"
  | "attachment"
  | "signature"
  | "date"
  | "colophon"
  | "tocCaption"
  | "tocEntry"
  | "table"
  | "code"
  | "pageNumber";

export interface ElementStyle {
  /** The Chinese face (eastAsia and hAnsi, so “”—… keep Chinese widths). */
  font: string;
  /** Digits and Latin letters (ascii). */
  latinFont: string;
  sizePt: number;
  bold: boolean;
  align: "left" | "center" | "right" | "both";
  /** First-line indent in body characters (negative: hanging). */
  firstLineChars: number;
  /** Character spacing in twips (the grid's condensing, or 0). */
  characterSpacing: number;
}

export interface Layout {
  settings: ExportSettings;
  page: { width: number; height: number; top: number; bottom: number; left: number; right: number; footer: number; header: number; mirror: boolean };
  /** The text block (版心) in twips. */
  textWidth: number;
  textHeight: number;
  /** Exact line pitch in twips. */
  line: number;
  /** Width of one body character with its spacing, in twips: the unit of every indent. */
  charPitch: number;
  charsPerLine: number;
  linesPerPage: number;
  elements: Record<ElementKind, ElementStyle>;
  pageNumber: { enabled: boolean; before: string; after: string; indent: number; lineHeight: number };
}

export function resolveLayout(settings: ExportSettings = defaultExportSettings()): Layout {
  const s = settings;
  const width = mmToTwips(s.paperWidthMm);
  const height = mmToTwips(s.paperHeightMm);
  const top = mmToTwips(s.marginTopMm);
  const bottom = mmToTwips(s.marginBottomMm);
  const left = mmToTwips(s.marginLeftMm);
  const right = mmToTwips(s.marginRightMm);
  const line = ptToTwips(s.lineSpacingPt);
  const spacing = ptToTwips(s.characterSpacingPt);
  const charPitch = ptToTwips(s.bodySizePt) + spacing;
  const textWidth = Math.max(0, width - left - right);
  const textHeight = Math.max(0, height - top - bottom);
  // The number's line is exactly as tall as its font: its top sits the offset under the block.
  const numberLine = ptToTwips(s.pageNumberSizePt);
  const footer = Math.max(0, bottom - mmToTwips(s.pageNumberOffsetMm) - numberLine);
  const el = (font: string, sizePt: number, extra: Partial<ElementStyle> = {}): ElementStyle => ({
    font,
    latinFont: s.fontLatin,
    sizePt,
    bold: false,
    align: "both",
    firstLineChars: 0,
    characterSpacing: spacing,
    ...extra,
  });
  const body = s.fontBody;
  const [before, after] = splitFormat(s.pageNumberFormat);
  return {
    settings: s,
    page: { width, height, top, bottom, left, right, footer, header: Math.min(top, mmToTwips(15)), mirror: s.mirrorMargins },
    textWidth,
    textHeight,
    line,
    charPitch,
    charsPerLine: charPitch > 0 ? Math.floor(textWidth / charPitch) : 0,
    linesPerPage: line > 0 ? Math.floor(textHeight / line) : 0,
    elements: {
      title: el(s.fontTitle, s.titleSizePt, { align: "center", characterSpacing: 0 }),
      body: el(body, s.bodySizePt, { firstLineChars: 2 }),
      heading1: el(s.fontHeading1, s.bodySizePt, { firstLineChars: 2 }),
      heading2: el(s.fontHeading2, s.bodySizePt, { firstLineChars: 2 }),
      heading3: el(s.fontHeading3 || body, s.bodySizePt, { firstLineChars: 2, bold: s.heading3Bold }),
      heading4: el(s.fontHeading4 || body, s.bodySizePt, { firstLineChars: 2 }),
      addressee: el(body, s.bodySizePt, { align: "left" }),
      masthead: el(s.fontTitle, s.mastheadSizePt, { align: "center", characterSpacing: 0 }),
      docNumber: el(body, s.bodySizePt, { align: "center" }),
      attachment: el(body, s.bodySizePt, { align: "left" }),
      signature: el(body, s.bodySizePt, { align: "right" }),
      date: el(body, s.bodySizePt, { align: "right" }),
      colophon: el(body, s.colophonSizePt, { align: "left", characterSpacing: 0 }),
      tocCaption: el(s.fontHeading1, s.bodySizePt, { align: "center" }),
      tocEntry: el(body, s.bodySizePt, { align: "left" }),
      table: el(body, s.bodySizePt, { align: "left", characterSpacing: 0 }),
      code: el(body, s.bodySizePt, { align: "left", characterSpacing: 0 }),
      pageNumber: el(s.fontPageNumber, s.pageNumberSizePt, { latinFont: s.fontPageNumber, characterSpacing: 0 }),
    },
    pageNumber: { enabled: s.pageNumbers, before, after, indent: ptToTwips(s.pageNumberSizePt) * s.pageNumberIndentChars, lineHeight: numberLine },
  };
}

function splitFormat(format: string): [string, string] {
  const at = format.indexOf("{page}");
  return at < 0 ? ["— ", " —"] : [format.slice(0, at), format.slice(at + "{page}".length)];
}

/** Half-points, as Word stores font sizes. */
export const halfPoints = (pt: number): number => Math.round(pt * 2);

/**
 * Width of a text in body characters, as the office fonts set it: CJK characters and
 * full-width forms one each, digits, Latin letters and ASCII punctuation half.
 */
export function widthInChars(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    width += c < 0x2e80 && c !== 0x2014 && c !== 0x2026 && c !== 0x201c && c !== 0x201d ? 0.5 : 1;
  }
  return width;
}

/** Right indents (in twips) of the signature lines and the date, per GB/T 9704 7.3.5. */
export interface SignOffPlacement {
  signatureRight: number;
  dateRight: number;
}

/**
 * 7.3.5.2 without a seal: the signature two characters from the right edge, the date's first
 * character two right of the signature's; a date too long for that sits two characters from the
 * edge and pushes the signature left. 7.3.5.1 with a seal: the date four characters from the
 * edge, the signature centred over it. Both right-aligned, so only the right indents are needed.
 */
export function placeSignOff(layout: Layout, signature: readonly string[], date: string | undefined): SignOffPlacement {
  const s = layout.settings;
  const pitch = layout.charPitch;
  const sig = Math.max(0, ...signature.map(widthInChars));
  const d = date === undefined ? 0 : widthInChars(date);
  let sigRight: number;
  let dateRight: number;
  if (s.withSeal) {
    dateRight = s.sealDateRightChars;
    sigRight = sig > 0 && date !== undefined ? dateRight + (d - sig) / 2 : dateRight;
  } else if (date === undefined || sig === 0) {
    sigRight = s.signatureRightChars;
    dateRight = s.signatureRightChars;
  } else {
    // The date starts dateShift right of the signature's start; where that leaves it nearer the
    // edge than the signature's margin, the date takes that margin and the signature moves left.
    const dateRightIfShifted = s.signatureRightChars + sig - s.dateShiftChars - d;
    if (dateRightIfShifted >= s.signatureRightChars) {
      sigRight = s.signatureRightChars;
      dateRight = dateRightIfShifted;
    } else {
      dateRight = s.signatureRightChars;
      sigRight = dateRight + d + s.dateShiftChars - sig;
    }
  }
  return { signatureRight: Math.max(0, Math.round(sigRight * pitch)), dateRight: Math.max(0, Math.round(dateRight * pitch)) };
}
