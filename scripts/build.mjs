// Bundles the client, the server, the CLI and the Word export with esbuild (dist/).
import { build } from "esbuild";
import { join } from "node:path";

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // Minified (less to read and compile at startup, a smaller package); names kept, so the
  // stack traces in the output channel still say which function failed. The maps stay in dist/.
  minify: true,
  keepNames: true,
  sourcemap: true,
  logLevel: "warning",
};

/**
 * The Word writer (with the docx package, about 1 MB) and the export pipeline are bundles of their
 * own, loaded on first export: the server and the CLI keep `import("./docx-writer")` and
 * `import("./pipeline")` as run-time imports of dist/docx-writer.js and dist/export-pipeline.js.
 */
const lazyWriter = {
  name: "lazy-export",
  setup(b) {
    b.onResolve({ filter: /^\.\/docx-writer$/ }, () => ({ path: "./docx-writer.js", external: true }));
    // The export pipeline (plan, Markdown runs, title wrapping) likewise: dist/export-pipeline.js.
    b.onResolve({ filter: /^\.\/pipeline$/ }, (args) => (args.importer.endsWith("load-pipeline.ts") ? { path: "./export-pipeline.js", external: true } : undefined));
    // The page preview's layout: dist/preview-pages.js, loaded on the first preview request.
    b.onResolve({ filter: /^\.\/service$/ }, (args) => (args.importer.endsWith(join("preview", "load.ts")) ? { path: "./preview-pages.js", external: true } : undefined));
  },
};

/**
 * The page preview's extension side is a bundle of its own too (dist/preview.js), loaded the
 * first time a preview opens: client/src/preview/register.ts keeps `import("./index")` as a
 * run-time import. Its webview's script and stylesheet go to dist/media/, the one folder the
 * webview may load from.
 */
const lazyPreview = {
  name: "lazy-preview",
  setup(b) {
    b.onResolve({ filter: /^\.\/index$/ }, (args) => (args.importer.endsWith(join("preview", "register.ts")) ? { path: "./preview.js", external: true } : undefined));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"], plugins: [lazyPreview] }),
  build({ ...common, entryPoints: ["client/src/preview/index.ts"], outfile: "dist/preview.js", external: ["vscode"] }),
  build({ ...common, platform: "browser", format: "iife", target: "chrome120", entryPoints: ["client/src/preview/webview/main.ts"], outfile: "dist/media/preview.js" }),
  build({ ...common, platform: "browser", target: "chrome120", entryPoints: ["client/src/preview/webview/preview.css"], outfile: "dist/media/preview.css" }),
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server.js", plugins: [lazyWriter] }),
  build({ ...common, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" }, plugins: [lazyWriter] }),
  // Minified: a worker loads it afresh for each first export, and parsing is most of that.
  build({ ...common, entryPoints: ["server/src/export/docx-writer.ts"], outfile: "dist/docx-writer.js", minify: true }),
  build({ ...common, entryPoints: ["server/src/export/pipeline.ts"], outfile: "dist/export-pipeline.js", plugins: [lazyWriter] }),
  build({ ...common, entryPoints: ["server/src/preview/service.ts"], outfile: "dist/preview-pages.js" }),
]);
