// Word documents in the editor: the client shows a .docx as the read-only text of a
// `gongwen-docx:` document and asks the server for that text (`gongwen/readWordDocument`), so the
// reading happens here, in the code the CLI uses too. The reader is loaded on the first request.

import { fileURLToPath } from "node:url";
import type { Connection } from "vscode-languageserver/node";
import { WORD_TEXT_SCHEME } from "../docx/names";
import type { DocxMessage } from "../docx/errors";

export const READ_WORD_DOCUMENT = "gongwen/readWordDocument";

export interface ReadWordDocumentParams {
  /** The Word document's own URI (file:). */
  uri: string;
}

export type ReadWordDocumentResult =
  | { text: string; paragraphs: number; tables: number; trackedChanges: number }
  | { error: DocxMessage; code: string };

/** Whether a document is the text of a Word document (read-only: no fixes, no completion). */
export function isWordTextUri(uri: string): boolean {
  return uri.startsWith(WORD_TEXT_SCHEME + ":");
}

/**
 * The Word document a `gongwen-docx:` text comes from, as a file: URI (its settings and
 * .gongwenrc.json are those of that file); undefined for other documents.
 */
export function wordSourceUri(uri: string): string | undefined {
  if (!isWordTextUri(uri)) return undefined;
  const rest = uri.slice(WORD_TEXT_SCHEME.length + 1);
  return rest.startsWith("//") ? "file:" + rest : "file://" + rest;
}

export async function readWordDocument(params: unknown): Promise<ReadWordDocumentResult> {
  const uri = (params as Partial<ReadWordDocumentParams> | null)?.uri;
  let path: string;
  try {
    if (typeof uri !== "string" || !uri.startsWith("file:")) throw new Error("not a file");
    path = fileURLToPath(uri);
  } catch {
    return { code: "not-a-file", error: { zh: "只能读取本机磁盘上的 Word 文档", en: "only Word documents on disk can be read" } };
  }
  const { DocxError, readWordFile } = await import("../docx/read");
  try {
    const word = await readWordFile(path);
    return { text: word.text, paragraphs: word.paragraphCount, tables: word.tables, trackedChanges: word.trackedChanges };
  } catch (error) {
    if (error instanceof DocxError) return { code: error.code, error: error.text };
    const detail = error instanceof Error ? error.message : String(error);
    return { code: "internal", error: { zh: `读取时出错：${detail}`, en: `reading failed: ${detail}` } };
  }
}

export function registerWordDocuments(connection: Connection): void {
  connection.onRequest(READ_WORD_DOCUMENT, async (params: unknown) => {
    const result = await readWordDocument(params);
    if ("code" in result && result.code === "internal") connection.console.error(`gongwen: ${result.error.en}`);
    return result;
  });
}
