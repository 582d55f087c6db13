// The printed paragraphs → A4 pages, as a word processor fills them: every line exactly one
// line pitch (the export's exact spacing), 22 to a page; a paragraph splits anywhere (widow
// control is off in the export), except one kept together; a chain of keep-with-next
// paragraphs (headings, titles, the sign-off) moves to the next page when it and the first line
// after it do not fit in what is left; table rows never split and a header row repeats; a
// document of a compilation starts a new page. Page numbers alternate sides (GB/T 9704 7.5).

import type { Block } from "../export/blocks";
import type { Layout } from "../export/layout";
import { layParagraph, type LaidParagraph, type LaidTable, type MeasureOptions } from "./lines";

export type { LaidTable } from "./lines";
import type { PrintedGroup, PrintedTable } from "./paragraphs";
import { SourceAligner } from "./source-map";
import { layoutSignature, type LaidGroupItem, type LayoutCache } from "./cache";

export type LaidItem = { kind: "paragraph"; laid: LaidParagraph; group: number } | { kind: "table"; laid: LaidTable; group: number };

/** Part of a paragraph on one page: lines [from, to). */
export interface ParagraphSlice {
  kind: "paragraph";
  item: number;
  from: number;
  to: number;
}

/** Rows of a table on one page (a repeated header row first, when there is one). */
export interface TableSlice {
  kind: "table";
  item: number;
  rows: number[];
  /** The table's top rule is on this page. */
  top: boolean;
}

export type Slice = ParagraphSlice | TableSlice;

export interface Page {
  /** 1-based. */
  number: number;
  side: "odd" | "even";
  slices: Slice[];
  /** Twips of the text block used. */
  used: number;
}

export interface PagedDocument {
  items: LaidItem[];
  pages: Page[];
  /** The page each block starts on (title blocks for the contents). */
  pageOf: Map<Block, number>;
}

/** Lays out the groups' lines and fills pages with them. */
export function paginate(groups: readonly PrintedGroup[], layout: Layout, sourceText: string, lineStarts: (line: number) => number, options: MeasureOptions = {}, cache?: LayoutCache): PagedDocument {
  cache?.begin();
  const items = layItems(groups, layout, sourceText, lineStarts, options, cache);
  const pages = fillPages(items, layout);
  const pageOf = new Map<Block, number>();
  for (const page of pages) {
    for (const slice of page.slices) {
      const block = groups[items[slice.item].group].block;
      if (block && !pageOf.has(block)) pageOf.set(block, page.number);
    }
  }
  return { items, pages, pageOf };
}

function layItems(groups: readonly PrintedGroup[], layout: Layout, sourceText: string, lineStarts: (line: number) => number, options: MeasureOptions, cache: LayoutCache | undefined): LaidItem[] {
  const items: LaidItem[] = [];
  groups.forEach((group, g) => {
    const block = group.block;
    const from = block ? lineStarts(block.line) : 0;
    const to = block ? lineStarts(("endLine" in block ? block.endLine : block.line) + 1) : 0;
    // Contents entries print other blocks' page numbers: laid out afresh each time.
    const key = cache && block && !group.items.some((i) => i.kind === "paragraph" && i.tocTarget) ? `${sourceText.slice(from, to)}\u0000${layoutSignature(group.items)}` : undefined;
    const kept = key !== undefined ? cache!.take(key, from) : undefined;
    if (kept) {
      for (const item of kept) items.push({ ...item, group: g });
      return;
    }
    // One aligner per block: its paragraphs, rows and cells come in source order.
    const aligner = block ? new SourceAligner(sourceText, from, to) : undefined;
    const laid: LaidGroupItem[] = group.items.map((item) =>
      item.kind === "paragraph"
        ? { kind: "paragraph", laid: layParagraph(item, layout, layout.textWidth, item.tocTarget ? undefined : aligner, options, from) }
        : { kind: "table", laid: layTable(item, layout, aligner, options, from) },
    );
    if (key !== undefined) cache!.put(key, laid);
    for (const item of laid) items.push({ ...item, group: g });
  });
  return items;
}

function layTable(table: PrintedTable, layout: Layout, aligner: SourceAligner | undefined, options: MeasureOptions, base: number): LaidTable {
  const inner = table.columnWidth - 2 * table.cellMargin;
  const rows = table.rows.map((row) => row.map((cell) => layParagraph(cell, layout, inner, aligner, options, base)));
  const heights = rows.map((row, r) => Math.max(1, ...row.map((c) => c.lines.length)) * layout.line + (r === rows.length - 1 ? table.ruleBottom : table.ruleInside));
  return { table, rows, heights };
}

function paragraphHeight(laid: LaidParagraph, layout: Layout): number {
  return laid.para.ruleAbove + laid.lines.length * laid.para.gridLines * layout.line + laid.para.ruleBelow;
}

