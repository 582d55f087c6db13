// The language server through the protocol, as an editor speaks to it: diagnostics, incremental
// edits, outline, folding, quick fixes and fix-all.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../support/fixtures";
import { LspClient } from "../support/lsp-client";

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
type Symbol = { name: string; range: Range; selectionRange: Range; children?: Symbol[] };
type Action = { title: string; kind?: string; isPreferred?: boolean; edit?: { documentChanges?: Array<{ textDocument: { version: number }; edits: Array<{ range: Range; newText: string }> }> }; command?: { command: string } };

const PLAN = [
  "区统计局2024年工作计划",
  "",
  "一、总体要求",
  "坚持稳中求进。",
  "三、主要任务",
  "（一）夯实统计基础。加强队伍建设。",
  "(二)提升数据质量。一是严格执法，二是加强监督，二是强化考核。",
  "（三）深化统计改革。",
  "四、保障措施",
  "加强组织领导。",
].join("\n");

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize({ locale: "zh-cn" });
});
after(async () => {
  await client.shutdown();
});

function applyLspEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

test("didOpen publishes diagnostics with source, code, rule page, Chinese message and exact ranges", async () => {
  const uri = "file:///tmp/gongwen-test/plan.txt";
  const published = client.diagnostics(uri);
  client.open(uri, PLAN);
  const { diagnostics, version } = await published;
  assert.equal(version, 1);
  const summary = diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code} ${d.message}`);
  assert.deepEqual(summary, [
    "4:0-2 numbering-sequence 序号不连续：应为“二、”，实为“三、”",
    "6:0-3 numbering-style 序号写法不一致：本文档二级序号多写作“（一）”式，此处为“(二)”",
    "6:24-26 enumeration-sequence 列举序号重复：应为“三是”，实为“二是”",
  ]);
  for (const d of diagnostics) {
    assert.equal(d.source, "gongwen");
    assert.match(d.codeDescription!.href, new RegExp(`docs/rules/${d.code}\\.md$`));
  }
});

test("an incremental didChange re-publishes for the new version only", async () => {
  const uri = "file:///tmp/gongwen-test/edit.txt";
  const opened = client.diagnostics(uri);
  client.open(uri, PLAN);
  await opened;
  // Replace "三" of "三、主要任务" (line 4) with "二": the gap disappears, the rest stays.
  const changed = client.diagnostics(uri, (p) => p.version === 2);
  client.notify("textDocument/didChange", {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } }, text: "二" }],
  });
  const { diagnostics } = await changed;
  // The gap moved: "四、" now follows "二、".
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line} ${d.code}`), ["6 numbering-style", "6 enumeration-sequence", "8 numbering-sequence"]);
  const third = client.diagnostics(uri, (p) => p.version === 3);
  client.notify("textDocument/didChange", {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 1 } }, text: "五" }],
  });
  const next = await third;
  const gap = next.diagnostics.find((d) => d.code === "numbering-sequence")!;
  assert.equal(`${gap.range.start.line} ${gap.message}`, "8 序号不连续：应为“三、”，实为“五、”");
});

test("documentSymbol gives the heading tree under the title; foldingRange one range per section", async () => {
  const uri = "file:///tmp/gongwen-test/outline.txt";
  const opened = client.diagnostics(uri);
  client.open(uri, PLAN);
  await opened;
  const symbols = await client.request<Symbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
  const tree = (list: Symbol[] | undefined): unknown => (list ?? []).map((s) => (s.children && s.children.length ? { [s.name]: tree(s.children) } : s.name));
  assert.deepEqual(tree(symbols), [
    {
      "区统计局2024年工作计划": [
        "一、总体要求",
        { "三、主要任务": ["（一）夯实统计基础", "(二)提升数据质量", "（三）深化统计改革"] },
        "四、保障措施",
      ],
    },
  ]);
  const task = symbols[0].children![1];
  assert.deepEqual(task.selectionRange, { start: { line: 4, character: 0 }, end: { line: 4, character: 6 } });
  assert.deepEqual(task.range, { start: { line: 4, character: 0 }, end: { line: 7, character: 10 } });

  const folds = await client.request<Array<{ startLine: number; endLine: number }>>("textDocument/foldingRange", { textDocument: { uri } });
  // No range for the title of a single document: "Fold All" would hide every heading under it.
  assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[2, 3], [4, 7], [8, 9]]);
});

