// The render test (npm run test:render, run by .ci/run): exports real documents with the CLI,
// has LibreOffice print them to PDF and measures the pages with pdftotext -bbox-layout:
// a full page holds 22 lines at the exact pitch, a full line 28 characters, and every page
// number sits 7 mm under the text block, right on odd pages and left on even ones, one
// character in. Keeps the first page of the example plan as docs/images/export-page.png.
// LibreOffice is not Word: the XML assertions of the unit tests stay the primary gate.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setupRender } from "./setup.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const PT_PER_MM = 72 / 25.4;
/** The default layout (server/src/export/layout.ts), in points. */
const LAYOUT = { top: 37 * PT_PER_MM, bottom: 35 * PT_PER_MM, left: 28 * PT_PER_MM, right: 26 * PT_PER_MM, line: 28.95, lines: 22, chars: 28, numberOffset: 7 * PT_PER_MM, numberChar: 14 };
// Two real compilations (33 pages, a few seconds in LibreOffice) and the example plan for the picture.
const DOCUMENTS = ["test/fixtures/corpus/plans-2023q2.txt", "test/fixtures/corpus/plans-2024.txt", "examples/clean-plan.txt"];
const IMAGE_FROM = "clean-plan";
const IMAGE = join(root, "docs", "images", "export-page.png");

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

