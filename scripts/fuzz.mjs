// `npm run fuzz`: bundles the soak run (test/fuzz/soak.ts) and runs it; arguments pass through
// (--minutes N, --seed S). Exits non-zero when a property fails.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";

await build({
  entryPoints: ["test/fuzz/soak.ts"],
  outfile: "out/fuzz/soak.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "inline",
  logLevel: "warning",
});
const run = spawnSync(process.execPath, ["--enable-source-maps", "out/fuzz/soak.js", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(run.status ?? 1);
