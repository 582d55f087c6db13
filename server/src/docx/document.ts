// word/document.xml → plain text, one line per paragraph, as Word shows the document with all
// tracked changes accepted: runs, tabs and breaks; automatic numbering as its text; tables as
// rows of cells ("| 序号 | 任务 |", a cell's further paragraphs on lines of their own, so the
// model reads them as a table and numbers in cells are never headings), except one-column
// tables, which are boxes around text (the 版记) and read as paragraphs. Left out, as they are
// not part of the running text: deleted text, hidden text, field codes, footnote and comment
// marks (their text lives in other parts), text boxes, pictures, equations; headers and footers
// are other parts and are not read at all.

import { NumberingState, readNumPr, styleNumPr, type NumPr, type Styles } from "./numbering";
import { Token, XmlScanner } from "./xml";

export interface WordText {
  /** The document's text, paragraphs separated by "\n". */
  text: string;
  /** Offsets in `text` where paragraphs start, ascending (a table row holds several). */
  paragraphStarts: number[];
  /** The 1-based paragraph number of the paragraph starting at the same index of paragraphStarts. */
  paragraphNumbers: number[];
  /** Paragraphs in the document, those of table cells included. */
  paragraphCount: number;
  /** Insertions, deletions and moves that were read as accepted. */
  trackedChanges: number;
  tables: number;
}

interface ReadParagraph {
  text: string;
  numPr?: NumPr;
  style?: string;
  /** The paragraph mark is deleted (tracked) or hidden: the text runs on into the next paragraph. */
  joinsNext: boolean;
}

interface Finished {
  text: string;
  number: number;
}

/** Names of WordprocessingML elements with the part's prefix. */
function namesFor(w: string) {
  const q = (local: string) => w + local;
  return {
    body: q("body"),
    p: q("p"),
    pPr: q("pPr"),
    pStyle: q("pStyle"),
    numPr: q("numPr"),
    rPr: q("rPr"),
    r: q("r"),
    t: q("t"),
    tab: q("tab"),
    ptab: q("ptab"),
    br: q("br"),
    cr: q("cr"),
    sym: q("sym"),
    noBreakHyphen: q("noBreakHyphen"),
    del: q("del"),
    ins: q("ins"),
    moveFrom: q("moveFrom"),
    moveTo: q("moveTo"),
    vanish: q("vanish"),
    tbl: q("tbl"),
    tr: q("tr"),
    trPr: q("trPr"),
    tc: q("tc"),
    ruby: q("ruby"),
    rubyBase: q("rubyBase"),
    val: q("val"),
    type: q("type"),
    char: q("char"),
    /** Wrappers whose content is read as if they were not there. */
    transparent: new Set(["hyperlink", "smartTag", "customXml", "fldSimple", "sdt", "sdtContent", "dir", "bdo", "ins", "moveTo"].map(q)),
  };
}

type Names = ReturnType<typeof namesFor>;

/** Where finished paragraphs go: the body's lines, or a table cell. */
interface Sink {
  paragraph(p: ReadParagraph): void;
  table(rows: Finished[][][]): void;
  /** A run of joined paragraphs left open at the end of a container becomes a paragraph. */
  flush(): void;
}

export class DocumentReader {
  private readonly n: Names;
  private readonly parts: string[] = [];
  private length = 0;
  private lines = 0;
  private readonly starts: number[] = [];
  private readonly numbers: number[] = [];
  private paragraphNumber = 0;
  private trackedChanges = 0;
  private tables = 0;

  constructor(
    private readonly scanner: XmlScanner,
    w: string,
    private readonly numbering: NumberingState | undefined,
    private readonly styles: Styles | undefined,
  ) {
    this.n = namesFor(w);
  }

  read(): WordText {
    const s = this.scanner;
    for (let t = s.next(); t !== Token.End; t = s.next()) {
      if (t !== Token.Open) continue;
      if (s.depth === 1) continue;
      if (s.name === this.n.body && !s.selfClosing) {
        const sink = this.bodySink();
        this.readBlocks(s.depth, sink);
        sink.flush();
      } else s.skipElement();
    }
    return {
      text: this.parts.join(""),
      paragraphStarts: this.starts,
      paragraphNumbers: this.numbers,
      paragraphCount: this.paragraphNumber,
      trackedChanges: this.trackedChanges,
      tables: this.tables,
    };
  }

