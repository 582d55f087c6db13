// Loads the page preview's layout on the first preview request. In the built server it is a
// bundle of its own (dist/preview-pages.js): scripts/build.mjs keeps this import out of
// dist/server.js, so the server starts no slower and carries no preview code until one opens.

import type * as Service from "./service";

let loading: Promise<typeof Service> | undefined;

export function loadPreview(): Promise<typeof Service> {
  loading ??= import("./service").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
