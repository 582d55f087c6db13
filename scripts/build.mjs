// Bundles the client, the server, the CLI and the Word export with esbuild (dist/).
import { build } from "esbuild";

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
  },
};

await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] }),
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server.js", plugins: [lazyWriter] }),
  build({ ...common, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" }, plugins: [lazyWriter] }),
  // Minified: a worker loads it afresh for each first export, and parsing is most of that.
  build({ ...common, entryPoints: ["server/src/export/docx-writer.ts"], outfile: "dist/docx-writer.js", minify: true }),
  build({ ...common, entryPoints: ["server/src/export/pipeline.ts"], outfile: "dist/export-pipeline.js", plugins: [lazyWriter] }),
]);
