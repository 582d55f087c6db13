// Bundles the e2e suite (test/e2e/*.ts) into out/e2e/, one CommonJS file per entry;
// helpers are bundled into each test; `vscode` and `mocha` stay external so the tests share the extension host's modules.
import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";

rmSync("out/e2e", { recursive: true, force: true });
const entryPoints = readdirSync("test/e2e")
  .filter((name) => name === "index.ts" || name.endsWith(".test.ts"))
  .map((name) => `test/e2e/${name}`);
await build({
  entryPoints,
  outdir: "out/e2e",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "inline",
  logLevel: "warning",
  external: ["vscode", "mocha"],
});
