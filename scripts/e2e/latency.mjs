// File open → first squiggle in the real workbench, cold each time, and where the time goes:
// the extension host starting, our activation event, activate(), the language server ready,
// the first diagnostics, the squiggle drawn. usage:
//   node scripts/e2e/latency.mjs [--runs N] [--files plan.txt,plan.gw,plan.md] [--vsix] [--extension DIR]
// (--vsix: the packaged extension installed as a user has it; else the built dist/ of this tree,
// or of DIR, e.g. an older build to compare with). Build first.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { codeServerBin, setup } from "./setup.mjs";
import { launchBrowser, remoteUri, startCodeServer, workbenchUrl } from "./workbench.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const scratch = join(root, ".e2e", "latency");

function parseArgs(argv) {
  const options = { runs: 3, files: ["plan.txt", "plan.gw", "plan.md"], vsix: false, extension: root };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") options.runs = Number(argv[++i]);
    else if (argv[i] === "--files") options.files = argv[++i].split(",");
    else if (argv[i] === "--vsix") options.vsix = true;
    else if (argv[i] === "--extension") options.extension = resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return options;
}

/** Every file under `dir` (the workbench's logs). */
function walk(dir, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else found.push(path);
  }
  return found;
}

/** A log line's local timestamp ("2026-12-02 08:48:44.048 [info] …") as epoch milliseconds. */
function stamp(line) {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
  return m ? new Date(`${m[1]}T${m[2]}`).getTime() : undefined;
}

async function once(file, { vsix, extensions, extension }) {
  const dir = join(scratch, "run");
  rmSync(dir, { recursive: true, force: true });
  const workspace = join(dir, "workspace");
  cpSync(join(root, "test", "e2e", "workspace"), workspace, { recursive: true });
  const server = await startCodeServer({ scratch: join(dir, "code-server"), extensionsDir: vsix ? extensions : undefined });
  let context;
  const at = {};
  try {
    context = await launchBrowser({ profileDir: join(dir, "chromium") });
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(120_000);
    const payload = [["openFile", remoteUri(server, join(workspace, file))]];
    if (!vsix) payload.unshift(["extensionDevelopmentPath", remoteUri(server, extension)]);
    at.open = Date.now();
    await page.goto(workbenchUrl(server, { folder: workspace, payload }));
    await page.locator(".monaco-workbench").waitFor();
    at.workbench = Date.now();
    await page.locator(".monaco-editor .view-line").first().waitFor();
    at.text = Date.now();
    await page.locator(".monaco-editor .squiggly-warning").first().waitFor();
    at.squiggle = Date.now();
    // The output channel reaches its log file a moment later.
    const logDir = join(dir, "code-server", "user-data", "logs");
    for (let waited = 0; waited < 3000 && !walk(logDir).some((f) => f.includes("公文助手 Gongwen") && readFileSync(f, "utf8").includes("startup (")); waited += 100) {
      await new Promise((done) => setTimeout(done, 100));
    }
  } finally {
    await context?.close().catch(() => {});
    server.stop();
  }
  const logs = walk(join(dir, "code-server", "user-data", "logs"));
  const host = logs.find((f) => f.endsWith("remoteexthost.log"));
  for (const line of host ? readFileSync(host, "utf8").split("\n") : []) {
    if (at.host === undefined && line.includes("Extension host with pid")) at.host = stamp(line);
    const activation = /_doActivateExtension gongwen\.gongwen, .*activationEvent: '([^']+)'/.exec(line);
    if (activation && at.event === undefined) {
      at.event = stamp(line);
      at.eventName = activation[1];
    }
  }
  const output = logs.find((f) => f.includes("公文助手 Gongwen"));
  const startup = output && /startup \(ms since the extension host started at (\d+)\): activated (\d+), server started (\d+), server ready (\d+), first diagnostics (\d+)/.exec(readFileSync(output, "utf8"));
  if (startup) {
    const origin = Number(startup[1]);
    [at.activate, at.starting, at.ready, at.diagnostics] = startup.slice(2).map((v) => origin + Number(v));
  }
  const rel = (t) => (t === undefined ? undefined : t - at.open);
  return {
    file,
    event: at.eventName,
    workbench: rel(at.workbench), text: rel(at.text), host: rel(at.host), activationEvent: rel(at.event),
    activate: rel(at.activate), serverReady: rel(at.ready), firstDiagnostics: rel(at.diagnostics), squiggle: rel(at.squiggle),
    ours: at.diagnostics !== undefined && at.event !== undefined ? at.diagnostics - at.event : undefined,
    eventToSquiggle: at.event !== undefined ? at.squiggle - at.event : undefined,
  };
}

const median = (values) => {
  const v = values.filter((x) => x !== undefined).sort((a, b) => a - b);
  return v.length === 0 ? undefined : v[Math.floor((v.length - 1) / 2)];
};

async function main() {
  const options = parseArgs(process.argv.slice(2));
  setup();
  mkdirSync(scratch, { recursive: true });
  let extensions;
  if (options.vsix) {
    const vsix = join(root, "gongwen.vsix");
    if (!existsSync(vsix)) throw new Error("gongwen.vsix is missing: run npm run package");
    extensions = join(scratch, "extensions");
    rmSync(extensions, { recursive: true, force: true });
    const config = join(scratch, "install-config.yaml");
    writeFileSync(config, "auth: none\n");
    execFileSync(process.execPath, [codeServerBin(), "--config", config, "--extensions-dir", extensions, "--install-extension", vsix], {
      stdio: "ignore",
      env: { ...process.env, XDG_CONFIG_HOME: join(scratch, "xdg-config"), XDG_DATA_HOME: join(scratch, "xdg-data") },
    });
  }
  const results = [];
  for (let run = 0; run < options.runs; run++) {
    for (const file of options.files) {
      const r = await once(file, { vsix: options.vsix, extensions, extension: options.extension });
      results.push(r);
      console.log(JSON.stringify(r));
    }
  }
  const columns = ["workbench", "text", "host", "activationEvent", "activate", "serverReady", "firstDiagnostics", "squiggle", "ours", "eventToSquiggle"];
  console.log(`\nmedians over ${options.runs} cold start(s), ms after the page was asked for (ours: activation event → first diagnostics)`);
  console.log(["file", ...columns].join("\t"));
  for (const file of options.files) {
    const mine = results.filter((r) => r.file === file);
    console.log([file, ...columns.map((c) => median(mine.map((r) => r[c])) ?? "?")].join("\t"));
  }
}

main().catch((error) => {
  console.error(`[latency] ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
