// Bundles the client, the server and the CLI with esbuild (one file each in dist/).
import { build } from "esbuild";

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
};

/**
 * The Word writer (with the docx package, about 1 MB) is a bundle of its own, loaded on first
 * export: the server and the CLI keep their `import("./docx-writer")` as a run-time import of
 * dist/docx-writer.js instead of carrying the writer.
 */
const lazyWriter = {
  name: "lazy-docx-writer",
  setup(b) {
    b.onResolve({ filter: /^\.\/docx-writer$/ }, () => ({ path: "./docx-writer.js", external: true }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] }),
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server.js", plugins: [lazyWriter] }),
  build({ ...common, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" }, plugins: [lazyWriter] }),
  // Minified: a worker loads it afresh for each first export, and parsing is most of that.
  build({ ...common, entryPoints: ["server/src/export/docx-writer.ts"], outfile: "dist/docx-writer.js", minify: true }),
]);
