// The preview's stylesheet from the export's layout: page and text block in points, each
// element's font, size, weight and run spacing. The office fonts come first in every stack, then
// free faces that look alike (Noto/Source Han, AR PL, Liberation) and the systems' own, so a
// machine without the office fonts still shows the hierarchy. Nothing is shipped or fetched.

import type { ElementKind, Layout } from "../export/layout";
import { MAX_GRID_LINES } from "./html";
import { BORDER } from "./paragraphs";

/** Faces that stand in for the office fonts, by what the office font is. */
const STAND_INS = {
  song: ['"宋体"', "SimSun", '"Songti SC"', "STSong", '"Noto Serif CJK SC"', '"Source Han Serif SC"', '"Noto Serif SC"'],
  fangsong: ['"仿宋"', "FangSong", '"STFangsong"', '"仿宋_GB2312"', "FangSong_GB2312", '"Noto Serif CJK SC"', '"Source Han Serif SC"', '"Noto Serif SC"', "SimSun"],
  kai: ['"楷体"', "KaiTi", '"STKaiti"', '"楷体_GB2312"', "KaiTi_GB2312", '"AR PL UKai CN"', '"AR PL KaitiM GB"', '"AR PL UKai"', '"Noto Serif CJK SC"'],
  hei: ['"黑体"', "SimHei", '"Heiti SC"', "STHeiti", '"Microsoft YaHei"', '"Noto Sans CJK SC"', '"Source Han Sans SC"', '"Noto Sans SC"', '"WenQuanYi Micro Hei"'],
  // 小标宋 is a heavy face: its stand-ins are the bold cuts (gw-heavy-serif below), not a synthetic bold.
  xiaobiaosong: ['"方正小标宋简体"', '"方正小标宋_GBK"', '"华文中宋"', "STZhongsong", '"gw-heavy-serif"', "SimSun"],
};

/** The stand-ins for a font name the settings give, by the kind of face its name says it is. */
function standInsFor(font: string): string[] {
  if (/小标宋|中宋|标宋/.test(font)) return STAND_INS.xiaobiaosong;
  if (/仿宋|fangsong/i.test(font)) return STAND_INS.fangsong;
  if (/楷|kai/i.test(font)) return STAND_INS.kai;
  if (/黑|hei|雅黑/i.test(font)) return STAND_INS.hei;
  return STAND_INS.song;
}

const quote = (name: string): string => `"${name.replace(/["\\]/g, "")}"`;

/** A CSS font stack: the named font, then its free look-alikes, then the generic family. */
export function fontStack(font: string): string {
  const generic = /黑|hei/i.test(font) ? "sans-serif" : "serif";
  const names = [quote(font), ...standInsFor(font).filter((n) => n !== quote(font))];
  return [...names, generic].join(", ");
}

const pt = (twips: number): string => `${+(twips / 20).toFixed(2)}pt`;

/** Latin face for ASCII only: digits and letters in the Latin font, “”—… stay in the Chinese face (as the export sets hAnsi). */
function latinFace(name: string, latin: string): string {
  const faces = [latin, "Times New Roman", "Liberation Serif", "Tinos"].filter((f, i, all) => f !== "" && all.indexOf(f) === i);
  return `@font-face{font-family:"${name}";src:${faces.map((f) => `local(${quote(f)})`).join(",")};unicode-range:U+0020-007E;}`;
}

/** The bold cuts of the free serif faces, under one name: what stands in for 小标宋 (local fonts only). */
const HEAVY_SERIF = `@font-face{font-family:"gw-heavy-serif";src:${["Noto Serif CJK SC Bold", "NotoSerifCJKsc-Bold", "Source Han Serif SC Bold", "SourceHanSerifSC-Bold", "Noto Serif SC Bold", "NotoSerifSC-Bold", "Songti SC Bold", "STSongti-SC-Bold"].map((f) => `local("${f}")`).join(",")};}`;

/** Element classes the page HTML uses: e-<element>. */
export const ELEMENT_KINDS: readonly ElementKind[] = ["title", "body", "heading1", "heading2", "heading3", "heading4", "addressee", "masthead", "docNumber", "attachment", "signature", "date", "colophon", "tocCaption", "tocEntry", "table", "code", "pageNumber"];

/** The stylesheet for a layout: page geometry and element looks (classes used by html.ts). */
export function layoutStylesheet(layout: Layout): string {
  const p = layout.page;
  const rules: string[] = [HEAVY_SERIF];
  const latinFonts = new Map<string, string>();
  const latinName = (latin: string) => {
    let name = latinFonts.get(latin);
    if (!name) {
      name = `gw-latin-${latinFonts.size}`;
      latinFonts.set(latin, name);
      rules.push(latinFace(name, latin));
    }
    return name;
  };
  rules.push(`.gw-page{width:${pt(p.width)};height:${pt(p.height)};}`);
  rules.push(`.gw-text{left:${pt(p.left)};top:${pt(p.top)};width:${pt(layout.textWidth)};height:${pt(layout.textHeight)};}`);
  rules.push(`.l{height:${pt(layout.line)};line-height:${pt(layout.line)};}`);
  for (let n = 2; n <= MAX_GRID_LINES; n++) rules.push(`.l.g${n}{height:${pt(n * layout.line)};line-height:${pt(n * layout.line)};}`);
  // The writer's rules (paragraphs.ts BORDER): the 发文字号's red rule, the tables', the 版记's.
  rules.push(`.ru-red-below{height:${pt(BORDER.docNumber)};border-bottom:${pt(20)} solid #e00;}`);
  rules.push(`.gw-table td{border:${pt(BORDER.table)} solid #000;}`);
  rules.push(`.gw-colophon{border-top:${pt(BORDER.thick)} solid #000;border-bottom:${pt(BORDER.thick)} solid #000;}.gw-colophon tr+tr td{border-top:${pt(BORDER.thin)} solid #000;}`);
  const numberTop = p.height - p.bottom + (p.bottom - p.footer - layout.pageNumber.lineHeight);
  rules.push(`.gw-num{top:${pt(numberTop)};height:${pt(layout.pageNumber.lineHeight)};line-height:${pt(layout.pageNumber.lineHeight)};}`);
  rules.push(`.gw-num.odd{right:${pt(p.right + layout.pageNumber.indent)};}.gw-num.even{left:${pt(p.left + layout.pageNumber.indent)};}`);
  for (const kind of ELEMENT_KINDS) {
    const style = layout.elements[kind];
    const latin = latinName(style.latinFont);
    rules.push(`.e-${kind}{font-family:"${latin}",${fontStack(style.font)};font-size:${+style.sizePt.toFixed(2)}pt;font-weight:${style.bold ? 700 : 400};letter-spacing:${pt(style.characterSpacing)};}`);
  }
  return rules.join("\n");
}

/** Rules for the indent and tab classes a render used (i<left>_<right>, t<width>, r<margin>), in twips. */
export function geometryRules(indents: ReadonlySet<string>, tabs: ReadonlySet<number>, rightTabs: ReadonlySet<number>): string {
  const rules: string[] = [];
  for (const key of indents) {
    const [left, right] = key.split("_").map(Number);
    rules.push(`.i${key}{padding-left:${pt(left)};padding-right:${pt(right)};}`);
  }
  for (const w of tabs) rules.push(`.t${w}{width:${pt(w)};}`);
  for (const m of rightTabs) rules.push(`.r${m}{margin-right:${pt(m)};}`);
  return rules.join("\n");
}
