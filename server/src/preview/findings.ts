// The findings the preview marks. Diagnostics trail the text (they are debounced), the preview
// follows each keystroke: between the two, the last published findings are carried over to the
// new text where the lines around them did not change (shifted when lines were added or
// removed above them), and dropped inside the edited stretch until the next check publishes.

import type { Problem } from "../engine/rule";
import type { DocumentModel } from "../model/document";
import { lineOfOffset } from "../model/offsets";

interface Published {
  model: DocumentModel;
  problems: readonly Problem[];
}

/** Published findings moved from `from`'s text onto `to`'s: kept where their lines are unchanged. */
export function carryOver(from: DocumentModel, problems: readonly Problem[], to: DocumentModel): Problem[] {
  const a = from.lines;
  const b = to.lines;
  let prefix = 0;
  const most = Math.min(a.length, b.length);
  while (prefix < most && a[prefix].text === b[prefix].text && a[prefix].breakEnd === b[prefix].breakEnd) prefix++;
  let suffix = 0;
  while (suffix < most - prefix && a[a.length - 1 - suffix].text === b[b.length - 1 - suffix].text) suffix++;
  const shiftFrom = a.length - suffix;
  const out: Problem[] = [];
  for (const p of problems) {
    const first = lineOfOffset(from, p.start);
    const last = lineOfOffset(from, Math.max(p.start, p.end - 1));
    if (last < prefix) out.push(p);
    else if (first >= shiftFrom) {
      const delta = b[first - a.length + b.length].start - a[first].start;
      out.push({ ...p, start: p.start + delta, end: p.end + delta });
    }
  }
  return out;
}

/** Per document, the last findings published with the text they were found in. */
export class PreviewFindings {
  private readonly published = new Map<string, Published>();
  /** The last carry-over, per document: asked again for the same text, the same array answers. */
  private readonly carried = new Map<string, { model: DocumentModel; from: Published; problems: Problem[] }>();

  /** The server published `problems` for `model` (kept only for documents being previewed). */
  publish(model: DocumentModel, problems: readonly Problem[]): void {
    if (this.published.has(model.uri)) this.published.set(model.uri, { model, problems });
  }

  /** Starts keeping a document's findings (its preview opened). */
  watch(uri: string, model: DocumentModel, problems: readonly Problem[] | undefined): void {
    const kept = this.published.get(uri);
    if (problems) this.published.set(uri, { model, problems });
    else if (!kept) this.published.set(uri, { model, problems: [] });
  }

  forget(uri: string): void {
    this.published.delete(uri);
    this.carried.delete(uri);
  }

  /** The findings to mark on `model`: its own when published, else the last ones carried over. */
  for(model: DocumentModel): { problems: readonly Problem[]; current: boolean } {
    const kept = this.published.get(model.uri);
    if (!kept) return { problems: [], current: false };
    if (kept.model === model || kept.model.version === model.version) return { problems: kept.problems, current: true };
    const carried = this.carried.get(model.uri);
    if (carried && carried.model === model && carried.from === kept) return { problems: carried.problems, current: false };
    const problems = carryOver(kept.model, kept.problems, model);
    this.carried.set(model.uri, { model, from: kept, problems });
    return { problems, current: false };
  }
}
