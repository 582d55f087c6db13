// The page preview's request as the server and its clients name it, apart from the preview's code
// (server/src/preview/service.ts, a bundle of its own loaded on the first request: load.ts).

export const PREVIEW_REQUEST = "gongwen/previewPages";

export interface PreviewParams {
  uri: string;
  /** The version the client shows; answered for the server's current one (said in the answer). */
  version?: number;
  /** Pages (1-based, inclusive) whose HTML is wanted; none when absent. */
  from?: number;
  to?: number;
  /** Keys of the pages the client holds (page number → key): their HTML is not sent again while the key is the same. */
  known?: Record<number, string>;
}
