// Opens the sample plan (scripts/e2e/sample/) in the real workbench with the extension
// loaded and saves what a user sees to docs/images/: squiggles with a hover, the
// Problems panel, the Outline and the page preview. On the way it checks, with the mouse, what
// the extension host cannot see: a click in the preview's page moves the editor's cursor, and
// the preview comes back after the window reloads. usage: npm run screenshots (builds first)
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setup } from "./setup.mjs";
import { launchBrowser, remoteUri, startCodeServer, workbenchUrl } from "./workbench.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const scratch = join(root, ".e2e", "screenshots");
const images = join(root, "docs", "images");
const SAMPLE = "2024年工作计划.gw";
const SAMPLE_LINES = readFileSync(join(root, "scripts", "e2e", "sample", SAMPLE), "utf8").split("\n");
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
    // 4. The page preview beside the editor, tall enough for a whole page. The workbench is
    // opened again without the payload's openFile (a window told which file to open does not
    // restore its editors, and the preview's reload below is to be restored).
    const plainUrl = workbenchUrl(server, { folder: workspace, payload: [["extensionDevelopmentPath", remoteUri(server, root)]] });
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(plainUrl);
    await page.locator(".monaco-workbench .part.statusbar .statusbar-item").first().waitFor();
    await page.locator(".monaco-workbench .part.activitybar .action-item").first().waitFor();
    await runCommand(page, "View: Close All Editors");
    await page.keyboard.press("Control+P");
    await page.locator(".quick-input-widget input").fill(SAMPLE);
    await page.locator(".quick-input-list .monaco-list-row", { hasText: SAMPLE }).first().waitFor();
    await page.keyboard.press("Enter");
    await page.locator(".monaco-editor .squiggly-warning").first().waitFor();
    if (await page.locator(".part.sidebar").isVisible()) await runCommand(page, "View: Close Primary Side Bar");
    await page.locator(".monaco-editor .view-line", { hasText: "四、保障措施" }).first().click();
    await runCommand(page, "Open Preview (打开预览)");
    const preview = await previewFrame(page);
    await preview.locator(".gw-page .l", { hasText: "区统计局2024年工作计划" }).first().waitFor();
    await preview.locator(".gw-page .f").first().waitFor();
    await page.screenshot({ path: join(images, "preview.png") });

    // A click on the page moves the editor's cursor to that line (the status bar shows it).
    const heading = preview.locator(".gw-page .l", { hasText: "（二）强化队伍建设" }).first();
    await heading.click({ position: { x: 60, y: 10 } });
    const target = SAMPLE_LINES.findIndex((l) => l.startsWith("（二）强化队伍建设")) + 1;
    await page.locator(".statusbar-item", { hasText: new RegExp(`(行|Ln) ${target}[，,]`) }).first().waitFor();
    console.log(`[screenshots] a click in the preview put the cursor on line ${target}`);

    // The preview survives a reload: its serializer restores it. The workbench's own reload
    // saves the window's state (editors, webviews) before it goes.
    await runCommand(page, "Developer: Reload Window");
    await page.waitForEvent("load");
    const restored = await previewFrame(page);
    await restored.locator(".gw-page .l", { hasText: "区统计局2024年工作计划" }).first().waitFor();
    console.log("[screenshots] the preview came back after the window reloaded");
    console.log(`[screenshots] saved squiggles-hover.png, problems.png, outline.png, preview.png in ${images}`);
  } finally {
    await context?.close().catch(() => {});
    server.stop();
  }
}

/** The page preview's webview document (nested frames), once it shows pages. */
async function previewFrame(page) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator("#pages .gw-page").count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error("the page preview's webview did not appear");
    // The webview's frames attach and fill in asynchronously, inside other frames: look again shortly.
    await page.waitForTimeout(200);
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
