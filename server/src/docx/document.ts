// word/document.xml → plain text, one line per paragraph, as Word shows the document with all
// tracked changes accepted: runs, tabs and breaks; automatic numbering as its text; tables as
// rows of cells ("| 序号 | 任务 |", a cell's further paragraphs on lines of their own, so the
// model reads them as a table and numbers in cells are never headings), except one-column
// tables, which are boxes around text (the 版记) and read as paragraphs. Left out, as they are
// not part of the running text: deleted text, hidden text, field codes, footnote and comment
// marks (their text lives in other parts), text boxes, pictures, equations; headers and footers
// are other parts and are not read at all.

import { NumberingState, styleNumPr, type Styles } from "./numbering";
import { namesFor, ParagraphReader, type Names, type ReadParagraph } from "./paragraph";
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

interface Finished {
  text: string;
  number: number;
}

/** Where finished paragraphs go: the body's lines, or a table cell. */
interface Sink {
  paragraph(p: ReadParagraph): void;
  table(rows: Finished[][][]): void;
  /** A run of joined paragraphs left open at the end of a container becomes a paragraph. */
  flush(): void;
}

export class DocumentReader {
  private readonly n: Names;
  private readonly paragraphs: ParagraphReader;
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
    this.paragraphs = new ParagraphReader(scanner, this.n, w);
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
      trackedChanges: this.trackedChanges + this.paragraphs.trackedChanges,
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
      if (s.name === n.p) sink.paragraph(this.paragraphs.read());
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
}
