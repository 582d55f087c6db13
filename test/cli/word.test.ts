// Word documents in the CLI, as a user runs it on the .docx files a 汇编 is made of: checked like
// text files in folders and globs, reported by paragraph with an excerpt, JSON and SARIF with the
// paragraph, duplicates across .docx and text files, --fix refused for Word files only, and every
// unreadable file reported while the others are still checked.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { runCli, scratch } from "../support/cli";
import { buildWord } from "../support/word";

// Paragraph 5: a numbering gap (三、 after 一、); paragraph 6: a placeholder; paragraph 7 repeats
// a paragraph of the text file below.
const PLAN = ["区统计局2024年工作计划", "一、总体要求", "坚持稳中求进。", "| 序号 | 任务 |", "三、主要任务", "完成XX县统计调查任务。", "全面落实统计督察反馈问题整改，健全防范和惩治统计造假弄虚作假责任制。"].join("\n");
const OTHER = ["区司法局2024年工作计划", "", "一、总体要求", "", "全面落实统计督察反馈问题整改，健全防范和惩治统计造假弄虚作假责任制。", ""].join("\n");
const BROKEN_FIXABLE = ["区统计局2024年工作计划", "", "一、总体要求", "", "三、主要任务", ""].join("\n");

interface JsonFinding {
  ruleId: string;
  line: number;
  column: number;
  paragraph?: number;
  excerpt?: string;
  message: string;
  fixable: boolean;
  related: Array<{ path?: string; line: number; paragraph?: number; excerpt?: string }>;
}
interface JsonReport {
  files: Array<{ path: string; unit?: string; error?: string; encoding?: string; findings: JsonFinding[] }>;
  summary: { files: number; ioErrors: number; fixable: number };
}

async function unitFiles(): Promise<Record<string, string | Uint8Array>> {
  // The table row is paragraphs 4 and 5 (two cells): the heading after it is paragraph 6.
  const plan = await buildWord(PLAN, { numbering: true, tables: true, changes: 7 });
  return { "units/a-统计局.docx": plan.bytes, "units/b-司法局.txt": OTHER, "units/~$统计局.docx": "lock", "units/notes.pdf": "%PDF" };
}

test("a folder of Word and text files: paragraphs and excerpts in the text report", async () => {
  const s = scratch(await unitFiles());
  try {
    const run = runCli(["units"], { cwd: s.dir });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, "", "Word's lock file is not a document and is passed over");
    assert.match(run.stdout, /^units\/a-统计局\.docx 第6段 “三、主要任务” warning 序号不连续：应为“二、”，实为“三、” numbering-sequence$/m);
    assert.match(run.stdout, /^units\/a-统计局\.docx 第7段 “完成XX县统计调查任务。” warning 模板占位符未替换：“XX” placeholder$/m);
    assert.match(run.stdout, /涉及 2 个文件中的 1 个/);
    const en = runCli(["units", "--locale", "en"], { cwd: s.dir });
    assert.match(en.stdout, /^units\/a-统计局\.docx paragraph 6 “三、主要任务” warning /m);
    // A glob picks Word files too.
    const glob = runCli(["units/*.docx", "--format", "json"], { cwd: s.dir });
    assert.deepEqual((JSON.parse(glob.stdout) as JsonReport).files.map((f) => f.path), ["units/a-统计局.docx"]);
  } finally {
    s.cleanup();
  }
});

test("JSON and SARIF carry the paragraph: `line` is the paragraph number", async () => {
  const s = scratch(await unitFiles());
  try {
    const json = JSON.parse(runCli(["units/a-统计局.docx", "--format", "json"], { cwd: s.dir }).stdout) as JsonReport;
    const file = json.files[0];
    assert.equal(file.unit, "paragraph");
    assert.deepEqual(
      file.findings.map((f) => [f.ruleId, f.line, f.paragraph, f.column, f.excerpt, f.fixable]),
      [
        ["numbering-sequence", 6, 6, 1, "三、主要任务", false],
        ["placeholder", 7, 7, 3, "完成XX县统计调查任务。", false],
      ],
    );
    assert.equal(json.summary.fixable, 0, "nothing is offered to fix in a Word file");
    interface Sarif { runs: Array<{ results: Array<{ ruleId: string; properties?: { paragraph: number; excerpt: string }; locations: Array<{ physicalLocation: { region: { startLine: number; snippet?: { text: string } } } }> }> }> }
    const sarif = JSON.parse(runCli(["units/a-统计局.docx", "--format", "sarif"], { cwd: s.dir }).stdout) as Sarif;
    const first = sarif.runs[0].results[0];
    assert.deepEqual(first.properties, { paragraph: 6, excerpt: "三、主要任务" });
    assert.equal(first.locations[0].physicalLocation.region.startLine, 6);
    assert.equal(first.locations[0].physicalLocation.region.snippet?.text, "三、主要任务");
  } finally {
    s.cleanup();
  }
});

