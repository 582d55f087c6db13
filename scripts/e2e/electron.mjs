// Runs the same e2e suite in desktop VS Code downloaded by @vscode/test-electron, for
// machines with internet (here the download fails; use scripts/e2e/run.mjs).
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runTests } from "@vscode/test-electron";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const scratch = join(root, ".e2e", "electron");
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const workspace = join(scratch, "workspace");
cpSync(join(root, "test", "e2e", "workspace"), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.GONGWEN_E2E_VSCODE_VERSION ?? "1.100.3",
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, "out", "e2e", "index.js"),
    launchArgs: [workspace, "--disable-extensions", "--disable-workspace-trust", "--user-data-dir", join(scratch, "user-data")],
    extensionTestsEnv: { GONGWEN_E2E: "1" },
  });
} catch (error) {
  console.error(`[e2e] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
