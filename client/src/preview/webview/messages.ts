// The messages between the extension (client/src/preview/panel.ts) and the preview's webview.
// Shared by both sides' code; type declarations only.

export interface PageInfo {
  number: number;
  /** Changes when what the page prints changes. */
  key: string;
  /** Source line of its first printed text (-1: none). */
  line: number;
}

/** The extension tells the webview. */
export type ToWebview =
  /** The document's pages (every page's key; the HTML of those that changed in view). */
  | { type: "update"; uri: string; version: number; pages: PageInfo[]; css: string; html: Array<{ number: number; key: string; html: string }>; empty?: string; labels: Labels }
  /** The HTML of pages asked for (scrolled into view). */
  | { type: "html"; version: number; html: Array<{ number: number; key: string; html: string }> }
  /** Show this source line at the top (the editor scrolled). */
  | { type: "scroll"; line: number }
  /** A status line (the server is not running, the document was closed). */
  | { type: "status"; text: string }
  /** e2e: click the first printed line of this source line, as a user would. */
  | { type: "testClick"; line: number }
  /** e2e: scroll to this source line as a user would (reported back as the reader's scroll). */
  | { type: "testScroll"; line: number };

/** User-facing words the webview shows, in the user's language. */
export interface Labels {
  page: string;
  findings: string;
}

/** The webview tells the extension. */
export type FromWebview =
  | { type: "ready" }
  /** Pages [from, to] are in view or close to it: their HTML is wanted (those not drawn with `keys`). */
  | { type: "view"; from: number; to: number; keys: Record<number, string> }
  /** The user scrolled the preview: this source line is at its top. */
  | { type: "scrolled"; line: number }
  /** A click on the page: the source offset under the pointer, or the line. */
  | { type: "click"; offset?: number; line: number }
  /** What was drawn (the e2e suite reads it through a test command). */
  | { type: "drawn"; version: number; pages: number; drawn: Array<{ number: number; key: string; text: string; findings: number }>; drawMs: number };

/** What the webview keeps across reloads (getState/setState) and the serializer restores. */
export interface PreviewState {
  uri: string;
  line: number;
}
