// Compares the page preview's line and page breaks with LibreOffice's rendering of the exported
// .docx: for each document, the text of every printed line, page by page, side by side.
// usage: node scripts/render/preview-vs-pdf.mjs FILE… [--verbose]   (needs soffice, pdftotext;
// node scripts/render/setup.mjs installs them). Prints the share of lines that agree.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const work = join(root, ".e2e", "preview-vs-pdf");
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
// --word: measure as Word does (“”· in the Chinese face); by default as LibreOffice does, whose
// rendering this compares with.
const faces = args.includes("--word") ? "word" : "libreoffice";
const files = args.filter((a) => !a.startsWith("--"));

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const bundle = join(work, "preview.mjs");
await build({
  stdin: {
    contents: `export { parseDocument } from "./server/src/model/parse";
export { planExport } from "./server/src/export/blocks";
export { resolveLayout, defaultExportSettings } from "./server/src/export/layout";
export { printPlan } from "./server/src/preview/paragraphs";
export { paginate } from "./server/src/preview/paginate";`,
    resolveDir: root,
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: bundle,
  logLevel: "warning",
});
const P = await import(pathToFileURL(bundle).href);

/** The preview's pages: the text of each printed line. */
function previewPages(text, languageId) {
  const model = P.parseDocument({ text, uri: "file:///x", languageId });
  const settings = P.defaultExportSettings();
  const layout = P.resolveLayout(settings);
  const plan = P.planExport(model, { newPagePerDocument: settings.newPagePerDocument, tableOfContents: settings.tableOfContents, titleCharsPerLine: Math.floor(layout.textWidth / Math.round(settings.titleSizePt * 20)) });
  const groups = P.printPlan(plan, layout);
  const lines = model.lines;
  const paged = P.paginate(groups, layout, model.text, (l) => (l < lines.length ? lines[l].start : text.length), { faces });
  return paged.pages.map((page) => {
    const out = [];
    for (const s of page.slices) {
      const item = paged.items[s.item];
      if (s.kind === "paragraph") for (let k = s.from; k < s.to; k++) {
        const l = item.laid.lines[k];
        out.push(item.laid.text.slice(l.from, l.to));
      } else for (const r of s.rows) {
        // A table row: its cells' lines side by side, as pdftotext reads them.
        const cells = item.laid.rows[r];
        const height = Math.max(...cells.map((c) => c.lines.length));
        for (let k = 0; k < height; k++) out.push(cells.map((c) => (c.lines[k] ? c.text.slice(c.lines[k].from, c.lines[k].to) : "")).join(""));
      }
    }
    return out;
  });
}

// Contents lines: the titles only (Word and LibreOffice fill in their own leaders and numbers).
/** The same printed line: pdftotext leaves out a comma or full stop hanging past the right edge. */
const same = (pdf, preview) => pdf === preview || (pdf !== undefined && preview !== undefined && preview === pdf + preview.slice(-1) && /[，。、．：；？！,.:;?!]$/.test(preview));
const norm = (s) => s.replace(/[\s\u3000•◦]/g, "").replace(/(?:\.{3,}|…{2,})\d*$/, "");

let agree = 0;
let total = 0;
let pagesSame = 0;
let pagesTotal = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const languageId = /\.md$/.test(file) ? "markdown" : "plaintext";
  const source = join(work, basename(file));
  execFileSync("cp", [file, source]);
  const docx = source.replace(/\.[^.]+$/, "") + ".docx";
  execFileSync(process.execPath, [join(root, "dist", "cli.js"), "export", source, "-o", docx], { stdio: "ignore" });
  execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${work}/lo`, "--convert-to", "pdf", "--outdir", work, docx], { stdio: "ignore", env: { ...process.env, FONTCONFIG_FILE: join(root, "scripts", "render", "fonts.conf") } });
  const pdf = docx.replace(/\.docx$/, ".pdf");
  const pdfPages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 }).split("\f").filter((p, i, all) => i < all.length - 1 || p.trim() !== "")
    .map((p) => p.split("\n").filter((l) => l.trim() !== "" && !/^\s*—\s*\d+\s*—\s*$/.test(l)).map(norm));
  const mine = previewPages(text, languageId).map((p) => p.map(norm).filter((l) => l !== ""));
  let docAgree = 0;
  let docTotal = 0;
  const first = [];
  // A page break in the same place: the page starts with the same line, or both are empty.
  let docPagesSame = 0;
  for (let p = 0; p < Math.max(pdfPages.length, mine.length); p++) if (same(pdfPages[p]?.[0], mine[p]?.[0]) || (pdfPages[p]?.length === 0 && mine[p]?.length === 0)) docPagesSame++;
  pagesSame += docPagesSame;
  pagesTotal += Math.max(pdfPages.length, mine.length);
  for (let p = 0; p < Math.max(pdfPages.length, mine.length); p++) {
    const a = pdfPages[p] ?? [];
    const b = mine[p] ?? [];
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      docTotal++;
      if (same(a[k], b[k])) docAgree++;
      else if ((k === 0 || same(a[k - 1], b[k - 1])) && first.length < (verbose ? 60 : 3)) first.push(`  page ${p + 1} line ${k + 1}\n    pdf:     ${a[k] ?? "(none)"}\n    preview: ${b[k] ?? "(none)"}`);
    }
  }
  agree += docAgree;
  total += docTotal;
  console.log(`${basename(file)}: ${pdfPages.length} pages in the PDF, ${mine.length} in the preview; ${docAgree}/${docTotal} lines agree; ${docPagesSame} pages start with the same line`);
  for (const f of first) console.log(f);
}
console.log(`all: ${agree}/${total} lines agree (${((100 * agree) / Math.max(1, total)).toFixed(1)} %); ${pagesSame}/${pagesTotal} pages start with the same line (${((100 * pagesSame) / Math.max(1, pagesTotal)).toFixed(1)} %)`);
