// `gongwen export` as a user runs it: .docx beside the source or where -o says, findings
// printed as a warning, and every kind of bad input with a clear message, exit code 2, the
// other files still exported and nothing half-written.

import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { runCli, scratch } from "../support/cli";
import { paragraphs, unzipDocx } from "../support/docx";

const CLEAN = "区统计局2024年工作计划\n\n一、总体要求\n坚持稳中求进。\n二、主要任务\n完成全区统计调查任务。\n";
const WITH_PLACEHOLDERS = "区统计局20XX年工作计划\n\n一、总体要求\n坚持稳中求进。\n三、主要任务\n完成XX县统计调查任务。\n";

const docText = (path: string) => paragraphs(unzipDocx(readFileSync(path))["word/document.xml"]).map((p) => p.text);

test("export writes <name>.docx beside each document and says where", () => {
  const s = scratch({ "计划.txt": CLEAN, "notes/总结.md": "# 区统计局2023年工作总结\n\n## 一、主要成绩\n\n完成**全部**任务。\n" });
  try {
    const run = runCli(["export", "计划.txt", "notes/总结.md"], { cwd: s.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    assert.match(run.stdout, /计划\.txt → 计划\.docx/);
    assert.deepEqual(docText(s.path("计划.docx")).filter((t) => t !== ""), ["区统计局2024年工作计划", "一、总体要求", "坚持稳中求进。", "二、主要任务", "完成全区统计调查任务。"]);
    assert.ok(docText(s.path("notes/总结.docx")).includes("完成全部任务。"));
    // No temporary file is left behind.
    assert.deepEqual(readdirSync(s.dir).sort(), ["notes", "计划.docx", "计划.txt"]);
  } finally {
    s.cleanup();
  }
});

test("-o names the file for one document and an existing folder for several; a GB18030 file is read in its encoding", () => {
  const s = scratch({ "a.txt": CLEAN, "b.txt": iconv.encode(CLEAN.replace("2024", "2025"), "gb18030"), "out/.keep": "" });
  try {
    let run = runCli(["export", "a.txt", "-o", "计划终稿.docx"], { cwd: s.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(s.path("计划终稿.docx")));
    run = runCli(["export", "a.txt", "b.txt", "-o", "out"], { cwd: s.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(docText(s.path("out/b.docx"))[0], "区统计局2025年工作计划");
    run = runCli(["export", "a.txt", "b.txt", "-o", "single.docx"], { cwd: s.dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /多个文件时 -o 应为已存在的文件夹/);
  } finally {
    s.cleanup();
  }
});

test("what is still wrong is printed as a warning (kinds and counts) and the document is exported anyway; the project file's export section applies", () => {
  const s = scratch({ "plan.txt": WITH_PLACEHOLDERS, ".gongwenrc.json": JSON.stringify({ export: { pageNumbers: false } }) });
  try {
    const run = runCli(["export", "plan.txt"], { cwd: s.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^plan\.txt: 警告: 文档还有 \d+ 个问题：占位符 2 处，序号不连续 1 处.*（已照常导出）$/m);
    const en = runCli(["export", "plan.txt", "--locale", "en"], { cwd: s.dir });
    assert.match(en.stderr, /plan\.txt: warning: the document still has \d+ problems: placeholder ×2, .*\(exported anyway\)/);
    const parts = unzipDocx(readFileSync(s.path("plan.docx")));
    assert.doesNotMatch(parts["word/document.xml"], /footerReference/);
  } finally {
    s.cleanup();
  }
});

test("bad input: empty document, no title, missing folder, read-only and open targets — clear messages, exit 2, the others still exported, nothing half-written", () => {
  const s = scratch({ "empty.txt": "\n\n  \n", "untitled.txt": "一、总体要求\n坚持稳中求进。\n", "good.txt": CLEAN, "locked.txt": CLEAN, "~$locked.docx": "owner", "readonly.txt": CLEAN });
  try {
    writeFileSync(s.path("readonly.docx"), "old contents");
    // Word keeps an owner file "~$name.docx" beside a document it has open.
    writeFileSync(s.path("locked.docx"), "open in Word");
    chmodSync(s.path("readonly.docx"), 0o444);
    const run = runCli(["export", "empty.txt", "untitled.txt", "good.txt", "locked.txt", "readonly.txt"], { cwd: s.dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^empty\.txt: 错误: 文档为空，没有可导出的内容（未导出）$/m);
    assert.match(run.stderr, /^untitled\.txt: 警告: 没有识别到标题/m);
    assert.match(run.stderr, /^locked\.txt: 错误: 目标文件正在 Word 或 WPS 中打开：.*locked\.docx（请先关闭它；若并未打开，请删除锁文件 ~\$locked\.docx）（未导出）$/m);
    assert.match(run.stderr, /^readonly\.txt: 错误: 目标文件是只读的：.*readonly\.docx/m);
    assert.ok(existsSync(s.path("good.docx")) && existsSync(s.path("untitled.docx")));
    assert.ok(!existsSync(s.path("empty.docx")));
    assert.equal(readFileSync(s.path("locked.docx"), "utf8"), "open in Word");
    assert.equal(readFileSync(s.path("readonly.docx"), "utf8"), "old contents");
    assert.equal(statSync(s.path("readonly.docx")).mode & 0o777, 0o444);
    assert.deepEqual(readdirSync(s.dir).filter((n) => n.endsWith(".tmp")), []);

    const missing = runCli(["export", "good.txt", "-o", "no/such/folder/"], { cwd: s.dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /目标文件夹不存在：.*no[\\/]such[\\/]folder/);
    const missingFile = runCli(["export", "good.txt", "-o", "nowhere/x.docx", "--locale", "en"], { cwd: s.dir });
    assert.equal(missingFile.code, 2);
    assert.match(missingFile.stderr, /good\.txt: error: the target folder does not exist: .*nowhere \(not exported\)/);
    const nothing = runCli(["export", "absent.txt"], { cwd: s.dir });
    assert.equal(nothing.code, 2);
    const usage = runCli(["export"], { cwd: s.dir });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /export needs at least one file/);
  } finally {
    s.cleanup();
  }
});

test("export --help in both languages names the layout and the exit codes", () => {
  const zh = runCli(["export", "--help"]);
  assert.equal(zh.code, 0);
  assert.match(zh.stdout, /用法：gongwen export 文件… \[-o 输出\]/);
  assert.match(zh.stdout, /每页 22 行、每行 28 字/);
  const en = runCli(["export", "-h"], { env: { LANG: "en_US.UTF-8" } });
  assert.match(en.stdout, /usage: gongwen export FILE… \[-o OUT\]/);
  assert.match(runCli(["--help"]).stdout, /gongwen export 文件… \[-o 输出\]/);
});

test("a written file replaces the old one whole (a temporary file renamed over it)", () => {
  const s = scratch({ "plan.txt": CLEAN });
  try {
    writeFileSync(s.path("plan.docx"), "an older export");
    const run = runCli(["export", "plan.txt"], { cwd: s.dir });
    assert.equal(run.code, 0, run.stderr);
    const bytes = readFileSync(s.path("plan.docx"));
    assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK");
    assert.ok(unzipDocx(bytes)["word/document.xml"].includes("区统计局2024年工作计划"));
  } finally {
    s.cleanup();
  }
});

test("the export is a valid package: content types, relationships and every part they name", () => {
  const s = scratch({ "plan.txt": CLEAN });
  try {
    assert.equal(runCli(["export", "plan.txt"], { cwd: s.dir }).code, 0);
    const parts = unzipDocx(readFileSync(s.path("plan.docx")));
    assert.ok(parts["[Content_Types].xml"] && parts["_rels/.rels"] && parts["word/_rels/document.xml.rels"]);
    for (const m of parts["word/_rels/document.xml.rels"].matchAll(/Target="([^"]+)"/g)) {
      if (/^https?:/.test(m[1])) continue;
      assert.ok(parts[join("word", m[1]).replace(/\\/g, "/")] !== undefined, `missing part ${m[1]}`);
    }
  } finally {
    s.cleanup();
  }
});
