// Export to Word through the protocol (gongwen/exportDocx), as the extension asks it: the
// findings first, then whether to replace, then the file written by the writer's worker;
// diagnostics keep flowing; bad requests get a clear answer.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { LspClient } from "../support/lsp-client";
import { scratch } from "../support/cli";
import { paragraphs, unzipDocx } from "../support/docx";

type Answer =
  | { status: "findings"; message: string; summary: { total: number; kinds: Array<{ ruleId: string; count: number }>; first?: { line: number; character: number } } }
  | { status: "exists"; target: string }
  | { status: "written"; target: string; bytes: number }
  | { status: "failed"; message: string };

const PLAN = "区统计局20XX年工作计划\n\n一、总体要求\n坚持稳中求进。\n三、主要任务\n完成统计调查任务。\n";

let client: LspClient;
const files = scratch({});
before(async () => {
  client = new LspClient();
  await client.initialize({ locale: "zh-cn", configuration: false });
});
after(async () => {
  await client.shutdown();
  files.cleanup();
});

test("an open document: findings first (kinds, counts, the first one), then the file; an existing file is asked about", async () => {
  const path = files.path("plan.txt");
  writeFileSync(path, "saved text is not what is exported");
  const uri = pathToFileURL(path).href;
  const published = client.diagnostics(uri);
  client.open(uri, PLAN, "plaintext", 3);
  await published;
  const first = await client.request<Answer>("gongwen/exportDocx", { uri, version: 3 });
  assert.equal(first.status, "findings");
  if (first.status !== "findings") return;
  assert.match(first.message, /^文档还有 2 个问题：占位符 1 处，序号不连续 1 处$/);
  // The first finding, where "go to the first" takes the writer: 20XX in the title.
  assert.deepEqual(first.summary.first && [first.summary.first.line, first.summary.first.character], [0, 4]);
  const written = await client.request<Answer>("gongwen/exportDocx", { uri, version: 3, ignoreFindings: true });
  assert.equal(written.status, "written");
  if (written.status !== "written") return;
  assert.equal(written.target, files.path("plan.docx"));
  // The editor's text (version 3), not the file on disk.
  const texts = paragraphs(unzipDocx(readFileSync(written.target))["word/document.xml"]).map((p) => p.text);
  assert.ok(texts.includes("区统计局20XX年工作计划") && texts.includes("三、主要任务"), texts.join(" | "));
  const again = await client.request<Answer>("gongwen/exportDocx", { uri, version: 3, ignoreFindings: true });
  assert.deepEqual(again, { status: "exists", target: files.path("plan.docx") });
  const replaced = await client.request<Answer>("gongwen/exportDocx", { uri, version: 3, ignoreFindings: true, overwrite: true });
  assert.equal(replaced.status, "written");
});

test("a document the server does not have open (the explorer's menu) is exported from the text the client sends, or from disk", async () => {
  const path = files.path("summary.md");
  writeFileSync(path, "# 区统计局2023年工作总结\n\n## 一、主要成绩\n\n完成**全部**任务。\n");
  const uri = pathToFileURL(path).href;
  const fromDisk = await client.request<Answer>("gongwen/exportDocx", { uri, languageId: "markdown" });
  assert.equal(fromDisk.status, "written");
  const doc = unzipDocx(readFileSync(files.path("summary.docx")))["word/document.xml"];
  assert.match(doc, /<w:b\/>.*全部/s);
  const sent = await client.request<Answer>("gongwen/exportDocx", { uri, languageId: "markdown", text: "# 区统计局2024年工作计划\n\n正文。\n", overwrite: true });
  assert.equal(sent.status, "written");
  assert.match(unzipDocx(readFileSync(files.path("summary.docx")))["word/document.xml"], /区统计局2024年工作计划/);
});

test("bad requests answer with a clear message: untitled without a target, a missing folder, an empty document, a read-only target", async () => {
  const untitled = await client.request<Answer>("gongwen/exportDocx", { uri: "untitled:Untitled-1", text: "区统计局2024年工作计划\n\n正文。\n", ignoreFindings: true });
  assert.deepEqual(untitled, { status: "failed", message: "这个文档还没有保存为文件：请选择导出位置" });
  const target = files.path("untitled.docx");
  const chosen = await client.request<Answer>("gongwen/exportDocx", { uri: "untitled:Untitled-1", text: "区统计局2024年工作计划\n\n正文。\n", target, ignoreFindings: true });
  assert.equal(chosen.status, "written");
  const missing = await client.request<Answer>("gongwen/exportDocx", { uri: "untitled:Untitled-1", text: "区统计局2024年工作计划\n", target: files.path("no/such/x.docx"), ignoreFindings: true });
  assert.equal(missing.status, "failed");
  assert.match((missing as { message: string }).message, /^目标文件夹不存在/);
  const empty = await client.request<Answer>("gongwen/exportDocx", { uri: pathToFileURL(files.path("empty.txt")).href, text: "\n\n" });
  assert.deepEqual(empty, { status: "failed", message: "文档为空，没有可导出的内容" });
  mkdirSync(files.path("ro"));
  writeFileSync(files.path("ro/plan.docx"), "keep me", { mode: 0o444 });
  const readOnly = await client.request<Answer>("gongwen/exportDocx", { uri: pathToFileURL(files.path("ro/plan.txt")).href, text: "区统计局2024年工作计划\n\n正文。\n", ignoreFindings: true, overwrite: true });
  assert.equal(readOnly.status, "failed");
  assert.match((readOnly as { message: string }).message, /目标文件是只读的/);
  assert.equal(readFileSync(files.path("ro/plan.docx"), "utf8"), "keep me");
  assert.ok(!existsSync(files.path("empty.docx")));
});

test("the server keeps checking while a large document is exported (the writer runs in a worker)", async () => {
  const body = Array.from({ length: 3000 }, (_, k) => `${k % 9 === 0 ? "一、" : ""}坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，第${k}段。`).join("\n");
  const big = "区统计局2024年工作计划\n\n" + body + "\n";
  const uri = pathToFileURL(files.path("big.txt")).href;
  const exporting = client.request<Answer>("gongwen/exportDocx", { uri, text: big, ignoreFindings: true }, 60_000);
  const other = "file:///tmp/gongwen-export-test/other.txt";
  const published = client.diagnostics(other);
  client.open(other, "区统计局2024年工作计划\n\n一、总体要求\n三、主要任务\n");
  const order: string[] = [];
  const [answer, diagnostics] = await Promise.all([exporting.then((a) => (order.push("export"), a)), published.then((d) => (order.push("diagnostics"), d))]);
  assert.equal(answer.status, "written");
  assert.equal(diagnostics.diagnostics.length, 1);
  assert.deepEqual(order, ["diagnostics", "export"]);
});
