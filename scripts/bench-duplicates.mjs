// Duplicate detector benchmark: time of findDuplicates on generated plan text of 100 KB … 10 MB
// (corpus sentences recombined, with injected exact and near repeats), to show it grows linearly;
// plus the placeholder rule against a plain one-regex-per-line scan. Run: node scripts/bench-duplicates.mjs
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { prng } from "./bench-docs.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = process.env.GONGWEN_CORPUS ?? resolve(ROOT, "..", "shared", "corpus");
const SIZES = [100_000, 300_000, 1_000_000, 3_000_000, 10_000_000];

mkdirSync(join(ROOT, "out", "bench"), { recursive: true });
const bundle = join(ROOT, "out", "bench", "duplicates.mjs");
await build({
  stdin: {
    contents: `export { parseDocument } from "./server/src/model/parse";
export { lint } from "./server/src/engine/lint";
export { findDuplicates, paragraphItems } from "./server/src/rules/duplicates";
export { findRule, RULES } from "./server/src/rules";`,
    resolveDir: ROOT,
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: bundle,
  logLevel: "warning",
});
const { parseDocument, lint, findDuplicates, paragraphItems, findRule, RULES } = await import(pathToFileURL(bundle).href);

const sentences = [];
for (const name of readdirSync(CORPUS).sort()) {
  if (!name.endsWith(".txt")) continue;
  for (const line of readFileSync(join(CORPUS, name), "utf8").split(/\r?\n/)) {
    for (const s of line.trim().split(/(?<=[。！？；])/)) if (s.length >= 12 && s.length <= 160) sentences.push(s.trim());
  }
}
const CHARS = "的一是在了有和人中大为上个国以要时来用们生到作地于出分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经";

/** Plan-like text: documents of headings and paragraphs of 1-5 corpus sentences; ~2 % exact and ~2 % near repeats. */
function generate(bytes, seed) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const out = [];
  const earlier = [];
  let size = 0;
  let doc = 0;
  const injected = { exact: 0, near: 0 };
  while (size < bytes) {
    const lines = [`区第${++doc}局2024年工作计划`, ""];
    for (let h = 1; h <= 4; h++) {
      lines.push(`${"一二三四"[h - 1]}、${pick(sentences).slice(0, 10)}`);
      for (let p = 0; p < 6; p++) {
        let text = "";
        const n = 1 + Math.floor(rand() * 5);
        for (let i = 0; i < n; i++) text += pick(sentences);
        const r = rand();
        if (r < 0.02 && earlier.length > 0) {
          text = pick(earlier);
          injected.exact++;
        } else if (r < 0.04 && earlier.length > 0) {
          // A near repeat: a few characters changed (about 1 in 40), scattered.
          const chars = [...pick(earlier)];
          const edits = 1 + Math.floor(chars.length / 40);
          for (let e = 0; e < edits; e++) chars[Math.floor(rand() * chars.length)] = pick(CHARS);
          text = chars.join("");
          injected.near++;
        } else {
          earlier.push(text);
          if (earlier.length > 500) earlier.splice(0, 250);
        }
        lines.push("　　" + text);
      }
    }
    lines.push("", "");
    const block = lines.join("\n");
    out.push(block);
    size += Buffer.byteLength(block, "utf8") + 1;
  }
  return { text: out.join("\n"), injected };
}

function best(values) {
  return Math.min(...values);
}

/**
 * CPU time (user + system) of the best of `runs` runs, in ms: on a shared machine other processes
 * stretch wall-clock time but not this process's CPU time (the work here is single-threaded).
 */
function time(fn, runs) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = process.cpuUsage();
    result = fn();
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  // The best run: other processes on the machine only ever add time.
  return { ms: best(times), result };
}

/** One size, measured in a fresh process so that the heap left by larger texts never counts. */
function measureDuplicates(bytes) {
  const { text, injected } = generate(bytes, 20240115 + bytes);
  const model = parseDocument({ text, uri: "bench:dup" });
  const items = paragraphItems(model);
  const runs = bytes >= 3_000_000 ? 3 : 7;
  const { ms, result } = time(() => findDuplicates(items), runs);
  const exact = result.filter((m) => m.exact).length;
  const stats = { sketched: 0, candidates: 0, examined: 0 };
  findDuplicates(items, undefined, stats);
  return { kb: Buffer.byteLength(text, "utf8") / 1000, paragraphs: items.length, injected, exact, near: result.length - exact, ms, stats };
}

const one = process.argv.indexOf("--one");
if (one >= 0) {
  process.stdout.write(JSON.stringify(measureDuplicates(Number(process.argv[one + 1]))));
  process.exit(0);
}

console.log("duplicate detector (findDuplicates on the paragraphs; parse not included; one process per size)");
console.log("size      paragraphs  injected(exact/near)  found(exact/near)  CPU ms   µs per KB  candidates/examined per sketched paragraph");
const rows = [];
for (const bytes of SIZES) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--one", String(bytes)], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(child.stderr);
  const r = JSON.parse(child.stdout);
  rows.push(r);
  console.log(`${(r.kb / 1000).toFixed(1).padStart(5)} MB  ${String(r.paragraphs).padStart(10)}  ${`${r.injected.exact}/${r.injected.near}`.padStart(20)}  ${`${r.exact}/${r.near}`.padStart(17)}  ${r.ms.toFixed(1).padStart(7)}  ${((r.ms * 1000) / r.kb).toFixed(1).padStart(9)}  ${(r.stats.candidates / r.stats.sketched).toFixed(1).padStart(6)} / ${(r.stats.examined / r.stats.sketched).toFixed(2)}`);
}
const first = rows[0];
const last = rows[rows.length - 1];
console.log(`growth: ${(last.kb / first.kb).toFixed(0)}× the text took ${(last.ms / first.ms).toFixed(0)}× the time`);

// The placeholder rule against the least any placeholder check must do: one regex over every line.
console.log("\nplaceholder rule vs a plain one-regex-per-line scan (/XX|××|某某/g), same parsed model");
for (const bytes of [1_000_000, 10_000_000]) {
  let { text } = generate(bytes, 7 + bytes);
  text = text.replace(/局2024年/g, (m, at) => (at % 3 === 0 ? "XX局20XX年" : m));
  const model = parseDocument({ text, uri: "bench:ph" });
  const plain = /XX|××|某某/g;
  const base = time(() => {
    let n = 0;
    for (const line of model.lines) {
      plain.lastIndex = 0;
      while (plain.exec(line.text)) n++;
    }
    return n;
  }, 5);
  const placeholder = findRule("placeholder");
  const scan = time(() => {
    let n = 0;
    placeholder.check(model, { options: placeholder.defaultOptions, report: () => n++ });
    return n;
  }, 5);
  const rule = time(() => lint(model, RULES, {}, { only: ["placeholder"] }).length, 5);
  console.log(`${(bytes / 1e6).toFixed(0).padStart(3)} MB: plain scan ${base.ms.toFixed(1)} ms (${base.result} hits); the rule's own check ${scan.ms.toFixed(1)} ms (${scan.result} findings, ${(scan.ms / base.ms).toFixed(1)}×); through lint() with its reports ${rule.ms.toFixed(1)} ms (${(rule.ms / base.ms).toFixed(1)}×)`);
}
