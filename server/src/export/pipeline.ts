// The export pipeline: the model → the plan → the writer's bytes. A bundle of its own in the
// built server and CLI (dist/export-pipeline.js, loaded on the first export with load-pipeline.ts),
// as the writer is (dist/docx-writer.js): neither starts slower for carrying them.

import type { DocumentModel } from "../model/document";
import { planExport, type ExportPlan } from "./blocks";
import type { DocxMeta } from "./docx-writer";
import { ExportFailure } from "./files";
import { resolveLayout, type ExportSettings, type Layout } from "./layout";
import { loadDocxWriter } from "./load-writer";

export interface RenderedDocx {
  bytes: Uint8Array;
  plan: ExportPlan;
}

/** What the writer needs: the plan, the layout and the file's properties. */
export interface PreparedExport {
  plan: ExportPlan;
  layout: Layout;
  meta: DocxMeta;
}

/** The plan of a document's export; an empty document is refused. */
export function prepareExport(model: DocumentModel, settings: ExportSettings, sourceName?: string): PreparedExport {
  if (model.text.trim() === "") throw new ExportFailure({ zh: "文档为空，没有可导出的内容", en: "the document is empty: nothing to export" }, "empty");
  const layout = resolveLayout(settings);
  const plan = planExport(model, {
    newPagePerDocument: settings.newPagePerDocument,
    tableOfContents: settings.tableOfContents,
    titleCharsPerLine: Math.floor(layout.textWidth / Math.max(1, Math.round(settings.titleSizePt * 20))),
  });
  if (plan.empty) throw new ExportFailure({ zh: "文档中没有可打印的正文（只有空行和标记）", en: "the document has no printable text (only blank lines and markup)" }, "empty");
  const title = plan.sections.flatMap((s) => s.blocks).find((b) => b.kind === "title");
  return { plan, layout, meta: { title: title?.kind === "title" ? title.lines.join("") : undefined, subject: sourceName } };
}

/** Renders in this thread, loading the writer on first use. */
export async function renderPrepared(prepared: PreparedExport): Promise<Uint8Array> {
  const writer = await loadDocxWriter();
  return writer.renderDocx(prepared.plan, prepared.layout, prepared.meta);
}

/** The document as .docx bytes. */
export async function renderModel(model: DocumentModel, settings: ExportSettings, sourceName?: string): Promise<RenderedDocx> {
  const prepared = prepareExport(model, settings, sourceName);
  return { bytes: await renderPrepared(prepared), plan: prepared.plan };
}