test("the sign-off is an outline entry of its own, after the last section, which ends before it", async () => {
  const uri = "file:///tmp/gongwen-test/signed.txt";
  const text = ["区统计局2024年工作计划", "", "各科室：", "", "一、总体要求", "坚持稳中求进。", "二、主要任务", "加强队伍建设。", "", "区统计局", "2024年1月15日"].join("\n");
  const opened = client.diagnostics(uri);
  client.open(uri, text);
  await opened;
  const symbols = await client.request<Symbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
  const children = symbols[0].children!;
  assert.deepEqual(children.map((c) => [c.name, c.range.start.line, c.range.end.line]), [
    ["各科室：", 2, 2],
    ["一、总体要求", 4, 5],
    ["二、主要任务", 6, 7],
    ["落款：区统计局 2024年1月15日", 9, 10],
  ]);
  const folds = await client.request<Array<{ startLine: number; endLine: number }>>("textDocument/foldingRange", { textDocument: { uri } });
  assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[4, 5], [6, 7]]);
});

test("a compilation folds each document under its title", async () => {
  const uri = "file:///tmp/gongwen-test/compilation.txt";
  const text = ["区统计局2024年工作计划", "", "一、总体要求", "坚持稳中求进。", "二、主要任务", "加强队伍建设。", "", "区统计局2023年工作总结", "", "一、主要工作", "完成普查。", "二、存在问题", "人手不足。"].join("\n");
  const opened = client.diagnostics(uri);
  client.open(uri, text);
  await opened;
  const folds = await client.request<Array<{ startLine: number; endLine: number }>>("textDocument/foldingRange", { textDocument: { uri } });
  const ranges = folds.map((f) => [f.startLine, f.endLine]);
  assert.ok(ranges.some(([s, e]) => s === 0 && e === 5) && ranges.some(([s, e]) => s === 7 && e === 12), JSON.stringify(ranges));
});

test("quick fixes edit only the marker; fix-all fixes every safe finding", async () => {
  const uri = "file:///tmp/gongwen-test/fix.txt";
  const opened = client.diagnostics(uri);
  client.open(uri, PLAN);
  const { diagnostics } = await opened;
  const gap = diagnostics.find((d) => d.code === "numbering-sequence")!;
  const actions = await client.request<Action[]>("textDocument/codeAction", {
    textDocument: { uri },
    range: gap.range,
    context: { diagnostics: [gap], only: ["quickfix"] },
  });
  const preferred = actions.find((a) => a.isPreferred)!;
  assert.equal(preferred.title, "将序号改为“二、”");
  const edits = preferred.edit!.documentChanges![0].edits;
  assert.deepEqual(edits, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } }, newText: "二" }]);
  assert.ok(actions.some((a) => a.command?.command === "gongwen.server.renumber"), "renumber-document action offered");

  const fixAll = await client.request<Action[]>("textDocument/codeAction", {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ["source.fixAll.gongwen"] },
  });
  assert.equal(fixAll.length, 1);
  const fixed = applyLspEdits(PLAN, fixAll[0].edit!.documentChanges![0].edits);
  assert.equal(
    fixed,
    PLAN.replace("三、主要任务", "二、主要任务").replace("(二)", "（二）").replace("二是强化考核", "三是强化考核").replace("四、保障措施", "三、保障措施"),
  );
});

test("the fix-all command says what it fixed and what is left for the writer, and why", async () => {
  const uri = "file:///tmp/gongwen-test/fix-all-report.txt";
  const text = ["工作计划", "", "一、总体要求", "完成XX任务。", "三、主要任务", "（一）加强统计队伍建设，提升统计人员依法统计能力。", "（一）加强统计队伍建设，提升统计人员依法统计能力。"].join("\n");
  const opened = client.diagnostics(uri);
  client.open(uri, text);
  assert.equal((await opened).diagnostics.length, 4);
  const before = client.notifications.length;
  await client.request("workspace/executeCommand", { command: "gongwen.server.fixAll", arguments: [{ uri, version: 1 }] });
  const shown = client.notifications.slice(before).filter((n) => n.method === "window/showMessage").map((n) => (n.params as { message: string }).message);
  assert.deepEqual(shown, ["公文助手：已修复 2 个问题。剩下 2 个需要您处理：待填写的模板内容 1 处（需要您填写；“D”等替代字可用快速修复还原）；重复段落 1 处（保留哪一段由您决定，快速修复可删除副本）。"]);
});

