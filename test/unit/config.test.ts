// The config building blocks: JSON errors with line and column, glob and ignore matching,
// merging the project file over editor settings.

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseJson } from "../../server/src/config/json";
import { compileGlob, ignoreMatcher, splitGlob } from "../../server/src/config/glob";
import { mergeLintConfig, parseConfig } from "../../server/src/config/project";

test("JSON errors point at the offending character", () => {
  const cases: Array<[string, number, number]> = [
    ['{\n  "a": 1,\n}', 3, 1],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['{ "名称": 值 }', 1, 9],
    ["", 1, 1],
    ['{"a": [1, 2}', 1, 12],
  ];
  for (const [text, line, column] of cases) {
    const r = parseJson(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.deepEqual([r.error.line, r.error.column], [line, column], text);
  }
  const ok = parseJson('\ufeff{"rules": {"placeholder": {"allow": ["X210", "\\u4e00"]}}, "n": -1.5e2, "t": true, "z": null}');
  assert.deepEqual(ok, { ok: true, value: { rules: { placeholder: { allow: ["X210", "一"] } }, n: -150, t: true, z: null } });
});

test("globs: *, **, ?, classes and alternatives", () => {
  const yes: Array<[string, string]> = [
    ["*.md", "a.md"],
    ["**/*.md", "a.md"],
    ["**/*.md", "x/y/a.md"],
    ["docs/**", "docs/a/b.txt"],
    ["20??年/*.txt", "2023年/计划.txt"],
    ["*.{md,txt}", "a.txt"],
    ["[ab].txt", "b.txt"],
  ];
  const no: Array<[string, string]> = [
    ["*.md", "x/a.md"],
    ["docs/*.txt", "docs/a/b.txt"],
    ["*.{md,txt}", "a.gw"],
    ["[!ab].txt", "a.txt"],
  ];
  for (const [g, p] of yes) assert.ok(compileGlob(g).test(p), `${g} ~ ${p}`);
  for (const [g, p] of no) assert.ok(!compileGlob(g).test(p), `${g} !~ ${p}`);
  assert.deepEqual(splitGlob("docs/**/*.md"), { base: "docs", rest: "**/*.md" });
  assert.deepEqual(splitGlob("*.txt"), { base: ".", rest: "*.txt" });
});

test("ignore lists: names match at any depth, paths are anchored, folders cover their contents", () => {
  const ignored = ignoreMatcher(["archive", "*.draft.md", "/top.txt", "notes/**/*.md"]);
  for (const p of ["archive/a.txt", "x/archive/b/c.txt", "a.draft.md", "d/a.draft.md", "top.txt", "notes/a/b.md"]) assert.ok(ignored(p), p);
  for (const p of ["archives/a.txt", "a.md", "d/top.txt", "notes/b.txt"]) assert.ok(!ignored(p), p);
});

test("config file: severities and options per rule; the file wins over editor settings per option", () => {
  const lookup = parseConfig(JSON.stringify({ rules: { placeholder: { severity: "error", allow: ["X210"] }, "numbering-style": "off" } }), "/p/.gongwenrc.json");
  assert.equal(lookup.error, undefined);
  assert.deepEqual(lookup.warnings, []);
  const merged = mergeLintConfig({ rules: { placeholder: { severity: "info", options: { allow: ["甲"], extraPatterns: ["待定"] } } } }, lookup.config!.lint);
  assert.deepEqual(merged.rules?.placeholder, { severity: "error", options: { allow: ["X210"], extraPatterns: ["待定"] } });
  assert.deepEqual(merged.rules?.["numbering-style"], { severity: "off", options: undefined });
  assert.ok(lookup.config!.isIgnored("/p/x.txt") === false);
  assert.match(parseConfig("[]", "/p/.gongwenrc.json").error!.message.en, /must be a JSON object/);
});

test("a pathological ignore glob from a project file cannot stall matching", { timeout: 10000 }, () => {
  const glob = compileGlob("*a*a*a*a*a*a*a*a*b");
  assert.equal(glob.test("a".repeat(44)), false);
  assert.equal(glob.test("a".repeat(44) + "b"), true);
  const ignored = ignoreMatcher(["**/*a*a*a*a*a*a*a*a*a*a*b/**"]);
  assert.equal(ignored("x/" + "a".repeat(60) + "/plan.txt"), false);
});
