// Bundles every test file under test/ (except the e2e suite, which runs inside VS Code)
// into out/test/, one bundle per file, for node's built-in test runner.
import { build } from "esbuild";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

function collect(dir, found = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "fixtures" && name !== "e2e") collect(path, found);
    } else if (name.endsWith(".test.ts")) found.push(path);
  }
  return found;
}

rmSync("out/test", { recursive: true, force: true });
const entryPoints = collect("test");
await build({
  entryPoints,
  outdir: "out/test",
  outbase: "test",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "inline",
  logLevel: "warning",
  external: ["vscode"],
});