test("a quick fix computed for an older version is refused", async () => {
  const uri = "file:///tmp/gongwen-test/stale.txt";
  const opened = client.diagnostics(uri);
  client.open(uri, PLAN);
  const { diagnostics } = await opened;
  const changed = client.diagnostics(uri, (p) => p.version === 2);
  client.notify("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "附件" }] });
  await changed;
  const actions = await client.request<Action[]>("textDocument/codeAction", {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics: [diagnostics[0]], only: ["quickfix"] },
  });
  assert.deepEqual(actions.filter((a) => a.edit), []);
});

test("ranges count UTF-16 units after astral characters and ignore CRLF", async () => {
  const uri = "file:///tmp/gongwen-test/astral.txt";
  const text = ["工作计划😀", "", "一、总体要求𠀀", "𠀀😀：一是加强学习，三是加强领导。", "三、主要任务"].join("\r\n");
  const opened = client.diagnostics(uri);
  client.open(uri, text);
  const { diagnostics } = await opened;
  const ranges = diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
  // "𠀀😀：一是加强学习，" is 2+2+1+2+4+1 = 12 UTF-16 units before "三是".
  assert.deepEqual(ranges, [
    ["enumeration-sequence", 3, 12, 3, 14],
    ["numbering-sequence", 4, 0, 4, 2],
  ]);
});

test("English messages for a non-Chinese locale; no diagnostics for plain text without Chinese", async () => {
  const english = new LspClient();
  try {
    await english.initialize({ locale: "en" });
    const uri = "file:///tmp/gongwen-test/en.txt";
    const opened = english.diagnostics(uri);
    english.open(uri, PLAN);
    const { diagnostics } = await opened;
    assert.equal(diagnostics[0].message, 'Numbering gap: expected "二、", found "三、"');
    assert.equal(diagnostics.find((d) => d.code === "enumeration-sequence")?.message, 'Enumeration repeats a number: expected "三是", found "二是"');
    const blank = "file:///tmp/gongwen-test/en-blank.txt";
    const blankOpened = english.diagnostics(blank);
    english.open(blank, "工作计划\n\n做好（）项工作。\n");
    assert.deepEqual((await blankOpened).diagnostics.map((d) => d.message), ['Blank left to fill in: "（）"']);
    const latin = "file:///tmp/gongwen-test/latin.txt";
    const none = english.diagnostics(latin);
    english.open(latin, "1. one\n3. three\n");
    assert.deepEqual((await none).diagnostics, []);
  } finally {
    await english.shutdown();
  }
});

test("completion at a line start offers the next number of each level in the document's style", async () => {
  const uri = "file:///tmp/gongwen-test/complete.txt";
  const text = ["工作计划", "", "一、总体要求", "(一)坚持稳中求进。", "(二)坚持问题导向。", "（"].join("\n");
  const opened = client.diagnostics(uri);
  client.open(uri, text);
  await opened;
  const items = await client.request<Array<{ label: string; textEdit?: { range: Range; newText: string } }>>("textDocument/completion", {
    textDocument: { uri },
    position: { line: 5, character: 1 },
    context: { triggerKind: 2, triggerCharacter: "（" },
  });
  // What was typed narrows the list: after "（" only the bracketed number, in the document's "(三)" style.
  assert.deepEqual(items.map((i) => i.label), ["(三)"]);
  assert.deepEqual(items[0].textEdit!.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } });
  const none = await client.request<unknown[]>("textDocument/completion", { textDocument: { uri }, position: { line: 3, character: 5 } });
  assert.deepEqual(none, [], "no numbers offered in the middle of a line");
});

