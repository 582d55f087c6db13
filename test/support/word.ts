// Builds Word documents from text with the `docx` writer, for the reader's tests, the CLI's,
// the e2e suite and the benchmark: typed heading numbers become Word's automatic numbering,
// "| a | b |" rows become tables, and (seeded) tracked insertions, deletions, deleted paragraph
// marks and hidden text are sprinkled in, none of which may change what the reader returns.
// Returns the bytes with the text the reader must give back and each line's paragraph number.

import * as docx from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { matchHeadingMarker } from "../../server/src/model/numbering";
import { formatNumber } from "../../server/src/docx/formats";
import type { MarkerFamily } from "../../server/src/model/document";
import { seededRandom } from "./random";

export interface WordBuildOptions {
  /** Typed heading numbers become automatic numbering (Word's list feature). */
  numbering?: boolean;
  /** What Word puts between an automatic number and the text (Word's default is a tab). */
  suffix?: "nothing" | "tab" | "space";
  /** Rows written "| a | b |" become Word tables. */
  tables?: boolean;
  /** A seed: tracked changes, deleted paragraphs and hidden text, all of which read as nothing. */
  changes?: number;
  /** Runs carry fonts and sizes as an exported 公文 has them, split as Word splits them. */
  formatted?: boolean;
}

export interface BuiltWord {
  bytes: Uint8Array;
  /** What the reader must return. */
  text: string;
  /** The 1-based paragraph number of each line of `text`. */
  paragraphOfLine: number[];
}

const FORMATS: Partial<Record<MarkerFamily, (typeof docx.LevelFormat)[keyof typeof docx.LevelFormat]>> = {
  chapter: docx.LevelFormat.CHINESE_COUNTING,
  cn: docx.LevelFormat.CHINESE_COUNTING,
  "cn-paren": docx.LevelFormat.CHINESE_COUNTING,
  ar: docx.LevelFormat.DECIMAL,
  "ar-paren": docx.LevelFormat.DECIMAL,
  circled: docx.LevelFormat.DECIMAL_ENCLOSED_CIRCLE,
};

const SUFFIX = { nothing: docx.LevelSuffix.NOTHING, tab: docx.LevelSuffix.TAB, space: docx.LevelSuffix.SPACE } as const;
const SUFFIX_TEXT = { nothing: "", tab: "\t", space: " " } as const;
const AUTHOR = { author: "审核人", date: "2024-03-01T09:00:00Z" };

/** A heading number at the very start of the line that automatic numbering can show exactly. */
function autoNumber(line: string): { family: MarkerFamily; value: number; open: string; close: string; rest: string } | undefined {
  const m = matchHeadingMarker(line, 0);
  if (!m || m.start !== 0) return undefined;
  const format = FORMATS[m.family];
  if (!format) return undefined;
  const typed = line.slice(m.numberStart, m.numberEnd);
  if (formatNumber(m.value, format) !== typed) return undefined;
  return { family: m.family, value: m.value, open: line.slice(0, m.numberStart), close: line.slice(m.numberEnd, m.end), rest: line.slice(m.end) };
}

const TABLE_ROW = /^\|(.*)\|\s*$/;

/**
 * The text as a Word file can hold it: control characters are not allowed in XML (the writer
 * drops them) and a lone surrogate cannot be written in UTF-8 (it becomes U+FFFD).
 */
export function wordStorable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

