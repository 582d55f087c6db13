// Loads the Word writer on first use. In the built server and CLI it is a bundle of its own
// (dist/docx-writer.js, with the docx package), so neither starts slower for carrying it;
// scripts/build.mjs keeps this import out of their bundles.

import type * as Writer from "./docx-writer";

let loading: Promise<typeof Writer> | undefined;

export function loadDocxWriter(): Promise<typeof Writer> {
  loading ??= import("./docx-writer").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
