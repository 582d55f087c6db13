// The server's side of "Export to Word" (request gongwen/exportDocx): the check before the
// document leaves (answered as "findings" for the client to ask about), the overwrite question
// ("exists"), then the export itself, rendered in a worker thread so diagnostics keep flowing
// and the writer's memory goes when it is done.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Problem } from "../engine/rule";
import type { Language } from "../i18n";
import type { DocumentModel } from "../model/document";
import { checkTarget, docxPathFor, ExportFailure, prepareExport, renderPrepared, writeFileAtomically, type PreparedExport } from "../export/export";
import type { WriterAnswer, WriterJob } from "../export/docx-writer";
import { describeFindings, needsConfirmation, summarizeFindings, type PreflightSummary } from "../export/preflight";
import type { ExportSettings } from "../export/layout";

export const EXPORT_REQUEST = "gongwen/exportDocx";

export interface ExportParams {
  uri: string;
  /** The text as the editor has it (unsaved edits included); read from disk when absent. */
  text?: string;
  languageId?: string;
  version?: number;
  /** Absolute path of the .docx; beside the source when absent (file documents only). */
  target?: string;
  /** Replace an existing target (the user was asked). */
  overwrite?: boolean;
  /** Export although findings remain (the user was asked). */
  ignoreFindings?: boolean;
}

export type ExportAnswer =
  | { status: "findings"; message: string; summary: PreflightSummary }
  | { status: "exists"; target: string }
  | { status: "written"; target: string; bytes: number; ms: number }
  | { status: "failed"; message: string };

export interface ExportContext {
  model: DocumentModel;
  settings: ExportSettings;
  /** The findings of this version (published, or checked now). */
  problems: () => Problem[];
  language: Language;
}

/** The target file for a request, or a failure (an untitled document needs one). */
export function targetOf(params: ExportParams): string {
  if (params.target) return params.target;
  if (params.uri.startsWith("file:")) return docxPathFor(fileURLToPath(params.uri));
  throw new ExportFailure({ zh: "这个文档还没有保存为文件：请选择导出位置", en: "this document is not saved as a file: choose where to export it" }, "untitled");
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Reads a file document's text when the client did not send it (VS Code always sends it).
 * UTF-8 only: the legacy encodings' tables would double the server's bundle for a path editors
 * do not take; the CLI reads GB18030 and UTF-16 too.
 */
export function textFromDisk(uri: string): string {
  if (!uri.startsWith("file:")) throw new ExportFailure({ zh: "无法读取这个文档", en: "cannot read this document" });
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(fileURLToPath(uri));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ExportFailure({ zh: `无法读取文档：${reason}`, en: `cannot read the document: ${reason}` });
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new ExportFailure({ zh: "文档不是 UTF-8 编码：请在编辑器中打开后再导出", en: "the document is not UTF-8: open it in the editor, then export" });
  }
}

export async function exportDocument(params: ExportParams, context: ExportContext): Promise<ExportAnswer> {
  const started = performance.now();
  const language = context.language;
  try {
    const target = targetOf(params);
    const prepared = prepareExport(context.model, context.settings, params.uri.split("/").pop());
    if (!params.ignoreFindings) {
      const summary = summarizeFindings(context.model, context.problems());
      if (needsConfirmation(summary)) return { status: "findings", message: describeFindings(summary, language), summary };
    }
    // A target that cannot be written is said now, before asking whether to replace it.
    checkTarget(target);
    if (!params.overwrite && existsSync(target)) return { status: "exists", target };
    const bytes = await renderInWorker(prepared);
    writeFileAtomically(target, bytes);
    return { status: "written", target, bytes: bytes.length, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof ExportFailure ? (language === "zh" ? error.reason.zh : error.reason.en) : error instanceof Error ? error.message : String(error);
    return { status: "failed", message };
  }
}

/** The writer bundle beside the server's; absent when this code runs unbundled (tests): then in this thread. */
function writerBundle(): string | undefined {
  const path = join(__dirname, "docx-writer.js");
  return existsSync(path) ? path : undefined;
}

function renderInWorker(prepared: PreparedExport): Promise<Uint8Array> {
  const bundle = writerBundle();
  if (!bundle) return renderPrepared(prepared);
  return new Promise((resolve, reject) => {
    const worker = new Worker(bundle, { workerData: { gongwenDocxWriter: true } });
    let settled = false;
    worker.once("message", (answer: WriterAnswer) => {
      settled = true;
      void worker.terminate();
      if ("bytes" in answer) resolve(answer.bytes);
      else reject(new Error(answer.error));
    });
    worker.once("error", (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the Word writer stopped (exit code ${code})`));
      settled = true;
    });
    worker.postMessage({ plan: prepared.plan, layout: prepared.layout, meta: prepared.meta } satisfies WriterJob);
  });
}