test("--cross-file-duplicates across Word and text files, both ways", async () => {
  const s = scratch(await unitFiles());
  try {
    const run = runCli(["units/b-司法局.txt", "units/a-统计局.docx", "--cross-file-duplicates", "--format", "json"], { cwd: s.dir });
    const report = JSON.parse(run.stdout) as JsonReport;
    const inWord = report.files[1].findings.find((f) => f.ruleId === "duplicate-paragraph");
    assert.ok(inWord, run.stdout);
    assert.equal(inWord.paragraph, 8);
    assert.match(inWord.message, /units\/b-司法局\.txt 第5行的段落相同/);
    assert.deepEqual([inWord.related[0].path, inWord.related[0].line], ["units/b-司法局.txt", 5]);
    const reverse = runCli(["units/a-统计局.docx", "units/b-司法局.txt", "--cross-file-duplicates"], { cwd: s.dir });
    assert.match(reverse.stdout, /^units\/b-司法局\.txt:5:1 warning 段落与其他文件重复：与 units\/a-统计局\.docx 第8段相同 duplicate-paragraph$/m);
    assert.match(reverse.stdout, /^ {2}units\/a-统计局\.docx 第8段 “全面落实统计督察反馈问题整改，健全防范和惩治统计…” note 首次出现$/m);
  } finally {
    s.cleanup();
  }
});

test("--fix is refused for Word files only: exit 2, the text files are still fixed", async () => {
  const s = scratch({ ...(await unitFiles()), "units/c.txt": BROKEN_FIXABLE });
  try {
    const before = readFileSync(s.path("units/a-统计局.docx"));
    const run = runCli(["units", "--fix"], { cwd: s.dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^units\/a-统计局\.docx: error: --fix 不改写 Word 文件/m);
    assert.deepEqual(readFileSync(s.path("units/a-统计局.docx")), before, "the Word file is untouched");
    assert.equal(readFileSync(s.path("units/c.txt"), "utf8"), BROKEN_FIXABLE.replace("三、", "二、"));
    assert.match(run.stdout, /units\/a-统计局\.docx 第6段/, "the Word file's findings are still listed");
  } finally {
    s.cleanup();
  }
});

test("files that cannot be read are reported one line each (exit 2), the others are checked", async () => {
  const plan = (await buildWord(PLAN, { numbering: true })).bytes;
  const ole = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  const s = scratch({
    "in/good.docx": plan,
    "in/old.doc": ole,
    "in/old.wps": ole,
    "in/empty.docx": "",
    "in/text.docx": "这不是 Word 文件",
    "in/cut.docx": plan.subarray(0, plan.length >> 1),
    "in/clean.txt": OTHER,
  });
  try {
    const run = runCli(["in"], { cwd: s.dir });
    assert.equal(run.code, 2);
    const errors = run.stderr.trim().split("\n").sort();
    assert.deepEqual(errors.map((l) => l.slice(0, l.indexOf(": error: "))), ["in/cut.docx", "in/empty.docx", "in/old.doc", "in/old.wps", "in/text.docx"]);
    assert.match(run.stderr, /in\/old\.doc: error: 这是旧版 Word 97-2003 文档（\.doc 二进制格式），无法直接读取：请在 Word 或 WPS 中打开并“另存为”Word 文档（\.docx）后再检查/);
    assert.match(run.stderr, /in\/old\.wps: error: 这是 WPS 文字的旧格式/);
    assert.match(run.stdout, /^in\/good\.docx 第5段 “三、主要任务” warning/m);
    assert.match(run.stdout, /5 个文件无法读取或写入/);
    const en = runCli(["in/cut.docx", "--locale", "en"], { cwd: s.dir });
    assert.match(en.stderr, /^in\/cut\.docx: error: the file is damaged \(no zip directory: the end of the file is missing\)/m);
  } finally {
    s.cleanup();
  }
});

test("a Word document on standard input", async () => {
  const plan = (await buildWord(PLAN, { numbering: true })).bytes;
  const run = runCli(["-", "--stdin-filename", "计划.docx", "--format", "json"], { input: Buffer.from(plan) });
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.equal(report.files[0].path, "计划.docx");
  assert.deepEqual(report.files[0].findings.map((f) => [f.ruleId, f.paragraph]), [["numbering-sequence", 5], ["placeholder", 6]]);
  // Recognised by its bytes without a name, too.
  const unnamed = runCli(["-"], { input: Buffer.from(plan) });
  assert.match(unnamed.stdout, /第5段 “三、主要任务”/);
});
