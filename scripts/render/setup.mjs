// Installs, idempotently, what the render test needs: LibreOffice Writer without a GUI, poppler
// (pdftotext, pdftoppm) and free CJK fonts to stand in for the office fonts. Safe to run on
// every CI build; a second run does nothing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Debian package → a file whose presence shows it is installed. */
const APT_PACKAGES = {
  "libreoffice-writer-nogui": "/usr/lib/libreoffice/program/libswlo.so",
  "poppler-utils": "/usr/bin/pdftotext",
  "fonts-noto-cjk": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "fonts-arphic-gkai00mp": "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
  // Metric-compatible with Times New Roman, the Latin face of the export.
  "fonts-liberation2": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
};

function log(message) {
  console.log(`[render setup] ${message}`);
}

export function setupRender() {
  const missing = Object.entries(APT_PACKAGES).filter(([, file]) => !existsSync(file)).map(([name]) => name);
  if (missing.length === 0) return;
  if (typeof process.getuid === "function" && process.getuid() !== 0) {
    throw new Error(`missing Debian packages (${missing.join(", ")}); install them as root: apt-get install --no-install-recommends ${missing.join(" ")}`);
  }
  log(`apt-get install ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], { stdio: "inherit", env });
  const still = Object.entries(APT_PACKAGES).filter(([, file]) => !existsSync(file));
  if (still.length > 0) throw new Error(`installed, but not found: ${still.map(([n, f]) => `${n} (${f})`).join(", ")}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  setupRender();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
