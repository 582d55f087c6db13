// A paragraph of word/document.xml: its runs' text (tabs, breaks, symbols, ruby bases), as
// Word shows it with tracked changes accepted (insertions in, deletions and moves away out),
// its numbering and style, and whether its mark is gone (deleted or hidden): then its text runs
// on into the next paragraph. Hidden text, field codes, note and comment marks, pictures, text
// boxes and equations are left out.

import { readNumPr, type NumPr } from "./numbering";
import { Token, type XmlScanner } from "./xml";

export interface ReadParagraph {
  text: string;
  numPr?: NumPr;
  style?: string;
  /** The paragraph mark is deleted (tracked) or hidden: the text runs on into the next paragraph. */
  joinsNext: boolean;
}

/** Names of WordprocessingML elements with the part's prefix. */
export function namesFor(w: string) {
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

export type Names = ReturnType<typeof namesFor>;

export class ParagraphReader {
  /** Insertions, deletions, moves and deleted marks met so far. */
  trackedChanges = 0;

  constructor(
    private readonly scanner: XmlScanner,
    private readonly n: Names,
    /** The WordprocessingML prefix ("w:"). */
    private readonly w: string,
  ) {}

  /** Reads a w:p (the scanner stands on its Open token). */
  read(): ReadParagraph {
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
