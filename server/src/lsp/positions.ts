// Offsets ↔ LSP positions over the model's lines (UTF-16 code units, as LSP counts).

import type { Position, Range } from "vscode-languageserver";
import type { DocumentModel } from "../model/document";
import { lineOfOffset } from "../model/offsets";

export function positionAt(model: DocumentModel, offset: number): Position {
  const line = lineOfOffset(model, offset);
  const l = model.lines[line];
  return { line, character: Math.min(offset, l.end) - l.start };
}

export function rangeOf(model: DocumentModel, start: number, end: number): Range {
  return { start: positionAt(model, start), end: positionAt(model, end) };
}

export function offsetAt(model: DocumentModel, position: Position): number {
  const l = model.lines[Math.max(0, Math.min(position.line, model.lines.length - 1))];
  if (position.line >= model.lines.length) return model.text.length;
  if (position.line < 0) return 0;
  return l.start + Math.max(0, Math.min(position.character, l.end - l.start));
}
