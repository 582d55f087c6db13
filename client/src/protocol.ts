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
} as const;

export interface DocumentCommandArgs {
  uri: string;
  version: number;
}