test("completion replaces an auto-closed bracket, follows what was typed, and works after Markdown's ##", async () => {
  type Item = { label: string; preselect?: boolean; insertTextFormat?: number; textEdit?: { range: Range; newText: string } };
  const ask = (uri: string, line: number, character: number) => client.request<Item[]>("textDocument/completion", { textDocument: { uri }, position: { line, character } });
  const uri = "file:///tmp/gongwen-test/complete-closed.gw";
  const text = ["工作计划", "", "一、总体要求", "（一）坚持稳中求进。", "（二）坚持问题导向。", "（）", "二", "(）", "yj"].join("\n");
  const opened = client.diagnostics(uri);
  client.open(uri, text, "gongwen");
  await opened;
  // "（|）": the editor closed the bracket; accepting （三） must replace it too.
  const closed = await ask(uri, 5, 1);
  assert.deepEqual(closed.map((i) => [i.label, i.textEdit!.range.start.character, i.textEdit!.range.end.character]), [["（三）", 0, 2]]);
  assert.equal(applyLspEdits(text, [closed[0].textEdit!]).split("\n")[5], "（三）");
  // "二" typed: 二、 (the next level-1 number) and the level-2 snippet, never 三、 or another number.
  const two = await ask(uri, 6, 1);
  assert.deepEqual(two.map((i) => i.label), ["二、", "二级标题"]);
  assert.equal(two[0].preselect, true);
  // "(" typed in half width still finds （三）.
  assert.deepEqual((await ask(uri, 7, 1)).map((i) => i.textEdit!.newText), ["（三）"]);
  // The heading snippet carries the next number, not always 一.
  const snippet = (await ask(uri, 8, 2)).find((i) => i.label === "yjbt")!;
  assert.equal(snippet.insertTextFormat, 2);
  assert.equal(snippet.textEdit!.newText, "${1:二}、${2:标题}\n$0");

  const md = "file:///tmp/gongwen-test/complete.md";
  const mdText = ["# 工作计划", "", "## 一、总体要求", "### （一）坚持稳中求进。", "", "## ", "### （"].join("\n");
  const mdOpened = client.diagnostics(md);
  client.open(md, mdText, "markdown");
  await mdOpened;
  const afterHashes = await ask(md, 5, 3);
  assert.equal(afterHashes[0].label, "二、", "after ## the level the document writes with ## comes first");
  assert.deepEqual(afterHashes[0].textEdit!.range, { start: { line: 5, character: 3 }, end: { line: 5, character: 3 } });
  assert.deepEqual((await ask(md, 6, 5)).map((i) => i.label), ["（二）"]);
});

test("the renumber command applies an edit that changes only numbers; documentStats counts 字数", async () => {
  const uri = "file:///tmp/gongwen-test/renumber.txt";
  const text = ["工作计划", "", "一、总体要求", "三、主要任务", "（一）甲。", "（三）乙。", "五、保障措施"].join("\n");
  const opened = client.diagnostics(uri);
  client.open(uri, text);
  await opened;
  const before = client.serverRequests.length;
  await client.request("workspace/executeCommand", { command: "gongwen.server.renumber", arguments: [{ uri, version: 1 }] });
  const applied = client.serverRequests.slice(before).find((r) => r.method === "workspace/applyEdit");
  assert.ok(applied, "the server asked the client to apply an edit");
  const change = (applied.params as { edit: { documentChanges: Array<{ textDocument: { version: number }; edits: Array<{ range: Range; newText: string }> }> } }).edit.documentChanges[0];
  assert.equal(change.textDocument.version, 1);
  assert.equal(applyLspEdits(text, change.edits), ["工作计划", "", "一、总体要求", "二、主要任务", "（一）甲。", "（二）乙。", "三、保障措施"].join("\n"));

  const stale = await client.request<{ applied: boolean }>("workspace/executeCommand", { command: "gongwen.server.renumber", arguments: [{ uri, version: 7 }] });
  assert.equal(stale.applied, false, "a command for another version is refused");

  const stats = await client.request<{ characters: number; charactersWithoutSpaces: number; findings: number; checked: boolean }>("gongwen/documentStats", { uri });
  assert.deepEqual(stats, { characters: 32, charactersWithoutSpaces: 32, findings: 3, checked: true });
  const latin = "file:///tmp/gongwen-test/english.txt";
  const none = client.diagnostics(latin);
  client.open(latin, "Plain English notes.\n");
  await none;
  const skipped = await client.request<{ checked: boolean }>("gongwen/documentStats", { uri: latin });
  assert.equal(skipped.checked, false, "a plain-text file without Chinese is not checked, so the status bar hides");
});

