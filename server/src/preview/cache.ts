// Laid-out paragraphs kept from one render to the next: typing changes one paragraph, the
// others are laid out as before, only where they start in the text moved (their source offsets
// are relative to their block's start). A block is reused when its source text and what the
// writer makes of it (the printed paragraphs' properties and runs) are the same as last time.

import type { LaidParagraph, LaidTable } from "./lines";
import type { Printed, PrintedParagraph } from "./paragraphs";

export type LaidGroupItem = { kind: "paragraph"; laid: LaidParagraph } | { kind: "table"; laid: LaidTable };

export class LayoutCache {
  private previous = new Map<string, LaidGroupItem[]>();
  private current = new Map<string, LaidGroupItem[]>();

  /** A new render: what the last one laid out may be taken again; what neither uses is let go. */
  begin(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** The group laid out under `key`, its source offsets now counted from `base`. */
  take(key: string, base: number): LaidGroupItem[] | undefined {
    const kept = this.previous.get(key) ?? this.current.get(key);
    if (!kept) return undefined;
    this.current.set(key, kept);
    const first = kept[0];
    if (!first || (first.kind === "paragraph" ? first.laid.base : first.laid.rows[0]?.[0]?.base) === base) return kept;
    return kept.map((item) => (item.kind === "paragraph" ? { kind: "paragraph", laid: { ...item.laid, base } } : { kind: "table", laid: { ...item.laid, rows: item.laid.rows.map((row) => row.map((cell) => ({ ...cell, base }))) } }));
  }

  put(key: string, items: LaidGroupItem[]): void {
    this.current.set(key, items);
  }
}

/**
 * What decides a block's layout besides its source text: each printed paragraph's properties and
 * its runs' looks and lengths (their text comes from the source). Cheaper than serialising it all.
 */
export function layoutSignature(items: readonly Printed[]): string {
  const parts: Array<string | number> = [];
  const paragraph = (p: PrintedParagraph) => {
    parts.push(p.role, p.element, p.align, p.left, p.right, p.firstLine, p.gridLines, p.ruleAbove, p.ruleBelow, `${+p.keepNext}${+p.keepLines}${+p.pageBreakBefore}`, p.borderTop ?? "", p.borderBottom ?? "", p.bullet ?? "");
    for (const t of p.tabs) parts.push(t.align, t.at);
    for (const r of p.runs) parts.push(`${r.element}${r.break ? "b" : ""}${r.bold ? "B" : ""}${r.italic ? "I" : ""}${r.strike ? "S" : ""}${r.code ? "C" : ""}${r.link ? "L" : ""}${r.red ? "R" : ""}`, r.text.length, r.text.length < 8 ? r.text : "");
    parts.push(";");
  };
  for (const item of items) {
    if (item.kind === "paragraph") paragraph(item);
    else {
      parts.push(item.role, item.columnWidth, item.cellMargin, item.ruleTop, item.ruleInside, item.ruleBottom, +item.header, +item.keepTogether);
      for (const row of item.rows) {
        parts.push("|");
        for (const cell of row) paragraph(cell);
      }
    }
  }
  return parts.join(",");
}
