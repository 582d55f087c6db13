// Smoke test of the packaged extension: installs gongwen.vsix (npm run package) into an
// empty extensions folder of code-server, opens the sample plan as a user would, and
// checks that squiggles and the status bar item (字数, 问题) appear. usage: npm run e2e:vsix
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { codeServerBin, setup } from "./setup.mjs";
import { launchBrowser, remoteUri, startCodeServer, workbenchUrl } from "./workbench.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const scratch = join(root, ".e2e", "vsix");
const vsix = join(root, "gongwen.vsix");
const sample = join(root, "scripts", "e2e", "sample");

async function main() {
  if (!existsSync(vsix)) throw new Error("gongwen.vsix is missing: run npm run package");
  setup();
  rmSync(scratch, { recursive: true, force: true });
  const extensions = join(scratch, "extensions");
  mkdirSync(extensions, { recursive: true });
  const configFile = join(scratch, "install-config.yaml");
  writeFileSync(configFile, "auth: none\n"); // without a config file code-server writes one into ~/.config
  execFileSync(process.execPath, [codeServerBin(), "--config", configFile, "--extensions-dir", extensions, "--install-extension", vsix], {
    stdio: "inherit",
    env: { ...process.env, XDG_CONFIG_HOME: join(scratch, "xdg-config"), XDG_DATA_HOME: join(scratch, "xdg-data") },
  });

  const server = await startCodeServer({ scratch: join(scratch, "code-server"), extensionsDir: extensions, settings: { "gongwen.locale": "zh-cn" } });
  let context;
  try {
    context = await launchBrowser({ profileDir: join(scratch, "chromium") });
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(workbenchUrl(server, {
      folder: sample,
      payload: [["openFile", remoteUri(server, join(sample, "2024年工作计划.gw"))]],
    }));
    await page.waitForFunction(() => document.querySelectorAll(".monaco-editor .squiggly-warning").length >= 5);
    // The status bar follows the diagnostics: 字数 and the number of problems (问题).
    const item = page.locator(".statusbar-item", { hasText: /字数 \d+ · 问题 5/ }).first();
    await item.waitFor();
    const status = await item.textContent();
    console.log(`[vsix] installed gongwen.vsix works: squiggles shown, status bar "${status?.trim()}"`);
  } finally {
    await context?.close().catch(() => {});
    server.stop();
  }
}

main().catch((error) => {
  console.error(`[vsix] ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
