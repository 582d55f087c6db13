// Runs the e2e suite (out/e2e/index.js) inside a real VS Code workbench here: installs
// what is missing (setup.mjs), starts code-server and headless Chromium, loads the
// extension and the suite through the workbench `payload`, and exits with the suite's code.
//
// usage: node scripts/e2e/run.mjs [--grep PATTERN]   (build first: npm run e2e does)
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setup } from "./setup.mjs";
import { launchBrowser, remoteUri, startCodeServer, withTimeout, workbenchUrl } from "./workbench.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const scratch = join(root, ".e2e", "run");
/** Workbench chatter shown only with GONGWEN_E2E_VERBOSE=1. */
const NOISE = /^(Creating a socket|Resolving connection token|Resolved connection token|Ignoring fetching additional builtin|\[Service Worker\]|ChatSessionStore|Updating additional builtin)/;
const VERBOSE = process.env.GONGWEN_E2E_VERBOSE === "1";
const SUITE_TIMEOUT_MS = Number(process.env.GONGWEN_E2E_TIMEOUT_MS ?? 10 * 60_000);

function parseArgs(argv) {
  const options = { grep: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--grep") options.grep = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  for (const file of ["dist/extension.js", "dist/server.js", "out/e2e/index.js"]) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run npm run build and node scripts/e2e/build.mjs (npm run e2e does both)`);
  }
  setup();

  const started = Date.now();
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  // The suite edits files and workspace settings: give it a fresh copy every run.
  const workspace = join(scratch, "workspace");
  cpSync(join(root, "test", "e2e", "workspace"), workspace, { recursive: true });

  const server = await startCodeServer({
    scratch: join(scratch, "code-server"),
    env: { GONGWEN_E2E: "1", ...(options.grep ? { GONGWEN_E2E_GREP: options.grep } : {}) },
  });
  let context;
  try {
    context = await launchBrowser({ profileDir: join(scratch, "chromium") });
    const page = context.pages()[0] ?? await context.newPage();
    let settle;
    const exitCode = new Promise((resolve) => { settle = resolve; });
    // The workbench reports the extension host's console and the suite's result here.
    await page.exposeFunction("codeAutomationLog", (level, message) => {
      const text = String(message);
      if (!VERBOSE && NOISE.test(text)) return;
      if (level >= 3) console.error(text); else console.log(text);
    });
    await page.exposeFunction("codeAutomationExit", (code) => settle(Number(code)));
    page.on("pageerror", (error) => console.error(`[workbench] ${error.message}`));
    const url = workbenchUrl(server, {
      folder: workspace,
      payload: [
        ["extensionDevelopmentPath", remoteUri(server, root)],
        ["extensionTestsPath", remoteUri(server, join(root, "out", "e2e", "index.js"))],
      ],
    });
    console.log(`[e2e] workbench ${server.origin} (code-server log: ${server.logFile})`);
    await page.goto(url);
    const code = await withTimeout(exitCode, SUITE_TIMEOUT_MS, "the e2e suite did not finish");
    console.log(`[e2e] suite exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await context?.close().catch(() => {});
    server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  },
);
