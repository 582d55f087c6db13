// Project configuration and suppression through the CLI: the nearest .gongwenrc.json wins,
// a broken one is named with its line and the defaults apply, ignore globs, allow-lists,
// and Markdown suppression comments.

import { test } from "node:test";
import assert from "node:assert/strict";
import { runCli, scratch } from "../support/cli";

const PLAN = ["区统计局2024年工作计划", "", "一、总体要求", "", "坚持稳中求进。", "", "三、主要任务", "", "完成XX县统计调查任务。", ""].join("\n");

interface JsonReport {
  files: Array<{ path: string; findings: Array<{ ruleId: string; severity: string; line: number }> }>;
}

function findings(dir: string, args: string[] = ["."]): string[] {
  const r = runCli(["--format", "json", ...args], { cwd: dir });
  const report = JSON.parse(r.stdout) as JsonReport;
  return report.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.ruleId} ${x.severity}`));
}

test("the nearest .gongwenrc.json applies, whole (no merging with the one above)", () => {
  const s = scratch({
    ".gongwenrc.json": JSON.stringify({ rules: { placeholder: "off" } }),
    "plan.txt": PLAN,
    "team/.gongwenrc.json": JSON.stringify({ rules: { "numbering-sequence": { severity: "error" } } }),
    "team/plan.txt": PLAN,
    "team/deeper/plan.txt": PLAN,
  });
  try {
    assert.deepEqual(findings(s.dir), [
      "plan.txt:7 numbering-sequence warning",
      "team/deeper/plan.txt:7 numbering-sequence error",
      "team/deeper/plan.txt:9 placeholder warning",
      "team/plan.txt:7 numbering-sequence error",
      "team/plan.txt:9 placeholder warning",
    ]);
    // --rule beats the file; --no-config ignores it; --config replaces the search.
    assert.deepEqual(findings(s.dir, ["--rule", "numbering-sequence=info", "team/plan.txt"]), ["team/plan.txt:7 numbering-sequence info", "team/plan.txt:9 placeholder warning"]);
    assert.deepEqual(findings(s.dir, ["--no-config", "plan.txt"]), ["plan.txt:7 numbering-sequence warning", "plan.txt:9 placeholder warning"]);
    assert.deepEqual(findings(s.dir, ["--config", ".gongwenrc.json", "team/plan.txt"]), ["team/plan.txt:7 numbering-sequence warning"]);
  } finally {
    s.cleanup();
  }
});

test("a broken config file: one message with file, line and column; the defaults apply", () => {
  const s = scratch({ ".gongwenrc.json": '{\n  "rules": {\n    "placeholder": "off",\n  }\n}\n', "a.txt": PLAN, "b.txt": PLAN });
  try {
    const r = runCli(["."], { cwd: s.dir });
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^gongwen: \.gongwenrc\.json:4:3: 配置文件不是有效的 JSON/);
    assert.match(r.stdout, /^a\.txt:9:3 warning .* placeholder$/m, "defaults: the placeholder rule is on");
    assert.equal(r.code, 1);
    const explicit = runCli(["--config", ".gongwenrc.json", "a.txt"], { cwd: s.dir });
    assert.equal(explicit.code, 2, "a broken file named with --config is a usage error");
    assert.equal(runCli(["--config", "nowhere.json", "a.txt"], { cwd: s.dir }).code, 2);
  } finally {
    s.cleanup();
  }
});

test("unknown rules and bad severities in the config are named and skipped, the rest applies", () => {
  const s = scratch({ ".gongwenrc.json": JSON.stringify({ rules: { placeholdr: "off", "numbering-sequence": "loud", placeholder: "error" } }, null, 2), "a.txt": PLAN });
  try {
    const r = runCli(["--locale", "en", "."], { cwd: s.dir });
    assert.match(r.stderr, /\.gongwenrc\.json:3:5: unknown rule "placeholdr"; ignored/);
    assert.match(r.stderr, /\.gongwenrc\.json:4:5: the severity of "numbering-sequence" must be/);
    assert.match(r.stdout, /^a\.txt:7:1 warning .* numbering-sequence$/m);
    assert.match(r.stdout, /^a\.txt:9:3 error .* placeholder$/m);
  } finally {
    s.cleanup();
  }
});

test("ignore globs skip files and folders; --no-ignore checks them", () => {
  const s = scratch({
    ".gongwenrc.json": JSON.stringify({ ignore: ["archive", "*.draft.txt", "notes/**/*.md"] }),
    "plan.txt": PLAN,
    "archive/2019/plan.txt": PLAN,
    "x.draft.txt": PLAN,
    "notes/a/b.md": PLAN,
    "notes/b.txt": PLAN,
  });
  try {
    const files = (args: string[]) => [...new Set(findings(s.dir, args).map((f) => f.split(":")[0]))];
    assert.deepEqual(files(["."]), ["notes/b.txt", "plan.txt"]);
    assert.deepEqual(files(["--no-ignore", "."]), ["archive/2019/plan.txt", "notes/a/b.md", "notes/b.txt", "plan.txt", "x.draft.txt"]);
    const explicit = runCli(["x.draft.txt"], { cwd: s.dir });
    assert.equal(explicit.code, 0);
    assert.match(explicit.stderr, /x\.draft\.txt: 已按配置文件的 ignore 跳过/);
  } finally {
    s.cleanup();
  }
});

test("the placeholder allow-list and extra patterns from the config file", () => {
  const text = PLAN.replace("坚持稳中求进。", "坚持稳中求进，做好待定事项。");
  const s = scratch({ ".gongwenrc.json": JSON.stringify({ rules: { placeholder: { allow: ["XX县"], extraPatterns: ["待定"] } } }), "plan.txt": text });
  try {
    assert.deepEqual(findings(s.dir), ["plan.txt:5 placeholder warning", "plan.txt:7 numbering-sequence warning"]);
  } finally {
    s.cleanup();
  }
});

const MARKDOWN = [
  "# 区统计局2024年工作计划",
  "",
  "<!-- gongwen-disable-next-line placeholder -->",
  "完成XX县统计调查任务。", // 4: silenced
  "",
  "完成XX市统计调查任务。", // 6: reported
  "",
  "<!-- gongwen-disable -->",
  "完成XX镇统计调查任务。", // 9: silenced (all rules)
  "<!-- gongwen-enable -->",
  "",
  "## 一、总体要求",
  "",
  "<!-- gongwen-disable numbering-sequence -->",
  "## 三、主要任务", // 15: silenced
  "",
  "完成XX村统计调查任务。", // 17: reported (only numbering-sequence is off)
  "<!-- gongwen-enable numbering-sequence -->",
  "",
  "<!-- gongwen-disable-next-line numbering-sequence enumeration-sequence -->",
  "一是加强领导，二是完善制度，二是强化考核，XX。", // 21: placeholder still reported
  "",
].join("\n");

test("Markdown suppression comments: next line, ranges, all rules or listed ones", () => {
  const s = scratch({ "plan.md": MARKDOWN, "plan.txt": MARKDOWN.replace(/^# /, "") });
  try {
    assert.deepEqual(findings(s.dir, ["plan.md"]), ["plan.md:6 placeholder warning", "plan.md:17 placeholder warning", "plan.md:21 placeholder warning"]);
    // In plain text a comment is just text: nothing is silenced.
    const plain = findings(s.dir, ["plan.txt"]);
    assert.ok(plain.includes("plan.txt:4 placeholder warning"), plain.join("\n"));
    assert.ok(plain.includes("plan.txt:9 placeholder warning"), plain.join("\n"));
  } finally {
    s.cleanup();
  }
});

test("the examples folder: deliberate findings in the plan and the summary, none in the clean plan", () => {
  const r = runCli(["examples"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.doesNotMatch(r.stdout, /clean-plan/);
  for (const rule of ["numbering-sequence", "numbering-style", "placeholder", "enumeration-sequence", "duplicate-paragraph", "punctuation-width", "stray-space"]) {
    assert.match(r.stdout, new RegExp(`^examples/plan-with-mistakes\\.txt:\\d+:\\d+ warning .* ${rule}$`, "m"), rule);
  }
  // The suppressed 某某 in the summary stays silent; its other mistakes are reported.
  assert.doesNotMatch(r.stdout, /某某/);
  assert.match(r.stdout, /^examples\/summary\.md:\d+:\d+ warning .* enumeration-sequence$/m);
});
