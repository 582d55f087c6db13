// Pages → HTML for the webview: one div per printed line with its source line (data-line, for
// scrolling with the editor), spans with their source offset (data-o, for a click to land on
// the character), findings underlined with their message as the tooltip. Only the pages the
// webview shows are turned into HTML; every page gets a key (a hash of what it prints) so the
// webview redraws only the pages that changed.

import type { Problem, Severity } from "../engine/rule";
import type { Layout } from "../export/layout";
import { sourceOf, type LaidParagraph, type LineMemo } from "./lines";
import type { PagedDocument, Page } from "./paginate";
import type { PrintedRun } from "./paragraphs";

/** A finding as the preview marks it. */
export interface PreviewFinding {
  start: number;
  end: number;
  severity: Severity;
  ruleId: string;
  message: string;
}

/** What the pages are drawn from. */
export interface RenderContext {
  paged: PagedDocument;
  layout: Layout;
  /** Source line of a source offset. */
  lineAt: (offset: number) => number;
  /** Source line of each item's block (blank lines: the block after them). */
  itemLine: (item: number) => number;
  findings: readonly PreviewFinding[];
  /** For each source offset, the index of the most severe finding covering it, or -1. */
  cover: Int32Array;
}

/** Grid lines a printed line may take (style.ts defines g2 … g6). */
export const MAX_GRID_LINES = 6;

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** The finding covering each source offset (the most severe where they overlap). */
export function coverOf(findings: readonly PreviewFinding[], length: number): Int32Array {
  const cover = new Int32Array(length).fill(-1);
  const order = findings.map((_, i) => i).sort((a, b) => SEVERITY_RANK[findings[a].severity] - SEVERITY_RANK[findings[b].severity] || a - b);
  for (const i of order) {
    const f = findings[i];
    cover.fill(i, Math.max(0, f.start), Math.min(length, Math.max(f.end, f.start + 1)));
  }
  return cover;
}

export interface PageSummary {
  number: number;
  /** Changes when anything the page prints changes. */
  key: string;
  /** Source line of the page's first printed text (-1: none). */
  line: number;
}

/** Findings that mark no printed character (on text the layout drops): shown at the line nearest them. */
export interface Summary {
  pages: PageSummary[];
  /** Printed line (by its running number) → findings marked at its start. */
  lineMarks: Map<number, number[]>;
}

const FNV_PRIME = 16777619;
const fnv = (h: number, v: number): number => Math.imul(h ^ v, FNV_PRIME) >>> 0;

function runBits(run: PrintedRun | undefined): number {
  if (!run) return 1;
  return (run.bold ? 2 : 0) | (run.italic ? 4 : 0) | (run.strike ? 8 : 0) | (run.code ? 16 : 0) | (run.link ? 32 : 0) | (run.red ? 64 : 0) | (run.element.length << 8) | (run.element.charCodeAt(run.element.length - 1) << 16);
}

/** Calls `visit` for every printed line of a page, in order, with its running number. */
function eachLine(ctx: RenderContext, page: Page, first: number, visit: (laid: LaidParagraph, line: number, serial: number) => void): number {
  let serial = first;
  for (const slice of page.slices) {
    const item = ctx.paged.items[slice.item];
    if (slice.kind === "paragraph" && item.kind === "paragraph") {
      for (let k = slice.from; k < slice.to; k++) visit(item.laid, k, serial++);
    } else if (slice.kind === "table" && item.kind === "table") {
      for (const r of slice.rows) for (const cell of item.laid.rows[r]) for (let k = 0; k < cell.lines.length; k++) visit(cell, k, serial++);
    }
  }
  return serial;
}

/** Each line's hash and source range, computed once per laid-out paragraph. */
function lineMemo(laid: LaidParagraph): LineMemo {
  if (laid.memo.lines) return laid.memo.lines;
  const n = laid.lines.length;
  const memo: LineMemo = { hash: new Uint32Array(n), first: new Int32Array(n).fill(-1), min: new Int32Array(n).fill(-1), max: new Int32Array(n).fill(-1) };
  const p = laid.para;
  laid.lines.forEach((line, k) => {
    let h = fnv(2166136261, 0x10000 + p.left + (k === 0 ? p.firstLine * 3 : 0) + p.right * 7 + (line.last ? 1 : 0) + p.gridLines * 11);
    for (let i = line.from; i < line.to; i++) {
      h = fnv(h, laid.text.charCodeAt(i));
      h = fnv(h, runBits(p.runs[laid.run[i]]));
      const o = laid.source[i];
      if (o < 0) continue;
      if (memo.first[k] < 0) memo.first[k] = o;
      if (memo.min[k] < 0 || o < memo.min[k]) memo.min[k] = o;
      if (o > memo.max[k]) memo.max[k] = o;
    }
    memo.hash[k] = h;
  });
  laid.memo.lines = memo;
  return memo;
}

