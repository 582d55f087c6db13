// The CLI as a user runs it: text, JSON and SARIF output, exit codes, --fix in the file's own
// encoding and line breaks, GB18030 / UTF-16 / binary files, standard input.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { runCli, scratch } from "../support/cli";
import { RULES } from "../../server/src/rules";

// Line 7: a numbering gap (fixable: 三、→二、); line 9: a placeholder (not fixable).
const PLAN = ["区统计局2024年工作计划", "", "一、总体要求", "", "坚持稳中求进。", "", "三、主要任务", "", "完成XX县统计调查任务。", ""].join("\n");
const FIXED = PLAN.replace("三、主要任务", "二、主要任务");
const CLEAN = ["区统计局2024年工作计划", "", "一、总体要求", "", "坚持稳中求进。", "", "二、主要任务", "", "完成全区统计调查任务。", ""].join("\n");

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}
interface JsonReport {
  files: Array<{ path: string; encoding?: string; error?: string; fixed: number; findings: JsonFinding[] }>;
  summary: { files: number; warnings: number; errors: number; fixable: number; fixed: number; ioErrors: number };
}

/** The parts of a SARIF log the tests read. */
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string }> } };
    columnKind: string;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: Array<{ physicalLocation: { artifactLocation: unknown; region: unknown } }>;
      fixes: Array<{ artifactChanges: Array<{ replacements: Array<{ insertedContent: { text: string } }> }> }>;
    }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }>;
  }>;
}

const brief = (f: JsonFinding) => `${f.line}:${f.column} ${f.ruleId}`;

test("text output: one compiler-like line per finding, grouped by file, with a summary; exit 1", () => {
  const s = scratch({ "a/plan.txt": PLAN, "b/clean.txt": CLEAN, "b/plan.md": PLAN });
  try {
    const r = runCli(["."], { cwd: s.dir });
    assert.equal(r.code, 1, r.stderr);
    const blocks = r.stdout.trimEnd().split("\n\n");
    // Two files with findings, then the summary; the clean file prints nothing.
    assert.equal(blocks.length, 3, r.stdout);
    assert.match(blocks[0], /^a\/plan\.txt:7:1 warning \S.* numbering-sequence\na\/plan\.txt:9:3 warning \S.*XX.* placeholder$/);
    assert.match(blocks[1], /^b\/plan\.md:7:1 warning .* numbering-sequence\nb\/plan\.md:9:3 warning .* placeholder$/);
    assert.match(blocks[2], /^4 个问题（错误 0，警告 4，提示 0），涉及 3 个文件中的 2 个；其中 2 个可用 --fix 自动修复。$/);
    assert.equal(r.stderr, "");
  } finally {
    s.cleanup();
  }
});