function itemHeight(item: LaidItem, layout: Layout): number {
  if (item.kind === "table") return item.laid.table.ruleTop + item.laid.heights.reduce((a, b) => a + b, 0);
  return paragraphHeight(item.laid, layout);
}

const breaksBefore = (item: LaidItem): boolean => item.kind === "paragraph" && item.laid.para.pageBreakBefore;
const keepsNext = (item: LaidItem | undefined): boolean => (item?.kind === "paragraph" && item.laid.para.keepNext) || (item?.kind === "table" && item.laid.table.keepTogether);
const keepsTogether = (item: LaidItem): boolean => (item.kind === "paragraph" ? item.laid.para.keepLines : item.laid.table.keepTogether);

/**
 * Fills pages. Keep rules as LibreOffice applies them to the export (measured: see
 * docs/preview.md): an item kept together or kept with the next one moves whole to the next page
 * when it does not fit in what is left (and fits on a page); when an item cannot start on the page
 * after a chain of keep-with-next items, the chain moves with it, unless the chain already starts
 * the page (then moving would not help, and the keep gives way).
 */
function fillPages(items: readonly LaidItem[], layout: Layout): Page[] {
  const H = layout.textHeight;
  const pages: Page[] = [newPage(1)];
  let page = pages[0];
  const turn = () => {
    page = newPage(pages.length + 1);
    pages.push(page);
  };
  /** The chain of keep-with-next items on this page: where it starts and the page before it. */
  let chain: { index: number; slices: number; used: number; atTop: boolean } | undefined;
  let i = 0;
  while (i < items.length) {
    const item = items[i];
    if (page.used > 0 && breaksBefore(item)) {
      turn();
      chain = undefined;
    }
    const height = itemHeight(item, layout);
    // Kept with the next: LibreOffice does not split it while moving it helps, even when it is longer than a page.
    const whole = (item.kind === "paragraph" && item.laid.para.keepNext) || (keepsTogether(item) && height <= H);
    const head = whole ? height : headHeight(item, layout);
    if (page.used > 0 && page.used + head > H) {
      if (chain && !chain.atTop) {
        // The chain moves to the next page with the item that cannot follow it here.
        page.slices.length = chain.slices;
        page.used = chain.used;
        i = chain.index;
        chain = undefined;
        turn();
        continue;
      }
      if (whole) turn();
    }
    const startPage = page;
    const startSlices = page.slices.length;
    const startUsed = page.used;
    if (item.kind === "paragraph") placeParagraph(item.laid, i, () => page, turn, layout);
    else placeTable(item.laid, i, () => page, turn, H);
    if (!keepsNext(item)) chain = undefined;
    else if (page !== startPage) chain = { index: i, slices: 0, used: 0, atTop: true };
    else if (!chain) chain = { index: i, slices: startSlices, used: startUsed, atTop: startUsed === 0 };
    i++;
  }
  return pages;
}

/** Height of an item's first line with a top rule's space (what must fit for it to start on a page). */
function headHeight(item: LaidItem, layout: Layout): number {
  if (item.kind === "table") return item.laid.table.ruleTop + (item.laid.heights[0] ?? 0);
  return item.laid.para.ruleAbove + item.laid.para.gridLines * layout.line;
}

/** A paragraph's lines, as many on each page as fit (widow control is off in the export). */
function placeParagraph(laid: LaidParagraph, index: number, current: () => Page, turn: () => void, layout: Layout): void {
  const H = layout.textHeight;
  const p = laid.para;
  const L = layout.line * p.gridLines;
  let line = 0;
  while (line < laid.lines.length) {
    const page = current();
    const above = line === 0 ? p.ruleAbove : 0;
    let room = Math.floor((H - page.used - above) / L);
    if (room <= 0 && page.used > 0) {
      turn();
      continue;
    }
    room = Math.max(1, room);
    const to = Math.min(laid.lines.length, line + room);
    page.slices.push({ kind: "paragraph", item: index, from: line, to });
    page.used += above + (to - line) * L + (to === laid.lines.length ? p.ruleBelow : 0);
    line = to;
  }
}

/** A table's rows: a row never splits; the header row repeats on each page the table continues on. */
function placeTable(t: LaidTable, index: number, current: () => Page, turn: () => void, H: number): void {
  let slice: TableSlice | undefined;
  for (let r = 0; r < t.heights.length; r++) {
    let page = current();
    const h = t.heights[r];
    const need = (slice ? 0 : t.table.ruleTop) + h;
    if (page.used > 0 && page.used + need > H) {
      turn();
      page = current();
      slice = undefined;
    }
    if (!slice) {
      slice = { kind: "table", item: index, rows: [], top: r === 0 };
      page.slices.push(slice);
      page.used += t.table.ruleTop;
      if (r > 0 && t.table.header) {
        slice.rows.push(0);
        page.used += t.heights[0];
      }
    }
    slice.rows.push(r);
    page.used += h;
  }
}

function newPage(number: number): Page {
  return { number, side: number % 2 === 1 ? "odd" : "even", slices: [], used: 0 };
}
