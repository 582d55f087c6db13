// A real VS Code workbench without internet: code-server (from the e2e cache) in its own
// process group with scratch config/data dirs, and headless Debian Chromium driven by
// playwright-core. Shared by the test runner and the screenshot script.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { codeServerBin } from "./setup.mjs";

export const CHROMIUM = process.env.GONGWEN_E2E_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Rejects after `ms` with `message` unless `promise` settles first. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (timed out after ${ms / 1000} s)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Starts code-server on a free port. `scratch` receives its config, user data, extensions
 * and log; `settings` become the user settings; `extensionsDir` holds installed
 * extensions (default: an empty folder in `scratch`). Resolves when it listens.
 */
export async function startCodeServer({ scratch, settings = {}, env = {}, extensionsDir }) {
  rmSync(scratch, { recursive: true, force: true });
  const dirs = {
    config: join(scratch, "xdg-config"),
    data: join(scratch, "xdg-data"),
    cache: join(scratch, "xdg-cache"),
    userData: join(scratch, "user-data"),
    extensions: extensionsDir ?? join(scratch, "extensions"),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, "User"), { recursive: true });
  writeFileSync(join(dirs.userData, "User", "settings.json"), JSON.stringify({
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "security.workspace.trust.enabled": false,
    "git.enabled": false,
    "window.restoreWindows": "none",
    ...settings,
  }, null, 2));
  const port = await freePort();
  const configFile = join(scratch, "config.yaml");
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    codeServerBin(),
    "--config", configFile,
    "--bind-addr", `127.0.0.1:${port}`,
    "--auth", "none",
    "--user-data-dir", dirs.userData,
    "--extensions-dir", dirs.extensions,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--ignore-last-opened",
  ];
  const logFile = join(scratch, "code-server.log");
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, args, {
    detached: true, // its own process group, ended as a whole in stop()
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      EXTENSIONS_GALLERY: "{}",
      ...env,
    },
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const listening = new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      if (seen.includes("HTTP server listening on")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`code-server exited with ${code} before listening; see ${logFile}`)));
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
    }
    log.end();
  };
  try {
    await withTimeout(listening, 60_000, "code-server did not start");
  } catch (error) {
    stop();
    throw error;
  }
  return { port, origin: `http://127.0.0.1:${port}`, authority: `127.0.0.1:${port}`, logFile, stop };
}

/** The workbench URL opening `folder`, with `payload` pairs (see REAL-VSCODE.md). */
export function workbenchUrl(server, { folder, payload = [] }) {
  const url = new URL(server.origin + "/");
  if (folder) url.searchParams.set("folder", folder);
  if (payload.length > 0) url.searchParams.set("payload", JSON.stringify(payload));
  return url.toString();
}

/** A `vscode-remote://` URI for a path on the code-server machine. */
export function remoteUri(server, path) {
  return `vscode-remote://${server.authority}${path}`;
}

/** Headless Chromium with a fresh profile in `profileDir`. */
export async function launchBrowser({ profileDir, viewport = { width: 1400, height: 900 } }) {
  rmSync(profileDir, { recursive: true, force: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: "en-US",
  });
}