test("English messages with --locale en or an English LANG", () => {
  const s = scratch({ "plan.txt": PLAN });
  try {
    const byFlag = runCli(["--locale", "en", "plan.txt"], { cwd: s.dir });
    const byEnv = runCli(["plan.txt"], { cwd: s.dir, env: { LANG: "en_US.UTF-8" } });
    assert.equal(byFlag.stdout, byEnv.stdout);
    assert.match(byFlag.stdout, /^plan\.txt:7:1 warning [\x20-\x7e“”"]*[A-Za-z].* numbering-sequence$/m);
    assert.match(byFlag.stdout, /2 problems \(0 errors, 2 warnings, 0 info\) in 1 of 1 file; 1 fixable with --fix\.\n$/);
  } finally {
    s.cleanup();
  }
});

test("a clean batch exits 0 and says so", () => {
  const s = scratch({ "clean.txt": CLEAN });
  try {
    const r = runCli(["clean.txt"], { cwd: s.dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "检查了 1 个文件，未发现问题。\n");
  } finally {
    s.cleanup();
  }
});

test("columns count characters: a character outside the BMP before a finding counts once", () => {
  const s = scratch({ "plan.txt": PLAN.replace("完成XX县", "𠀀完成XX县") });
  try {
    const r = runCli(["--format", "json", "plan.txt"], { cwd: s.dir });
    const report = JSON.parse(r.stdout) as JsonReport;
    const placeholder = report.files[0].findings.find((f) => f.ruleId === "placeholder");
    assert.ok(placeholder, r.stdout);
    assert.deepEqual([placeholder.line, placeholder.column, placeholder.endColumn], [9, 4, 6]);
  } finally {
    s.cleanup();
  }
});

test("JSON output: findings with 1-based positions, fixability and a summary", () => {
  const s = scratch({ "plan.txt": PLAN, "clean.txt": CLEAN });
  try {
    const r = runCli(["--format", "json", "plan.txt", "clean.txt"], { cwd: s.dir });
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.files.map((f) => [f.path, f.encoding, f.findings.map(brief)]), [
      ["plan.txt", "UTF-8", ["7:1 numbering-sequence", "9:3 placeholder"]],
      ["clean.txt", "UTF-8", []],
    ]);
    const [gap, placeholder] = report.files[0].findings;
    assert.deepEqual([gap.severity, gap.fixable, gap.endLine, gap.endColumn], ["warning", true, 7, 3]);
    assert.equal(placeholder.fixable, false);
    assert.match(placeholder.message, /XX/);
    assert.deepEqual([report.summary.files, report.summary.warnings, report.summary.fixable], [2, 2, 1]);
  } finally {
    s.cleanup();
  }
});

test("SARIF 2.1.0: every rule described, results with regions in code points and the fix", () => {
  const s = scratch({ "plan.txt": PLAN });
  try {
    const r = runCli(["--format", "sarif", "plan.txt"], { cwd: s.dir });
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(log.version, "2.1.0");
    const run = log.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), RULES.map((x) => x.id));
    assert.equal(run.columnKind, "unicodeCodePoints");
    assert.equal(run.results.length, 2);
    const gap = run.results[0];
    assert.equal(gap.ruleId, "numbering-sequence");
    assert.equal(run.tool.driver.rules[gap.ruleIndex].id, "numbering-sequence");
    assert.equal(gap.level, "warning");
    assert.deepEqual(gap.locations[0].physicalLocation.artifactLocation, { uri: "plan.txt", uriBaseId: "SRCROOT" });
    assert.deepEqual(gap.locations[0].physicalLocation.region, { startLine: 7, startColumn: 1, endLine: 7, endColumn: 3 });
    const replacement = gap.fixes[0].artifactChanges[0].replacements[0];
    assert.equal(replacement.insertedContent.text.includes("二"), true);
    assert.ok(run.originalUriBaseIds.SRCROOT.uri.startsWith("file://"));
  } finally {
    s.cleanup();
  }
});

test("--fix writes safe fixes back, leaves the rest, and reports what remains", () => {
  const s = scratch({ "plan.txt": PLAN });
  try {
    const r = runCli(["--fix", "plan.txt"], { cwd: s.dir });
    assert.equal(readFileSync(s.path("plan.txt"), "utf8"), FIXED);
    // The placeholder needs a person: still reported, so the run still fails.
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^plan\.txt:9:3 warning .* placeholder\n\n1 个问题.*已自动修复 1 处。\n$/);
  } finally {
    s.cleanup();
  }
});

test("--fix keeps a UTF-8 BOM and CRLF line breaks", () => {
  const crlf = PLAN.replace(/\n/g, "\r\n");
  const s = scratch({ "plan.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, "utf8")]) });
  try {
    const before = runCli(["--format", "json", "plan.txt"], { cwd: s.dir });
    assert.deepEqual((JSON.parse(before.stdout) as JsonReport).files[0].findings.map(brief), ["7:1 numbering-sequence", "9:3 placeholder"]);
    runCli(["--fix", "plan.txt"], { cwd: s.dir });
    const bytes = readFileSync(s.path("plan.txt"));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString("utf8"), FIXED.replace(/\n/g, "\r\n"));
  } finally {
    s.cleanup();
  }
});

test("GB18030 files are detected, checked like UTF-8, and fixed in GB18030", () => {
  const s = scratch({ "gbk.txt": iconv.encode(PLAN.replace(/\n/g, "\r\n"), "gb18030"), "utf8.txt": PLAN });
  try {
    const r = runCli(["--format", "json", "gbk.txt", "utf8.txt"], { cwd: s.dir });
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.files[0].encoding, "GB18030");
    assert.deepEqual(report.files[0].findings, report.files[1].findings);

    runCli(["--fix", "gbk.txt"], { cwd: s.dir });
    const bytes = readFileSync(s.path("gbk.txt"));
    assert.throws(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes), "still GB18030, not rewritten as UTF-8");
    assert.equal(iconv.decode(bytes, "gb18030"), FIXED.replace(/\n/g, "\r\n"));
  } finally {
    s.cleanup();
  }
});

