// The heading tree as document symbols (Outline, breadcrumbs) and the section folding ranges.

import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from "vscode-languageserver";
import type { DocumentModel, Heading, SubDocument } from "../model/document";
import { rangeOf } from "./positions";

const MAX_NAME = 60;

function headingName(model: DocumentModel, h: Heading): string {
  const marker = model.text.slice(h.marker.start, h.marker.end);
  const text = h.text.length > MAX_NAME ? h.text.slice(0, MAX_NAME) + "…" : h.text;
  return (marker + text).trim() || marker;
}

/** A 公文 element as an outline entry: name, kind, first and last line. */
interface ElementEntry {
  name: string;
  kind: SymbolKind;
  startLine: number;
  endLine: number;
}

function shortened(text: string): string {
  return text.length > MAX_NAME ? text.slice(0, MAX_NAME) + "…" : text;
}

/**
 * The elements around the body — 主送机关, 附件说明, 落款 (署名 and 成文日期), 版记 — as
 * entries of the document's outline, so the breadcrumb on the date line reads 落款 and not the
 * last section (sections end with the body: SubDocument.bodyEndLine).
 */
function elementEntries(d: SubDocument): ElementEntry[] {
  const e = d.elements;
  const entries: ElementEntry[] = [];
  if (e.addressee) entries.push({ name: shortened(e.addressee.text), kind: SymbolKind.Interface, startLine: e.addressee.line, endLine: e.addressee.line });
  if (e.attachments) {
    const first = e.attachments.items[0];
    entries.push({ name: shortened(first ? `附件：${first.name}${e.attachments.items.length > 1 ? " …" : ""}` : "附件"), kind: SymbolKind.Package, startLine: e.attachments.startLine, endLine: e.attachments.endLine });
  }
  const signOff = [...e.signature, ...(e.date ? [e.date] : [])];
  if (signOff.length > 0) {
    entries.push({ name: shortened("落款：" + signOff.map((l) => l.text).join(" ")), kind: SymbolKind.Key, startLine: signOff[0].line, endLine: signOff[signOff.length - 1].line });
  }
  if (e.colophon) entries.push({ name: "版记", kind: SymbolKind.Object, startLine: e.colophon.startLine, endLine: e.colophon.endLine });
  return entries;
}

export function documentSymbols(model: DocumentModel): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const docSymbols: (DocumentSymbol | undefined)[] = model.documents.map((d) => {
    if (d.titleLine < 0) return undefined;
    const line = model.lines[d.titleLine];
    let endLine = d.endLine;
    while (endLine > d.startLine && model.lines[endLine].kind === "blank") endLine--;
    const symbol: DocumentSymbol = {
      name: d.title || model.text.slice(line.contentStart, line.contentEnd),
      kind: SymbolKind.File,
      range: rangeOf(model, line.start, model.lines[endLine].end),
      selectionRange: rangeOf(model, line.contentStart, line.contentEnd),
      children: [],
    };
    roots.push(symbol);
    return symbol;
  });
  const symbols: DocumentSymbol[] = [];
  for (const h of model.headings) {
    const line = model.lines[h.line];
    const end = model.lines[h.sectionEndLine];
    const symbol: DocumentSymbol = {
      name: headingName(model, h),
      kind: h.rank < 1 ? SymbolKind.Module : h.rank < 2 ? SymbolKind.Namespace : h.rank < 3 ? SymbolKind.Class : h.rank < 4 ? SymbolKind.Method : SymbolKind.Field,
      range: rangeOf(model, line.start, end.end),
      selectionRange: rangeOf(model, line.start, line.end),
      children: [],
    };
    symbols.push(symbol);
    if (h.parent >= 0) symbols[h.parent].children!.push(symbol);
    else {
      const doc = docSymbols[h.document];
      if (doc) doc.children!.push(symbol);
      else roots.push(symbol);
    }
  }
  for (const d of model.documents) {
    const parent = docSymbols[d.index];
    const list = parent ? parent.children! : roots;
    for (const entry of elementEntries(d)) {
      const first = model.lines[entry.startLine];
      const last = model.lines[entry.endLine];
      list.push({ name: entry.name, kind: entry.kind, range: rangeOf(model, first.start, last.end), selectionRange: rangeOf(model, first.contentStart, first.contentEnd), children: [] });
    }
    // In the order of the text: the 主送机关 before the first section, the sign-off after the last.
    list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
  return roots;
}

export function foldingRanges(model: DocumentModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  // A compilation (汇编) folds each document under its title. A single document's title would
  // fold everything, so that "Fold All" hid every heading: there the sections are the top level.
  const titled = model.documents.filter((d) => d.titleLine >= 0);
  for (const d of titled.length > 1 ? titled : []) {
    let end = d.endLine;
    while (end > d.titleLine && model.lines[end].kind === "blank") end--;
    if (end > d.titleLine) ranges.push({ startLine: d.titleLine, endLine: end });
  }
  for (const h of model.headings) {
    if (h.sectionEndLine > h.line) ranges.push({ startLine: h.line, endLine: h.sectionEndLine });
  }
  for (const t of model.tocs) {
    if (t.endLine > t.captionLine) ranges.push({ startLine: t.captionLine, endLine: t.endLine, kind: FoldingRangeKind.Region });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
