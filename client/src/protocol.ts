// The custom requests and server commands the client uses, as the server defines them.
import { RequestType } from "vscode-languageclient/node";

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

export const documentStatsRequest = new RequestType<DocumentStatsParams, DocumentStats, void>("gongwen/documentStats");

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