test("UTF-16 with a BOM is read and fixed in UTF-16", () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(PLAN, "utf16le")]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(PLAN, "utf16be")]);
  const s = scratch({ "le.txt": le, "be.txt": be });
  try {
    const report = JSON.parse(runCli(["--format", "json", "le.txt", "be.txt"], { cwd: s.dir }).stdout) as JsonReport;
    assert.deepEqual(report.files.map((f) => [f.encoding, f.findings.map(brief)]), [
      ["UTF-16LE with BOM", ["7:1 numbering-sequence", "9:3 placeholder"]],
      ["UTF-16BE with BOM", ["7:1 numbering-sequence", "9:3 placeholder"]],
    ]);
    runCli(["--fix", "le.txt"], { cwd: s.dir });
    assert.deepEqual(readFileSync(s.path("le.txt")), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(FIXED, "utf16le")]));
  } finally {
    s.cleanup();
  }
});

test("a binary or undecodable file gets one error line, the batch goes on, exit 2", () => {
  const s = scratch({
    "a-image.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    "b-junk.txt": Buffer.from([0x41, 0x80, 0xff, 0x42]),
    "c-plan.txt": PLAN,
  });
  try {
    const r = runCli(["."], { cwd: s.dir });
    assert.equal(r.code, 2);
    const errors = r.stderr.trimEnd().split("\n");
    assert.equal(errors.length, 2, r.stderr);
    assert.match(errors[0], /^a-image\.txt: error: binary file/);
    assert.match(errors[1], /^b-junk\.txt: error: not UTF-8, UTF-16 or GB18030 text$/);
    assert.match(r.stdout, /^c-plan\.txt:7:1 warning/m);
    const json = JSON.parse(runCli(["--format", "json", "."], { cwd: s.dir }).stdout) as JsonReport;
    assert.equal(json.summary.ioErrors, 2);
    const sarif = JSON.parse(runCli(["--format", "sarif", "."], { cwd: s.dir }).stdout) as SarifLog;
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications.length, 2);
  } finally {
    s.cleanup();
  }
});

test("exit codes follow --fail-on, --max-warnings and --rule", () => {
  const s = scratch({ "plan.txt": PLAN });
  try {
    const code = (...args: string[]) => runCli([...args, "plan.txt"], { cwd: s.dir }).code;
    assert.equal(code(), 1);
    assert.equal(code("--fail-on", "error"), 0);
    assert.equal(code("--fail-on", "error", "--rule", "placeholder=error"), 1);
    assert.equal(code("--max-warnings", "2"), 0);
    assert.equal(code("--max-warnings", "1"), 1);
    assert.equal(code("--rule", "placeholder=off", "--rule", "numbering-sequence=off"), 0);
    assert.equal(code("--rule", "placeholder=info"), 1, "the numbering warning remains");
    assert.equal(code("--rule", "placeholder=info", "--rule", "numbering-sequence=off"), 0, "info is below the default threshold");
    assert.equal(code("--rule", "placeholder=info", "--rule", "numbering-sequence=off", "--fail-on", "info"), 1);
    const off = runCli(["--rule", "placeholder=off", "plan.txt"], { cwd: s.dir });
    assert.doesNotMatch(off.stdout, /placeholder/);
  } finally {
    s.cleanup();
  }
});

test("usage errors and missing paths exit 2 with a message on stderr", () => {
  const s = scratch({ "plan.txt": PLAN });
  try {
    for (const args of [["--nope"], ["--format", "xml"], ["--rule", "no-such-rule=off"], ["--rule", "placeholder=loud"], ["--max-warnings", "many"]]) {
      const r = runCli(args, { cwd: s.dir });
      assert.equal(r.code, 2, args.join(" "));
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^gongwen: /);
    }
    const missing = runCli(["missing.txt", "plan.txt"], { cwd: s.dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^missing\.txt: error: no such file or folder$/m);
    assert.match(missing.stdout, /^plan\.txt:7:1/m, "the other files are still checked");
  } finally {
    s.cleanup();
  }
});

