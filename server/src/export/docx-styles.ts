// The Word styles of the export (part of the writer bundle, loaded on first use): document
// defaults on the GB/T 9704 grid, Word's built-in Heading 1–4 with 黑体/楷体/仿宋, the title
// styles, and the font table that names a system font Word may fall back to for each office font.

import { AlignmentType, LineRuleType, type IParagraphStyleOptions, type IRunOptions, type IStylesOptions } from "docx";
import { halfPoints, type ElementKind, type ElementStyle, type Layout } from "./layout";

export const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, both: AlignmentType.JUSTIFIED } as const;

/** A run's fonts: digits and Latin letters in the Latin face, everything else (hAnsi too) in the Chinese face. */
export function fontsOf(style: ElementStyle): { ascii: string; hAnsi: string; eastAsia: string; cs: string } {
  return { ascii: style.latinFont, hAnsi: style.font, eastAsia: style.font, cs: style.font };
}

/** Run properties of an element: fonts, size, spacing, bold. */
export function runOf(style: ElementStyle): IRunOptions {
  return { font: fontsOf(style), size: halfPoints(style.sizePt), characterSpacing: style.characterSpacing, bold: style.bold, color: "000000" };
}

export function exactLine(layout: Layout): { line: number; lineRule: typeof LineRuleType.EXACT; before: number; after: number } {
  return { line: layout.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
}

/** Style ids (Word's built-in ones where there is one: Word and WPS recognise them by name). */
export const STYLE = {
  title: "Title",
  compilationTitle: "GongwenCompilationTitle",
  attachmentTitle: "GongwenAttachmentTitle",
  heading: ["Heading1", "Heading2", "Heading3", "Heading4"],
} as const;

export function documentStyles(layout: Layout): IStylesOptions {
  const el = layout.elements;
  const body = el.body;
  const indent = (style: ElementStyle) => (style.firstLineChars > 0 ? { firstLine: Math.round(style.firstLineChars * layout.charPitch) } : { firstLine: 0 });
  const headingStyle = (n: 1 | 2 | 3 | 4): IParagraphStyleOptions => {
    const style = el[`heading${n}` as ElementKind];
    return {
      id: STYLE.heading[n - 1],
      // Word's built-in names, lower case as Word writes them: the navigation pane and the
      // heading gallery treat these as the built-in headings.
      name: `heading ${n}`,
      basedOn: "Normal",
      next: "Normal",
      quickFormat: true,
      run: { ...runOf(style), italics: false },
      paragraph: { alignment: ALIGN[style.align], indent: indent(style), spacing: exactLine(layout), keepNext: true, outlineLevel: n - 1 },
    };
  };
  const titleStyle = (id: string, name: string, basedOn?: string): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: basedOn ?? "Normal",
    next: "Normal",
    quickFormat: true,
    run: runOf(el.title),
    paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: exactLine(layout), keepNext: true },
  });
  return {
    default: {
      document: {
        run: { ...runOf(body), language: { value: "en-US", eastAsia: "zh-CN" } },
        paragraph: { spacing: exactLine(layout) },
      },
    },
    paragraphStyles: [
      // Normal is the body: 仿宋 3号, justified, two characters indented.
      { id: "Normal", name: "Normal", quickFormat: true, run: runOf(body), paragraph: { alignment: AlignmentType.JUSTIFIED, indent: indent(body), spacing: exactLine(layout) } },
      titleStyle(STYLE.title, "Title"),
      titleStyle(STYLE.compilationTitle, "Compilation Title", STYLE.title),
      titleStyle(STYLE.attachmentTitle, "Attachment Title", STYLE.title),
      headingStyle(1),
      headingStyle(2),
      headingStyle(3),
      headingStyle(4),
      {
        id: "TOC1",
        name: "toc 1",
        basedOn: "Normal",
        next: "Normal",
        run: runOf(el.tocEntry),
        paragraph: { alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, spacing: exactLine(layout) },
      },
    ],
    characterStyles: [{ id: "Hyperlink", name: "Hyperlink", basedOn: "DefaultParagraphFont", run: { color: "0563C1", underline: {} } }],
  };
}

/** Office fonts → the system font Word falls back to when the office font is not installed. */
const FALLBACKS: Record<string, string> = {
  "仿宋_GB2312": "仿宋",
  "楷体_GB2312": "楷体",
  "方正小标宋简体": "宋体",
  "方正小标宋_GBK": "宋体",
  "方正仿宋_GBK": "仿宋",
  "方正楷体_GBK": "楷体",
  "方正黑体_GBK": "黑体",
  "华文中宋": "宋体",
};

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * word/fontTable.xml naming every font the document uses: Chinese faces with the GB2312
 * character set and an alternate name, so Word substitutes 仿宋 for a missing 仿宋_GB2312
 * rather than a Western font.
 */
export function fontTableXml(layout: Layout): string {
  const names = new Set<string>();
  for (const style of Object.values(layout.elements)) {
    names.add(style.font);
    names.add(style.latinFont);
  }
  const entries = [...names].filter((n) => n !== "").map((name) => {
    const chinese = [...name].some((c) => c.charCodeAt(0) > 0x7f);
    const alt = FALLBACKS[name];
    return `<w:font w:name="${escapeXml(name)}">${alt ? `<w:altName w:val="${escapeXml(alt)}"/>` : ""}<w:charset w:val="${chinese ? "86" : "00"}"/><w:family w:val="${chinese ? "modern" : "roman"}"/><w:pitch w:val="${chinese ? "fixed" : "variable"}"/></w:font>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries.join("")}</w:fonts>`;
}