  // ---- output ----------------------------------------------------------------------------

  private newLine(): void {
    if (this.lines++ > 0) this.append("\n");
  }

  private append(text: string): void {
    if (text === "") return;
    this.parts.push(text);
    this.length += text.length;
  }

  private mark(number: number): void {
    const last = this.starts.length - 1;
    if (last >= 0 && this.starts[last] === this.length) this.numbers[last] = number;
    else {
      this.starts.push(this.length);
      this.numbers.push(number);
    }
  }

  /** Joins paragraphs whose marks are gone, numbers them, advances the lists. */
  private flow(emit: (p: Finished) => void): Pick<Sink, "paragraph" | "flush"> {
    let carry: string | undefined;
    const finish = (p: ReadParagraph | undefined) => {
      let label = "";
      if (p && this.numbering) {
        const fromStyle = styleNumPr(this.styles, p.style ?? this.styles?.defaultParagraph);
        const numId = p.numPr?.numId ?? fromStyle?.numId;
        if (numId !== undefined) {
          const ilvl = p.numPr?.ilvl ?? fromStyle?.ilvl ?? this.numbering.levelOfStyle(numId, p.style);
          label = this.numbering.next(numId, ilvl) ?? "";
        }
      }
      const text = label + (carry ?? "") + (p?.text ?? "");
      carry = undefined;
      emit({ text, number: ++this.paragraphNumber });
    };
    return {
      paragraph: (p) => {
        if (p.joinsNext) carry = (carry ?? "") + p.text;
        else finish(p);
      },
      flush: () => {
        // Text left over from joined paragraphs stands alone; paragraphs deleted whole are gone.
        if (carry) finish(undefined);
        carry = undefined;
      },
    };
  }

  private bodySink(): Sink {
    const flow = this.flow((p) => {
      this.newLine();
      this.mark(p.number);
      this.append(p.text);
    });
    return {
      paragraph: (p) => flow.paragraph(p),
      table: (rows) => {
        // A paragraph joined to a following table stands alone.
        flow.flush();
        // A table of one column is a box around text (the 版记's rules, a framed note), not a
        // table of data: its paragraphs are read as paragraphs.
        if (rows.every((row) => row.length <= 1)) {
          for (const p of rows.flatMap((row) => row[0] ?? [])) {
            this.newLine();
            this.mark(p.number);
            this.append(p.text);
          }
        } else for (const row of rows) this.row(row);
      },
      flush: () => flow.flush(),
    };
  }

  private row(cells: Finished[][]): void {
    this.newLine();
    this.append("|");
    for (const cell of cells) {
      this.append(" ");
      let first = true;
      const blankCell = cell.every((q) => q.text.trim() === "");
      for (const p of cell) {
        // Blank lines would end the table for the model: a cell's paragraphs are joined by one
        // break, and its blank paragraphs left out (an empty cell keeps its first, for the map).
        const text = p.text.replace(/\n\s*(?=\n)/g, "").replace(/^\n+|\n+$/g, "");
        if (text.trim() === "" && !(first && blankCell)) continue;
        if (!first) this.append("\n");
        this.mark(p.number);
        this.append(blankCell ? "" : text);
        first = false;
      }
      this.append(" |");
    }
  }

  private cellSink(into: Finished[]): Sink {
    const flow = this.flow((p) => into.push(p));
    return {
      paragraph: (p) => flow.paragraph(p),
      // A table inside a cell: its paragraphs become the cell's, in reading order.
      table: (rows) => {
        flow.flush();
        for (const row of rows) for (const cell of row) into.push(...cell);
      },
      flush: () => flow.flush(),
    };
  }

  // ---- blocks ----------------------------------------------------------------------------