/** Keys and first lines of every page, and where findings on no printed text are marked. */
export function summarize(ctx: RenderContext): Summary {
  const { cover, findings } = ctx;
  const shown = new Uint8Array(findings.length);
  const anchors: Array<{ offset: number; serial: number; page: number }> = [];
  const hashes: number[] = [];
  const firstLines: number[] = [];
  // Offsets covered by findings, counted: a line's range holds one when the count grows across it.
  const covered = new Int32Array(cover.length + 1);
  for (let o = 0; o < cover.length; o++) covered[o + 1] = covered[o] + (cover[o] >= 0 ? 1 : 0);
  let serial = 0;
  ctx.paged.pages.forEach((page, p) => {
    let h = 2166136261;
    let firstOffset = -1;
    serial = eachLine(ctx, page, serial, (laid, k, n) => {
      const memo = lineMemo(laid);
      h = fnv(h, memo.hash[k]);
      if (laid.para.tocTarget && laid.lines[k].last) h = fnv(h, ctx.paged.pageOf.get(laid.para.tocTarget) ?? 0);
      if (memo.min[k] >= 0) {
        const lo = laid.base + memo.min[k];
        const hi = laid.base + memo.max[k];
        if (covered[Math.min(cover.length, hi + 1)] - covered[Math.min(cover.length, lo)] > 0) {
          const line = laid.lines[k];
          for (let i = line.from; i < line.to; i++) {
            const o = sourceOf(laid, i);
            const f = o >= 0 ? cover[o] : -1;
            if (f >= 0) {
              shown[f] = 1;
              h = fnv(h, f + 1);
            }
          }
        }
      }
      if (memo.first[k] >= 0) {
        const lineOffset = laid.base + memo.first[k];
        anchors.push({ offset: lineOffset, serial: n, page: p });
        if (firstOffset < 0) firstOffset = lineOffset;
      }
    });
    hashes.push(h);
    firstLines.push(firstOffset >= 0 ? ctx.lineAt(firstOffset) : -1);
  });
  // A finding on no printed text marks the line printed nearest before it.
  const lineMarks = new Map<number, number[]>();
  anchors.sort((a, b) => a.offset - b.offset);
  findings.forEach((f, i) => {
    if (shown[i] || anchors.length === 0) return;
    let lo = 0;
    let hi = anchors.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (anchors[mid].offset <= f.start) lo = mid;
      else hi = mid - 1;
    }
    const anchor = anchors[lo];
    const marks = lineMarks.get(anchor.serial) ?? [];
    marks.push(i);
    lineMarks.set(anchor.serial, marks);
    hashes[anchor.page] = fnv(hashes[anchor.page], 0x20000 + i);
  });
  const pages = ctx.paged.pages.map((page, p) => ({ number: page.number, key: `${hashes[p].toString(36)}.${page.number}`, line: firstLines[p] }));
  return { pages, lineMarks };
}

const escapeText = (s: string): string => s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
const escapeAttr = (s: string): string => s.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));

/** Classes the rendered pages used that the stylesheet must define (see style.ts geometryRules). */
export interface UsedGeometry {
  indents: Set<string>;
  tabs: Set<number>;
  rightTabs: Set<number>;
}

/** The HTML of pages [from, to] (1-based, inclusive). */
export function renderPages(ctx: RenderContext, summary: Summary, from: number, to: number, used: UsedGeometry, wanted: (page: number) => boolean = () => true): Array<{ number: number; html: string }> {
  const out: Array<{ number: number; html: string }> = [];
  let serial = 0;
  const pageNumber = ctx.layout.pageNumber;
  for (const page of ctx.paged.pages) {
    if (page.number > to) break;
    if (page.number < from || !wanted(page.number)) {
      serial = eachLine(ctx, page, serial, () => {});
      continue;
    }
    const parts: string[] = ['<div class="gw-text">'];
    for (const slice of page.slices) {
      const item = ctx.paged.items[slice.item];
      if (slice.kind === "paragraph" && item.kind === "paragraph") {
        for (let k = slice.from; k < slice.to; k++) parts.push(lineHtml(ctx, item.laid, k, serial++, slice.item, summary, used));
      } else if (slice.kind === "table" && item.kind === "table") {
        const table = item.laid.table;
        const margin = `${table.cellMargin}_${table.cellMargin}`;
        used.indents.add(margin);
        parts.push(`<table class="gw-t gw-${table.role}">`);
        for (const r of slice.rows) {
          parts.push("<tr>");
          for (const cell of item.laid.rows[r]) {
            parts.push(`<td class="i${margin}">`);
            for (let k = 0; k < cell.lines.length; k++) parts.push(lineHtml(ctx, cell, k, serial++, slice.item, summary, used));
            parts.push("</td>");
          }
          parts.push("</tr>");
        }
        parts.push("</table>");
      }
    }
    parts.push("</div>");
    if (pageNumber.enabled) parts.push(`<div class="gw-num ${page.side} e-pageNumber">${escapeText(pageNumber.before)}${page.number}${escapeText(pageNumber.after)}</div>`);
    out.push({ number: page.number, html: parts.join("") });
  }
  return out;
}

