// The custom requests and server commands the client uses, as the server defines them. Plain
// method names, no vscode-languageclient values: this file loads before the client library.

export interface DocumentStatsParams {
  uri: string;
}

export interface DocumentStats {
  /** Characters of the document, whitespace included. */
  characters: number;
  /** 字数 as offices count it: characters without whitespace. */
  charactersWithoutSpaces: number;
  /** Number of problems the server reports for the document. */
  findings: number;
  /** False when the server leaves the document alone (e.g. plain text without Chinese). */
  checked?: boolean;
}

export const DOCUMENT_STATS_METHOD = "gongwen/documentStats";

/** Server-side commands (workspace/executeCommand); arguments: [{ uri, version }]. */
export const ServerCommands = {
  fixAll: "gongwen.server.fixAll",
  renumber: "gongwen.server.renumber",
  /** Offered as a quick fix; arguments: [{ uri, version, ruleId }]. */
  fixRule: "gongwen.server.fixRule",
} as const;

export interface DocumentCommandArgs {
  uri: string;
  version: number;
}

/** The scheme of the read-only text of a Word document (`gongwen-docx:` + the file's path). */
export const WORD_TEXT_SCHEME = "gongwen-docx";

export interface ReadWordDocumentParams {
  /** The Word document's file: URI. */
  uri: string;
}

export type ReadWordDocumentResult =
  | { text: string; paragraphs: number; tables: number; trackedChanges: number }
  | { error: { zh: string; en: string }; code: string };

/** The server reads the Word document and returns its text, one line per paragraph. */
export const READ_WORD_DOCUMENT_METHOD = "gongwen/readWordDocument";
/** gongwen/exportDocx: the server checks, then writes the .docx (server/src/lsp/export.ts). */
export interface ExportParams {
  uri: string;
  text?: string;
  languageId?: string;
  version?: number;
  target?: string;
  overwrite?: boolean;
  ignoreFindings?: boolean;
}

export interface ExportSummary {
  total: number;
  kinds: Array<{ ruleId: string; name: { zh: string; en: string }; count: number }>;
  first?: { line: number; character: number; endLine: number; endCharacter: number; ruleId: string };
  untitled: boolean;
}

export type ExportAnswer =
  | { status: "findings"; message: string; summary: ExportSummary }
  | { status: "exists"; target: string }
  | { status: "written"; target: string; bytes: number; ms: number }
  | { status: "failed"; message: string };

export const EXPORT_DOCX_METHOD = "gongwen/exportDocx";