  /** Paragraphs and tables until the Close of the element at `depth`. */
  private readBlocks(depth: number, sink: Sink): void {
    const s = this.scanner;
    const n = this.n;
    for (;;) {
      const t = s.next();
      if (t === Token.Close && s.depth === depth) return;
      if (t === Token.End) return;
      if (t !== Token.Open) continue;
      if (s.name === n.p) sink.paragraph(this.readParagraph());
      else if (s.name === n.tbl) this.readTable(sink);
      else if (s.name === n.del || s.name === n.moveFrom) {
        this.trackedChanges++;
        s.skipElement();
      } else if (n.transparent.has(s.name)) {
        if (s.name === n.ins || s.name === n.moveTo) this.trackedChanges++;
      } else s.skipElement();
    }
  }

  private readTable(sink: Sink): void {
    const s = this.scanner;
    const n = this.n;
    this.tables++;
    const rows: Finished[][][] = [];
    if (s.selfClosing) return;
    const depth = s.depth;
    let row: Finished[][] | undefined;
    let rowDeleted = false;
    for (;;) {
      const t = s.next();
      if (t === Token.End) break;
      if (t === Token.Close) {
        if (s.depth === depth) break;
        if (s.name === n.tr && row) {
          if (!rowDeleted) rows.push(row);
          row = undefined;
        }
        continue;
      }
      if (t !== Token.Open) continue;
      if (s.name === n.tr) {
        row = [];
        rowDeleted = false;
        if (s.selfClosing) {
          rows.push(row);
          row = undefined;
        }
      } else if (s.name === n.trPr && row) {
        // A deleted row (tracked) is gone once the deletion is accepted.
        rowDeleted = this.containsChild(n.del);
        if (rowDeleted) this.trackedChanges++;
      } else if (s.name === n.tc && row) {
        const cell: Finished[] = [];
        // The row properties come before the cells: a deleted row's cells are not read at all.
        if (rowDeleted) s.skipElement();
        else if (!s.selfClosing) {
          const cellSink = this.cellSink(cell);
          this.readBlocks(s.depth, cellSink);
          cellSink.flush();
        }
        row.push(cell);
      } else if (n.transparent.has(s.name)) {
        continue;
      } else s.skipElement();
    }
    sink.table(rows);
  }

  /** Whether the current element has a direct child of this name (consumes the element). */
  private containsChild(name: string): boolean {
    const s = this.scanner;
    if (s.selfClosing) return false;
    const depth = s.depth;
    let found = false;
    for (;;) {
      const t = s.next();
      if (t === Token.Close && s.depth === depth) return found;
      if (t === Token.End) return found;
      if (t === Token.Open) {
        if (s.depth === depth + 1 && s.name === name) found = true;
        s.skipElement();
      }
    }
  }

  // ---- paragraphs and runs ---------------------------------------------------------------

  private readParagraph(): ReadParagraph {
    const s = this.scanner;
    const n = this.n;
    const p: ReadParagraph = { text: "", joinsNext: false };
    if (s.selfClosing) return p;
    const depth = s.depth;
    const text: string[] = [];
    let breaks = 0;
    let hasText = false;
    const add = (value: string) => {
      if (value === "") return;
      if (breaks > 0 && hasText) text.push("\n".repeat(breaks));
      breaks = 0;
      text.push(value);
      hasText = true;
    };
    for (;;) {
      const t = s.next();
      if (t === Token.Close && s.depth === depth) break;
      if (t === Token.End) break;
      if (t !== Token.Open) continue;
      const name = s.name;
      if (name === n.r) {
        this.readRun(add, () => breaks++);
      } else if (name === n.pPr && s.depth === depth + 1) {
        this.readParagraphProperties(p);
      } else if (name === n.del || name === n.moveFrom) {
        this.trackedChanges++;
        s.skipElement();
      } else if (n.transparent.has(name)) {
        if (name === n.ins || name === n.moveTo) this.trackedChanges++;
      } else s.skipElement();
    }
    p.text = text.join("");
    return p;
  }