function lineHtml(ctx: RenderContext, laid: LaidParagraph, k: number, serial: number, item: number, summary: Summary, used: UsedGeometry): string {
  const p = laid.para;
  const line = laid.lines[k];
  const left = p.left + (k === 0 ? p.firstLine : 0);
  const indent = `${Math.max(0, left)}_${p.right}`;
  used.indents.add(indent);
  const align = p.align === "both" ? (line.last ? "left" : "j") : p.align;
  let source = -1;
  for (let i = line.from; i < line.to && source < 0; i++) source = sourceOf(laid, i);
  const dataLine = source >= 0 ? ctx.lineAt(source) : ctx.itemLine(item);
  const parts: string[] = [];
  const rules = (side: "above" | "below", rule: string | undefined) => (rule ? `<div class="i${indent}"><div class="ru-${rule}-${side}"></div></div>` : "");
  if (k === 0 && p.borderTop) parts.push(rules("above", p.borderTop));
  parts.push(`<div class="l e-${p.element} a-${align} i${indent}${p.gridLines > 1 ? ` g${Math.min(p.gridLines, MAX_GRID_LINES)}` : ""}" data-line="${dataLine}">`);
  for (const f of summary.lineMarks.get(serial) ?? []) parts.push(findingMark(ctx.findings[f]));
  parts.push(segmentsHtml(ctx, laid, line.from, line.to, used));
  if (p.tocTarget) {
    const page = ctx.paged.pageOf.get(p.tocTarget);
    if (line.last) parts.push(`<span class="toc-page">${page ?? ""}</span>`);
  }
  parts.push("</div>");
  if (k === laid.lines.length - 1 && p.borderBottom) parts.push(rules("below", p.borderBottom));
  return parts.join("");
}

function findingMark(f: PreviewFinding): string {
  return `<span class="fm f-${f.severity}" title="${escapeAttr(`${f.message} (${f.ruleId})`)}"></span>`;
}

function segmentsHtml(ctx: RenderContext, laid: LaidParagraph, from: number, to: number, used: UsedGeometry): string {
  const { text, run } = laid;
  const p = laid.para;
  const parts: string[] = [];
  let i = from;
  let closeRight = false;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      i++;
      continue;
    }
    if (code === 0x09) {
      const x = tabStart(laid, from, i);
      const right = p.tabs.find((t) => t.at > x && t.align === "right");
      if (right && !p.tabs.some((t) => t.at > x && t.at < right.at && t.align === "left")) {
        const margin = Math.max(0, ctx.layout.textWidth - p.right - right.at);
        used.rightTabs.add(margin);
        parts.push(`<span class="rt r${margin}">`);
        closeRight = true;
      } else {
        used.tabs.add(laid.width[i]);
        parts.push(`<span class="tab t${laid.width[i]}"></span>`);
      }
      i++;
      continue;
    }
    // A segment: same run, same finding, source offsets running on without a gap.
    const r = run[i];
    const o = sourceOf(laid, i);
    const f = o >= 0 ? ctx.cover[o] : -1;
    let j = i + 1;
    while (j < to) {
      const c = text.charCodeAt(j);
      if (c === 0x0a || c === 0x09 || run[j] !== r) break;
      const oj = sourceOf(laid, j);
      if (o >= 0 ? oj !== o + (j - i) : oj >= 0) break;
      if ((oj >= 0 ? ctx.cover[oj] : -1) !== f) break;
      j++;
    }
    parts.push(spanHtml(p.runs[r], p.element, text.slice(i, j), o, f >= 0 ? ctx.findings[f] : undefined));
    i = j;
  }
  if (closeRight) parts.push("</span>");
  return parts.join("");
}

/** x (twips from the block's left edge) where the tab at `i` starts. */
function tabStart(laid: LaidParagraph, from: number, i: number): number {
  let x = laid.para.left + (from === 0 ? laid.para.firstLine : 0);
  for (let k = from; k < i; k++) x += laid.width[k];
  return x;
}

function spanHtml(run: PrintedRun | undefined, element: string, text: string, offset: number, finding: PreviewFinding | undefined): string {
  const classes: string[] = [];
  if (run) {
    if (run.element !== element) classes.push(`e-${run.element}`);
    if (run.bold) classes.push("b");
    if (run.italic) classes.push("it");
    if (run.strike) classes.push("s");
    if (run.code) classes.push("code");
    if (run.link) classes.push("u");
    if (run.red) classes.push("red");
  }
  if (finding) classes.push("f", `f-${finding.severity}`);
  const attrs = (classes.length > 0 ? ` class="${classes.join(" ")}"` : "") + (offset >= 0 ? ` data-o="${offset}"` : "") + (finding ? ` title="${escapeAttr(`${finding.message} (${finding.ruleId})`)}"` : "");
  return attrs === "" ? escapeText(text) : `<span${attrs}>${escapeText(text)}</span>`;
}

/** Problems → what the preview marks (messages in the user's language). */
export function previewFindings(problems: readonly Problem[], message: (p: Problem) => string): PreviewFinding[] {
  return problems.map((p) => ({ start: p.start, end: p.end, severity: p.severity, ruleId: p.ruleId, message: message(p) }));
}
