// The paragraphs of a document model as the detector's items.

import type { DocumentModel } from "../../model/document";
import type { DuplicateItem } from "./types";

/**
 * The paragraphs of a model as duplicate items (source 0 unless given). Titles and short
 * headings of their own line repeat legitimately across the documents of a compilation ("一、工作目标")
 * and parallel headings share most of their wording, so they only count as exact repeats
 * inside their own document; body paragraphs (and run-in headings) are compared everywhere.
 */
export function paragraphItems(model: DocumentModel, source = 0): DuplicateItem[] {
  return model.paragraphs.map((p): DuplicateItem => {
    const length = p.visibleLength;
    const kind = model.lines[p.startLine].kind;
    const standalone = kind === "title" || (p.heading >= 0 && model.headings[p.heading].standalone);
    return standalone ? { source, text: p.normalized, length, near: false, scope: p.document } : { source, text: p.normalized, length };
  });
}
