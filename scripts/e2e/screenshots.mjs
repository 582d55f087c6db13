// Opens the sample plan (scripts/e2e/sample/) in the real workbench with the extension
// loaded and saves what a user sees to docs/images/: squiggles with a hover, the
// Problems panel and the Outline. usage: npm run screenshots (builds first)
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setup } from "./setup.mjs";
import { launchBrowser, remoteUri, startCodeServer, workbenchUrl } from "./workbench.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const scratch = join(root, ".e2e", "screenshots");
const images = join(root, "docs", "images");
const SAMPLE = "2024年工作计划.gw";
const WAIT_MS = 30_000;

async function main() {
  setup();
  rmSync(scratch, { recursive: true, force: true });
  const workspace = join(scratch, "workspace");
  cpSync(join(root, "scripts", "e2e", "sample"), workspace, { recursive: true });
  mkdirSync(images, { recursive: true });

  const server = await startCodeServer({
    scratch: join(scratch, "code-server"),
    settings: {
      "gongwen.locale": "zh-cn",
      "workbench.colorTheme": "Default Light Modern",
      "editor.fontFamily": "'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace",
      "editor.fontSize": 15,
      "editor.minimap.enabled": false,
      "workbench.editor.enablePreview": false,
      "chat.commandCenter.enabled": false,
      "workbench.secondarySideBar.defaultVisibility": "hidden",
    },
  });
  let context;
  try {
    context = await launchBrowser({ profileDir: join(scratch, "chromium"), viewport: { width: 1280, height: 760 } });
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(workbenchUrl(server, {
      folder: workspace,
      payload: [
        ["extensionDevelopmentPath", remoteUri(server, root)],
        ["openFile", remoteUri(server, join(workspace, SAMPLE))],
      ],
    }));

    // 1. Squiggles and the hover of the numbering gap (四、 where 三、 belongs).
    const squiggle = page.locator(".monaco-editor .squiggly-warning");
    await squiggle.first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll(".monaco-editor .squiggly-warning").length >= 5);
    const line = page.locator(".monaco-editor .view-line", { hasText: "四、保障措施" });
    const box = await line.boundingBox();
    if (!box) throw new Error("the line 四、保障措施 is not visible");
    await page.mouse.move(box.x + 8, box.y + box.height / 2);
    await page.locator(".monaco-hover .hover-contents").first().waitFor();
    // The hover fades in: wait for its animations to finish before taking the picture.
    await page.waitForFunction(() => {
      const contents = [...document.querySelectorAll(".monaco-hover .hover-contents")].find((e) => e.getClientRects().length > 0);
      for (let e = contents; e; e = e.parentElement) {
        if (getComputedStyle(e).opacity !== "1" || e.getAnimations().some((a) => a.playState === "running")) return false;
      }
      return contents !== undefined;
    });
    await page.screenshot({ path: join(images, "squiggles-hover.png") });
    await page.mouse.move(5, 5);
    await page.keyboard.press("Escape");

    // 2. The Problems panel.
    await runCommand(page, "View: Focus Problems");
    await page.locator(".markers-panel .monaco-list-row").nth(4).waitFor();
    await page.screenshot({ path: join(images, "problems.png") });
    await runCommand(page, "Hide Panel");

    // 3. The Outline view, fully expanded.
    await runCommand(page, "Explorer: Focus on Outline View");
    // Collapse the file list so the Outline gets the whole side bar.
    await page.locator(".sidebar .pane-header").first().click();
    await page.locator(".outline-pane .monaco-list-row", { hasText: "四、保障措施" }).waitFor();
    await page.screenshot({ path: join(images, "outline.png") });
    console.log(`[screenshots] saved squiggles-hover.png, problems.png, outline.png in ${images}`);
  } finally {
    await context?.close().catch(() => {});
    server.stop();
  }
}

/** Runs a command by its label through the command palette. */
async function runCommand(page, label) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`>${label}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: label }).first().waitFor();
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
}

main().catch((error) => {
  console.error(`[screenshots] ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
