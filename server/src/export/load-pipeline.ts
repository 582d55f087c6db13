// Loads the export pipeline on first use (scripts/build.mjs makes "./pipeline" a run-time import
// of dist/export-pipeline.js in the server's and the CLI's bundles).

import type * as Pipeline from "./pipeline";

let loading: Promise<typeof Pipeline> | undefined;

export function loadExportPipeline(): Promise<typeof Pipeline> {
  loading ??= import("./pipeline").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
