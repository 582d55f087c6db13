// The heading tree as document symbols (Outline, breadcrumbs) and the section folding ranges.

import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from "vscode-languageserver";
import type { DocumentModel, Heading } from "../model/document";
import { rangeOf } from "./positions";

const MAX_NAME = 60;

function headingName(model: DocumentModel, h: Heading): string {
  const marker = model.text.slice(h.marker.start, h.marker.end);
  const text = h.text.length > MAX_NAME ? h.text.slice(0, MAX_NAME) + "…" : h.text;
  return (marker + text).trim() || marker;
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