export async function buildWord(text: string, options: WordBuildOptions = {}): Promise<BuiltWord> {
  const lines = text.split(/\r\n|\r|\n/).map(wordStorable);
  const random = seededRandom(options.changes ?? 1);
  const changes = options.changes !== undefined;
  let revision = 1;
  const run = (t: string, heading = false): docx.TextRun[] => {
    if (!options.formatted) return [new docx.TextRun(t)];
    const font = heading ? { eastAsia: "黑体", ascii: "Times New Roman", hAnsi: "黑体" } : { eastAsia: "仿宋_GB2312", ascii: "Times New Roman", hAnsi: "仿宋_GB2312" };
    const chars = Array.from(t);
    const runs: docx.TextRun[] = [];
    // Word splits a paragraph into runs wherever editing sessions or proofing marks met.
    for (let i = 0; i < chars.length || runs.length === 0; ) {
      const n = Math.max(1, Math.floor(random() * 40));
      runs.push(new docx.TextRun({ text: chars.slice(i, i + n).join(""), font, size: 32, bold: heading }));
      i += n;
    }
    return runs;
  };
  const children: Array<docx.Paragraph | docx.Table> = [];
  const outLines: string[] = [];
  const paragraphOfLine: number[] = [];
  let paragraph = 0;
  const lists = new Map<string, { next: number; instance: number }>();
  let listCounter = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (options.tables && TABLE_ROW.test(line) && !/^\|[\s:|-]+\|\s*$/.test(line)) {
      const rows: string[][] = [];
      while (i < lines.length && TABLE_ROW.test(lines[i])) {
        if (!/^\|[\s:|-]+\|\s*$/.test(lines[i])) rows.push(TABLE_ROW.exec(lines[i])![1].split("|").map((c) => c.trim()));
        i++;
      }
      i--;
      children.push(new docx.Table({ rows: rows.map((cells) => new docx.TableRow({ children: cells.map((c) => new docx.TableCell({ children: [new docx.Paragraph({ children: run(c) })] })) })) }));
      // A one-column table reads as its paragraphs (a box around text, as the 版记 is).
      const oneColumn = rows.every((cells) => cells.length === 1);
      for (const cells of rows) {
        outLines.push(oneColumn ? cells[0] : "| " + cells.join(" | ") + " |");
        paragraphOfLine.push(paragraph + 1);
        paragraph += cells.length;
      }
      continue;
    }
    // A whole paragraph deleted with its mark: gone once accepted.
    if (changes && random() < 0.08) {
      children.push(new docx.Paragraph({ children: [new docx.DeletedTextRun({ text: "三、已删除的段落XX", id: revision++, ...AUTHOR })], run: { deletion: { id: revision++, ...AUTHOR } } }));
    }
    const numbered = options.numbering ? autoNumber(line) : undefined;
    const body = numbered ? numbered.rest : line;
    let shown = line;
    let numbering: { reference: docx.NumberingDefinition; level: number; instance: number } | undefined;
    if (numbered) {
      const suffix = options.suffix ?? "nothing";
      const key = `${numbered.family}|${numbered.open}|${numbered.close}`;
      let list = lists.get(key);
      // A number that does not continue its list starts a list of its own at that value.
      if (!list || list.next !== numbered.value) {
        list = { next: numbered.value, instance: ++listCounter };
        lists.set(key, list);
      }
      list.next++;
      numbering = {
        reference: { reference: `${key}|${numbered.value}|${list.instance}`, levels: [{ level: 0, format: FORMATS[numbered.family]!, text: `${numbered.open}%1${numbered.close}`, start: numbered.value, suffix: SUFFIX[suffix] }] },
        level: 0,
        instance: 1,
      };
      shown = line.slice(0, line.length - body.length) + SUFFIX_TEXT[suffix] + body;
    }
    const heading = numbered !== undefined;
    const chars = Array.from(body);
    if (changes && chars.length >= 4 && random() < 0.3) {
      const k = 1 + Math.floor(random() * (chars.length - 2));
      const before = chars.slice(0, k).join("");
      const after = chars.slice(k).join("");
      const kind = random();
      if (kind < 0.4) {
        const inserted = new docx.InsertedTextRun({ text: after, id: revision++, ...AUTHOR });
        children.push(new docx.Paragraph({ numbering, children: [...run(before, heading), new docx.DeletedTextRun({ text: "（删去XX内容）", id: revision++, ...AUTHOR }), inserted] }));
      } else if (kind < 0.7) {
        // The paragraph was split in two and the split deleted (a tracked join): one paragraph.
        children.push(new docx.Paragraph({ children: run(before, heading), run: { deletion: { id: revision++, ...AUTHOR } } }));
        children.push(new docx.Paragraph({ numbering, children: run(after, heading) }));
      } else {
        children.push(new docx.Paragraph({ numbering, children: [...run(before, heading), new docx.TextRun({ text: "隐藏的XX文字", vanish: true }), ...run(after, heading)] }));
      }
    } else {
      children.push(new docx.Paragraph({ numbering, children: body === "" ? [] : run(body, heading) }));
    }
    outLines.push(shown);
    paragraphOfLine.push(++paragraph);
  }
  const document = new docx.Document({ sections: [{ children }] });
  const bytes = await docx.Packer.toBuffer(document);
  return { bytes: new Uint8Array(bytes), text: outLines.join("\n"), paragraphOfLine };
}


/** A copy of a Word file with parts replaced (text is UTF-8), added, or removed (null). */
export function withParts(bytes: Uint8Array, parts: Record<string, string | Uint8Array | null>, level: 0 | 6 = 6): Uint8Array {
  const files: Record<string, Uint8Array> = unzipSync(bytes);
  for (const [name, content] of Object.entries(parts)) {
    if (content === null) delete files[name];
    else files[name] = typeof content === "string" ? strToU8(content) : content;
  }
  return zipSync(files, { level });
}

/** A part of a Word file as text. */
export function partText(bytes: Uint8Array, name: string): string {
  const part = unzipSync(bytes, { filter: (f) => f.name === name })[name];
  if (!part) throw new Error(`no part ${name}`);
  return strFromU8(part);
}

export const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A document.xml whose body is `body` (WordprocessingML with the usual w: prefix). */
export function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

/** A minimal Word file (made by the writer) whose document.xml, and optionally numbering.xml and styles.xml, are the given XML. */
export async function wordWithXml(parts: { document: string; numbering?: string; styles?: string }): Promise<Uint8Array> {
  const base = await docx.Packer.toBuffer(new docx.Document({ numbering: { config: [{ reference: "x", levels: [{ level: 0, format: docx.LevelFormat.DECIMAL, text: "%1." }] }] }, sections: [{ children: [new docx.Paragraph({ text: "x", numbering: { reference: "x", level: 0 } })] }] }));
  return withParts(new Uint8Array(base), {
    "word/document.xml": parts.document,
    ...(parts.numbering !== undefined ? { "word/numbering.xml": parts.numbering } : {}),
    ...(parts.styles !== undefined ? { "word/styles.xml": parts.styles } : {}),
  });
}
