// Installs, idempotently, what the real-workbench e2e runner needs: Debian packages
// (chromium, CJK fonts, build headers, ripgrep) and code-server in a cache folder
// outside the repository. Safe to run on every CI build; a second run does nothing.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const CODE_SERVER_VERSION = "4.100.3";
const RIPGREP_CACHE = "vscode-ripgrep-cache-1.15.11";
const RIPGREP_TARBALL = "ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz";

/** Debian package → a file whose presence shows it is installed. */
const APT_PACKAGES = {
  chromium: "/usr/bin/chromium",
  "fonts-noto-cjk": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "libkrb5-dev": "/usr/include/gssapi/gssapi.h",
  "pkg-config": "/usr/bin/pkg-config",
  ripgrep: "/usr/bin/rg",
  "build-essential": "/usr/bin/g++",
  python3: "/usr/bin/python3",
};

export function cacheDir() {
  const base = process.env.GONGWEN_E2E_CACHE
    ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "gongwen-e2e");
  mkdirSync(base, { recursive: true });
  return base;
}

export function codeServerDir() {
  return join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server launcher script inside the cache. */
export function codeServerBin() {
  return join(codeServerDir(), "node_modules", "code-server", "out", "node", "entry.js");
}

function log(message) {
  console.log(`[e2e setup] ${message}`);
}

function ensureAptPackages() {
  const missing = Object.entries(APT_PACKAGES).filter(([, file]) => !existsSync(file)).map(([name]) => name);
  if (missing.length === 0) return;
  if (typeof process.getuid === "function" && process.getuid() !== 0) {
    throw new Error(`missing Debian packages (${missing.join(", ")}); install them as root: apt-get install ${missing.join(" ")}`);
  }
  log(`apt-get install ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], { stdio: "inherit", env });
}

/** @vscode/ripgrep's postinstall downloads from GitHub unless this tarball is cached. */
function prepareRipgrepTarball(tmpDir) {
  const dir = join(tmpDir, RIPGREP_CACHE);
  const tarball = join(dir, RIPGREP_TARBALL);
  if (existsSync(tarball)) return;
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["-czf", tarball, "-C", "/usr/bin", "rg"]);
}

function ensureCodeServer() {
  const dir = codeServerDir();
  const marker = join(dir, ".installed");
  if (existsSync(marker) && existsSync(codeServerBin())) return;
  log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (a few minutes)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "gongwen-e2e-cache", private: true }) + "\n");
  const tmpDir = mkdtempSync(join(cacheDir(), "tmp-"));
  try {
    prepareRipgrepTarball(tmpDir);
    const env = {
      ...process.env,
      TMPDIR: tmpDir,
      npm_config_unsafe_perm: "true",
      npm_config_yes: "true",
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
    };
    const result = spawnSync("npm", ["install", "--no-save", "--no-package-lock", `code-server@${CODE_SERVER_VERSION}`],
      { cwd: dir, env, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`npm install code-server failed (exit ${result.status})`);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  if (!existsSync(codeServerBin())) throw new Error(`code-server entry point not found at ${codeServerBin()}`);
  writeFileSync(marker, new Date().toISOString() + "\n");
}

export function setup() {
  ensureAptPackages();
  ensureCodeServer();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  setup();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
