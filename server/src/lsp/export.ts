// The server's side of "Export to Word" (request gongwen/exportDocx): the check before the
// document leaves (answered as "findings" for the client to ask about), the overwrite question
// ("exists"), then the export itself, rendered in a worker thread so diagnostics keep flowing
// and the writer's memory goes when it is done.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Problem, Rule } from "../engine/rule";
import type { Language } from "../i18n";
import type { DocumentModel } from "../model/document";
import { checkTarget, docxPathFor, ExportFailure, isExportFailure, writeFileAtomically } from "../export/files";
import { loadExportPipeline } from "../export/load-pipeline";
import type { PreparedExport } from "../export/pipeline";
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
  /** The rules that made them (the preflight names each kind). */
  rules: readonly Rule<object>[];
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
    const pipeline = await loadExportPipeline();
    const prepared = pipeline.prepareExport(context.model, context.settings, params.uri.split("/").pop());
    if (!params.ignoreFindings) {
      const summary = summarizeFindings(context.model, context.problems(), context.rules);
      if (needsConfirmation(summary)) return { status: "findings", message: describeFindings(summary, language), summary };
    }
    // A target that cannot be written is said now, before asking whether to replace it.
    checkTarget(target);
    if (!params.overwrite && existsSync(target)) return { status: "exists", target };
    const bytes = await renderInWorker(prepared, context.model.text.length, pipeline.renderPrepared);
    writeFileAtomically(target, bytes);
    return { status: "written", target, bytes: bytes.length, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = isExportFailure(error) ? error.reason[language] : error instanceof Error ? error.message : String(error);
    return { status: "failed", message };
  }
}

/** The writer bundle beside the server's; absent when this code runs unbundled (tests): then in this thread. */
function writerBundle(): string | undefined {
  const path = join(__dirname, "docx-writer.js");
  return existsSync(path) ? path : undefined;
}

/** A worker kept this long after an export, so the next one finds the writer loaded and warm. */
const WORKER_IDLE_MS = 60_000;
/** After a document this large (characters) the worker goes at once: its heap grew with it. */
const WORKER_KEEP_BELOW = 1_000_000;

/**
 * The writer's worker thread: started on the first export, one job at a time, ended when idle
 * for a minute or after a very large document. It never keeps the server process alive.
 */
class WriterWorker {
  private worker: Worker | undefined;
  private idle: NodeJS.Timeout | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  private queue: Promise<unknown> = Promise.resolve();

  render(bundle: string, prepared: PreparedExport, size: number): Promise<Uint8Array> {
    const run = this.queue.then(() => this.run(bundle, prepared, size));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private start(bundle: string): Worker {
    const worker = new Worker(bundle, { workerData: { gongwenDocxWriter: true } });
    worker.unref();
    worker.on("message", (answer: WriterAnswer) => {
      const waiter = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (!waiter) return;
      if ("bytes" in answer) waiter.resolve(answer.bytes);
      else waiter.reject(new Error(answer.error));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the Word writer stopped (exit code ${code})`)));
    return worker;
  }

  private async run(bundle: string, prepared: PreparedExport, size: number): Promise<Uint8Array> {
    if (this.idle) clearTimeout(this.idle);
    this.worker ??= this.start(bundle);
    const worker = this.worker;
    const id = this.nextId++;
    try {
      return await new Promise<Uint8Array>((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        worker.postMessage({ id, plan: prepared.plan, layout: prepared.layout, meta: prepared.meta } satisfies WriterJob);
      });
    } finally {
      if (size >= WORKER_KEEP_BELOW) this.stop();
      else {
        this.idle = setTimeout(() => this.stop(), WORKER_IDLE_MS);
        this.idle.unref();
      }
    }
  }

  stop(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

const writerWorker = new WriterWorker();

/** Renders in the writer's worker (in this thread where there is no bundle). */
function renderInWorker(prepared: PreparedExport, size: number, inThisThread: (p: PreparedExport) => Promise<Uint8Array>): Promise<Uint8Array> {
  const bundle = writerBundle();
  return bundle ? writerWorker.render(bundle, prepared, size) : inThisThread(prepared);
}