test("a text converted from a web page: one punctuation-width finding per line, and one action fixes them all", async () => {
  const uri = "file:///tmp/gongwen-test/web-copy.txt";
  const text = ["区统计局2024年工作总结", "", "一、主要工作", "2024年,我局认真贯彻落实\"稳中求进\"工作总基调,扎实推进各项工作.", "全年完成1,000户调查,样本轮换率3.5%,比上年提高0.5个百分点.", "会议定于上午10:30召开 , 请准时参加."].join("\n");
  const published = client.diagnostics(uri);
  client.open(uri, text);
  const { diagnostics } = await published;
  const width = diagnostics.filter((d) => d.code === "punctuation-width");
  assert.deepEqual(width.map((d) => d.range.start.line), [3, 4, 5], "one finding per line, not one per mark");
  assert.equal(width[0].relatedInformation?.length, 4, "the line's other marks are related locations");
  const actions = await client.request<Action[]>("textDocument/codeAction", { textDocument: { uri }, range: width[1].range, context: { diagnostics: [width[1]], only: ["quickfix"] } });
  const line = actions.find((a) => a.isPreferred);
  assert.equal(line?.title, "将本行3处半角标点改为全角");
  const all = actions.find((a) => a.command?.command === "gongwen.server.fixRule");
  assert.equal(all?.title, "修复本文档中全部 punctuation-width 问题（3 处）");
  const before = client.serverRequests.length;
  await client.request("workspace/executeCommand", { command: "gongwen.server.fixRule", arguments: [{ uri, version: 1, ruleId: "punctuation-width" }] });
  const applied = client.serverRequests.slice(before).find((r) => r.method === "workspace/applyEdit");
  assert.ok(applied, "the server asked the client to apply an edit");
  const change = (applied.params as { edit: { documentChanges: Array<{ edits: Array<{ range: Range; newText: string }> }> } }).edit.documentChanges[0];
  assert.equal(
    applyLspEdits(text, change.edits),
    ["区统计局2024年工作总结", "", "一、主要工作", "2024年，我局认真贯彻落实“稳中求进”工作总基调，扎实推进各项工作。", "全年完成1,000户调查，样本轮换率3.5%，比上年提高0.5个百分点。", "会议定于上午10:30召开 ， 请准时参加。"].join("\n"),
    "only the marks are changed: numbers, times and the blanks (stray-space's) stay",
  );
  const missing = await client.request<{ applied: boolean }>("workspace/executeCommand", { command: "gongwen.server.fixRule", arguments: [{ uri, version: 1 }] });
  assert.equal(missing.applied, false, "a rule id is required");
});

test("a client's own language id ('text', 'md') falls back to the file extension", async () => {
  const uri = "file:///tmp/gongwen-test/other-client.txt";
  const published = client.diagnostics(uri);
  client.open(uri, PLAN, "text");
  const { diagnostics } = await published;
  assert.ok(diagnostics.some((d) => d.code === "numbering-sequence"), "checked as plain text");
  const md = "file:///tmp/gongwen-test/other-client.md";
  const mdPublished = client.diagnostics(md);
  client.open(md, "# 工作计划\n\n```\n一、甲\n三、乙\n```\n", "md");
  assert.deepEqual((await mdPublished).diagnostics, [], "parsed as Markdown: fenced code is not checked");
});

test("a client without workspace/configuration can push settings with didChangeConfiguration", async () => {
  const pushing = new LspClient();
  try {
    await pushing.initialize({ locale: "zh-cn", configuration: false });
    const uri = "file:///tmp/gongwen-test/pushed.txt";
    const opened = pushing.diagnostics(uri);
    pushing.open(uri, PLAN);
    assert.ok((await opened).diagnostics.some((d) => d.code === "numbering-style"));
    const again = pushing.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === "numbering-style"));
    pushing.notify("workspace/didChangeConfiguration", { settings: { gongwen: { rules: { "numbering-style": "off" } } } });
    const { diagnostics } = await again;
    assert.ok(diagnostics.some((d) => d.code === "numbering-sequence"), "the other rules still report");
  } finally {
    await pushing.shutdown();
  }
});

test("the extension's own pages (rule pages, README) are never checked; the same text elsewhere is", async () => {
  const page = join(REPO_ROOT, "docs", "rules", "placeholder.md");
  const text = readFileSync(page, "utf8");
  const own = pathToFileURL(page).href;
  const copy = "file:///tmp/gongwen-test/placeholder-copy.md";
  const ownPublished = client.diagnostics(own);
  client.open(own, text, "markdown");
  assert.deepEqual((await ownPublished).diagnostics, []);
  const copyPublished = client.diagnostics(copy);
  client.open(copy, text, "markdown");
  assert.ok((await copyPublished).diagnostics.length > 10, "the page quotes placeholders on purpose");
  const symbols = await client.request<unknown[]>("textDocument/documentSymbol", { textDocument: { uri: own } });
  assert.deepEqual(symbols, []);
});