test("--help and --version", () => {
  const help = runCli(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--format text\|json\|sarif/);
  for (const rule of RULES) assert.ok(help.stdout.includes(rule.id), rule.id);
  const version = runCli(["--version"]);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

test("standard input: - and --stdin-filename; with --fix the fixed text goes to stdout", () => {
  const plain = runCli(["-"], { input: PLAN });
  assert.equal(plain.code, 1);
  assert.match(plain.stdout, /^<stdin>:7:1 warning .* numbering-sequence$/m);
  const named = runCli(["--stdin", "--stdin-filename", "notes/plan.md", "--format", "json"], { input: PLAN });
  assert.deepEqual((JSON.parse(named.stdout) as JsonReport).files.map((f) => [f.path, f.findings.map(brief)]), [["notes/plan.md", ["7:1 numbering-sequence", "9:3 placeholder"]]]);
  const fixed = runCli(["--fix", "-"], { input: PLAN });
  assert.equal(fixed.stdout, FIXED);
  assert.match(fixed.stderr, /^<stdin>:9:3 warning .* placeholder$/m);
  const gb = runCli(["-", "--format", "json"], { input: iconv.encode(PLAN, "gb18030") });
  assert.deepEqual((JSON.parse(gb.stdout) as JsonReport).files[0].findings.map(brief), ["7:1 numbering-sequence", "9:3 placeholder"]);
});

test("globs pick documents by pattern; folders skip hidden folders and other file types", () => {
  const s = scratch({ "docs/a/plan.md": PLAN, "docs/plan.txt": PLAN, ".hidden/plan.txt": PLAN, "notes.json": "{}", "docs/a/b/deep.md": PLAN });
  try {
    const paths = (args: string[]) => (JSON.parse(runCli(["--format", "json", ...args], { cwd: s.dir }).stdout) as JsonReport).files.map((f) => f.path);
    assert.deepEqual(paths(["docs/**/*.md"]), ["docs/a/b/deep.md", "docs/a/plan.md"]);
    assert.deepEqual(paths(["docs/*.txt"]), ["docs/plan.txt"]);
    assert.deepEqual(paths(["."]), ["docs/a/b/deep.md", "docs/a/plan.md", "docs/plan.txt"]);
    const none = runCli(["docs/**/*.gw"], { cwd: s.dir });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /docs\/\*\*\/\*\.gw: error: no documents match this pattern/);
  } finally {
    s.cleanup();
  }
});

test("the same findings with and without worker threads", () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 45; i++) files[`f${String(i).padStart(2, "0")}.txt`] = i % 3 === 0 ? CLEAN : PLAN.replace("XX", i % 2 ? "XX" : "××");
  const s = scratch(files);
  try {
    const one = runCli(["--format", "json", "--jobs", "1", "."], { cwd: s.dir });
    const two = runCli(["--format", "json", "--jobs", "2", "."], { cwd: s.dir });
    assert.equal(two.stdout, one.stdout);
    assert.equal((JSON.parse(one.stdout) as JsonReport).summary.warnings, 60);
  } finally {
    s.cleanup();
  }
});

test("--cross-file-duplicates: a paragraph pasted from another file is reported with both locations", () => {
  const shared = "加强基层统计队伍建设，完善统计台账，规范原始记录，确保基础数据真实准确。";
  const a = ["区统计局2023年工作计划", "", "一、主要任务", "", shared, ""].join("\n");
  const b = ["区统计局2024年工作计划", "", "一、主要任务", "", "坚持稳中求进，全力做好新一年的统计工作。", "", shared, ""].join("\n");
  const s = scratch({ "2023/plan.txt": a, "2024/plan.txt": b });
  try {
    assert.equal(runCli(["."], { cwd: s.dir }).code, 0, "without the option: two clean files");
    const r = runCli(["--cross-file-duplicates", "."], { cwd: s.dir });
    assert.equal(r.code, 1);
    // Only the long paragraph: the short heading "一、主要任务" repeats on purpose.
    assert.match(r.stdout, /^2024\/plan\.txt:7:1 warning 段落与其他文件重复：与 2023\/plan\.txt 第5行的段落相同 duplicate-paragraph\n {2}2023\/plan\.txt:5:1 note 首次出现\n\n1 个问题/);
    const json = JSON.parse(runCli(["--cross-file-duplicates", "--format", "json", "."], { cwd: s.dir }).stdout) as { files: Array<{ findings: Array<{ related: Array<{ path: string; line: number }> }> }> };
    assert.deepEqual(json.files[1].findings[0].related.map((x: { path: string; line: number }) => [x.path, x.line]), [["2023/plan.txt", 5]]);
    assert.equal(runCli(["--cross-file-duplicates", "--rule", "duplicate-paragraph=off", "."], { cwd: s.dir }).code, 0);
  } finally {
    s.cleanup();
  }
});