  private readParagraphProperties(p: ReadParagraph): void {
    const s = this.scanner;
    const n = this.n;
    if (s.selfClosing) return;
    const depth = s.depth;
    for (;;) {
      const t = s.next();
      if (t === Token.Close && s.depth === depth) return;
      if (t === Token.End) return;
      if (t !== Token.Open) continue;
      if (s.depth !== depth + 1) {
        s.skipElement();
        continue;
      }
      if (s.name === n.pStyle) {
        p.style = s.attr(n.val);
        s.skipElement();
      } else if (s.name === n.numPr) p.numPr = readNumPr(s, this.w);
      else if (s.name === n.rPr) {
        // The paragraph mark's own properties: deleted (tracked) or hidden, the paragraph runs on.
        const mark = this.markProperties();
        if (mark.deleted) this.trackedChanges++;
        p.joinsNext = mark.deleted || mark.hidden;
      } else s.skipElement();
    }
  }

  private get w(): string {
    return this.n.p.slice(0, -1);
  }

  private markProperties(): { deleted: boolean; hidden: boolean } {
    const s = this.scanner;
    const n = this.n;
    const result = { deleted: false, hidden: false };
    if (s.selfClosing) return result;
    const depth = s.depth;
    for (;;) {
      const t = s.next();
      if (t === Token.Close && s.depth === depth) return result;
      if (t === Token.End) return result;
      if (t !== Token.Open) continue;
      if (s.depth === depth + 1) {
        if (s.name === n.del || s.name === n.moveFrom) result.deleted = true;
        else if (s.name === n.vanish) result.hidden = isOn(s.attr(n.val));
      }
      s.skipElement();
    }
  }

  private readRun(add: (text: string) => void, lineBreak: () => void): void {
    const s = this.scanner;
    const n = this.n;
    if (s.selfClosing) return;
    const depth = s.depth;
    let hidden = false;
    for (;;) {
      const t = s.next();
      if (t === Token.Close && s.depth === depth) return;
      if (t === Token.End) return;
      if (t !== Token.Open) continue;
      const name = s.name;
      if (name === n.t) {
        if (s.selfClosing) continue;
        const tDepth = s.depth;
        let value = "";
        for (;;) {
          const u = s.next();
          if (u === Token.Close && s.depth === tDepth) break;
          if (u === Token.Text) value += s.text();
          else if (u === Token.Open) s.skipElement();
          else if (u === Token.End) break;
        }
        if (!hidden) add(value);
        continue;
      }
      if (name === n.rPr) {
        hidden = this.containsOn(n.vanish);
        continue;
      }
      if (!hidden) {
        if (name === n.tab || name === n.ptab) add("\t");
        else if (name === n.br || name === n.cr) lineBreak();
        else if (name === n.noBreakHyphen) add("-");
        else if (name === n.sym) {
          const code = Number.parseInt(s.attr(n.char) ?? "", 16);
          // Symbol-font characters (F0xx) are pictures of glyphs, not text.
          if (Number.isInteger(code) && code > 0x1f && code <= 0x10ffff && !(code >= 0xf000 && code <= 0xf0ff) && !(code >= 0xd800 && code <= 0xdfff)) add(String.fromCodePoint(code));
        } else if (name === n.ruby) {
          this.readRuby(add);
          continue;
        }
      }
      s.skipElement();
    }
  }

  /** Ruby text: the base is the text; the annotation above it is not. */
  private readRuby(add: (text: string) => void): void {
    const s = this.scanner;
    if (s.selfClosing) return;
    const depth = s.depth;
    for (;;) {
      const t = s.next();
      if (t === Token.Close && s.depth === depth) return;
      if (t === Token.End) return;
      if (t !== Token.Open) continue;
      if (s.name === this.n.rubyBase) continue;
      if (s.name === this.n.r) this.readRun(add, () => undefined);
      else s.skipElement();
    }
  }

  /** Reads a properties element: whether it holds the on/off property `name` switched on. */
  private containsOn(name: string): boolean {
    const s = this.scanner;
    if (s.selfClosing) return false;
    const depth = s.depth;
    let on = false;
    for (;;) {
      const t = s.next();
      if (t === Token.Close && s.depth === depth) return on;
      if (t === Token.End) return on;
      if (t !== Token.Open) continue;
      if (s.depth === depth + 1 && s.name === name) on = isOn(s.attr(this.n.val));
      s.skipElement();
    }
  }
}

function isOn(value: string | undefined): boolean {
  return value === undefined || !(value === "0" || value === "false" || value === "off");
}