/** Pages of `pdftotext -bbox-layout`: size and lines (box and text). */
function readPages(pdf) {
  const xml = execFileSync("pdftotext", ["-bbox-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const pages = [];
  for (const page of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">(.*?)<\/page>/gs)) {
    const lines = [];
    for (const line of page[3].matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/line>/gs)) {
      const words = [...line[5].matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((w) => ({ xMin: +w[1], xMax: +w[2], text: w[3] }));
      lines.push({ xMin: +line[1], yMin: +line[2], xMax: +line[3], yMax: +line[4], text: words.map((w) => w.text).join(""), words });
    }
    pages.push({ width: +page[1], height: +page[2], lines });
  }
  return pages;
}

const CJK_ONLY = /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…·]+$/;
const IDEOGRAPH = /^[\u4e00-\u9fff]$/;

function checkDocument(name, pages) {
  const blockTop = LAYOUT.top;
  const blockBottom = pages[0].height - LAYOUT.bottom;
  const left = LAYOUT.left;
  const right = pages[0].width - LAYOUT.right;
  let fullPages = 0;
  let fullLines = 0;
  pages.forEach((page, index) => {
    const number = index + 1;
    // Lines of the block, one per baseline (a table row's cells are one line).
    const body = page.lines.filter((l) => l.yMin >= blockTop - 6 && l.yMax <= blockBottom + 6);
    const rows = [...new Set(body.map((l) => Math.round(l.yMin)))].sort((a, b) => a - b);
    check(rows.length <= LAYOUT.lines, `${name} p.${number}: ${rows.length} lines in the block (at most ${LAYOUT.lines})`);
    if (rows.length === LAYOUT.lines) {
      fullPages++;
      const pitch = (rows[rows.length - 1] - rows[0]) / (rows.length - 1);
      check(Math.abs(pitch - LAYOUT.line) < 0.3, `${name} p.${number}: line pitch ${pitch.toFixed(2)} pt (expected ${LAYOUT.line})`);
    }
    // A full line of Chinese text from edge to edge of the block holds 28 characters. Counted
    // where nothing else decides the break: a paragraph's continuation line (one font), ending
    // in an ideograph, the next line starting with one (a line may not start with "，" or end
    // with "“", so punctuation moves characters between lines), and without curly quotes
    // (LibreOffice sets them in the Latin face whatever hAnsi says; Word takes hAnsi's).
    const ordered = [...body].sort((a, b) => a.yMin - b.yMin);
    ordered.forEach((line, k) => {
      const next = ordered[k + 1];
      if (!next || !CJK_ONLY.test(line.text) || /[“”‘’]/.test(line.text) || Math.abs(line.xMin - left) >= 3 || line.xMax < right - 3) return;
      if (!IDEOGRAPH.test(line.text.slice(-1)) || !IDEOGRAPH.test(next.text[0] ?? "")) return;
      fullLines++;
      check([...line.text].length === LAYOUT.chars, `${name} p.${number}: a full line has ${[...line.text].length} characters (expected ${LAYOUT.chars}): ${line.text}`);
    });
    // The page number: "— N —", 7 mm under the block, odd right and even left, one character in.
    const footer = page.lines.find((l) => l.yMin > blockBottom && /^—\d+—$/.test(l.text));
    check(footer !== undefined, `${name} p.${number}: no page number "— ${number} —" under the block`);
    if (!footer) return;
    check(footer.text === `—${number}—`, `${name} p.${number}: page number reads ${footer.text}`);
    const digits = footer.words.find((w) => /^\d+$/.test(w.text));
    check(digits !== undefined && footer.words[0].text === "—" && footer.words[footer.words.length - 1].text === "—" && footer.words.length === 3, `${name} p.${number}: the number stands between two dashes with spaces: ${footer.words.map((w) => w.text).join(" ")}`);
    if (number % 2 === 1) check(Math.abs(footer.xMax - (right - LAYOUT.numberChar)) < 2, `${name} p.${number}: odd page number ends at ${footer.xMax.toFixed(1)} (expected one character in from the right edge, ${(right - LAYOUT.numberChar).toFixed(1)})`);
    else check(Math.abs(footer.xMin - (left + LAYOUT.numberChar)) < 2, `${name} p.${number}: even page number starts at ${footer.xMin.toFixed(1)} (expected one character in from the left edge, ${(left + LAYOUT.numberChar).toFixed(1)})`);
    // pdftotext's box is the font's (taller than the em): its top sits up to 3 pt above the em's.
    const gap = footer.yMin - blockBottom;
    check(Math.abs(gap - LAYOUT.numberOffset) < 3.5, `${name} p.${number}: page number ${(gap / PT_PER_MM).toFixed(1)} mm under the block (expected 7)`);
  });
  return { fullPages, fullLines };
}

function main() {
  setupRender();
  for (const file of ["dist/cli.js", "dist/docx-writer.js"]) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), "gongwen-render-"));
  try {
    const docx = join(work, "docx");
    const pdf = join(work, "pdf");
    mkdirSync(docx);
    execFileSync(process.execPath, [join(root, "dist", "cli.js"), "export", "--no-config", "-o", docx + "/", ...DOCUMENTS.map((d) => join(root, d))], { stdio: ["ignore", "ignore", "inherit"] });
    // One LibreOffice run for all the files; its profile and the font map are the test's own.
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${join(work, "profile")}`, "--convert-to", "pdf", "--outdir", pdf, ...readdirSync(docx).map((n) => join(docx, n))], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, FONTCONFIG_FILE: join(root, "scripts", "render", "fonts.conf") },
      timeout: 180_000,
    });
    for (const document of DOCUMENTS) {
      const name = basename(document).replace(/\.\w+$/, "");
      const file = join(pdf, `${name}.pdf`);
      check(existsSync(file), `${name}: LibreOffice produced no PDF`);
      if (!existsSync(file)) continue;
      const pages = readPages(file);
      const { fullPages, fullLines } = checkDocument(name, pages);
      console.log(`[render] ${name}: ${pages.length} pages, ${fullPages} full (22 lines), ${fullLines} full lines of Chinese text checked`);
      if (document.startsWith("test/fixtures/corpus/")) {
        check(fullPages > 0, `${name}: no full page of 22 lines`);
        check(fullLines > 0, `${name}: no full line of Chinese text to count`);
      }
      if (name === IMAGE_FROM) {
        execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, join(work, "page")]);
        mkdirSync(join(root, "docs", "images"), { recursive: true });
        copyFileSync(join(work, "page.png"), IMAGE);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`[render] ${failures.length === 0 ? "passed" : `${failures.length} failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s; first page kept as ${IMAGE.slice(root.length + 1)}`);
  for (const f of failures) console.error(`[render] FAIL ${f}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main();
