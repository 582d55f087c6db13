// The page preview through the protocol (gongwen/previewPages), from the built server, which loads
// the preview's bundle (dist/preview-pages.js) on the first request: pages for the open document,
// the findings it published marked in them, HTML only for pages the client lacks, a new version's
// pages after an edit, and no answer for a document that is not open.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { LspClient } from "../support/lsp-client";

interface Answer {
  uri: string;
  version: number;
  pages: Array<{ number: number; key: string; line: number }>;
  html: Array<{ number: number; key: string; html: string }>;
  css: string;
  findings: number;
  findingsCurrent: boolean;
}

const URI = "file:///preview/plan.txt";
const PLAN = ["区统计局2024年工作计划", "", "一、总体要求", "请于XX月底前完成各项任务。", ...Array.from({ length: 60 }, (_, i) => `第${i + 1}项工作要认真落实，确保各项任务按期完成。`)].join("\n") + "\n";

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize({ locale: "zh-cn", configuration: false });
});
after(() => client.shutdown());

test("an open document's pages, with the findings the server published underlined", async () => {
  const published = client.diagnostics(URI, (p) => p.diagnostics.length > 0);
  client.open(URI, PLAN, "plaintext", 1);
  await published;
  const answer = await client.request<Answer>("gongwen/previewPages", { uri: URI, from: 1, to: 2 });
  assert.equal(answer.version, 1);
  assert.ok(answer.pages.length >= 3, `pages: ${answer.pages.length}`);
  assert.deepEqual(answer.html.map((h) => h.number), [1, 2]);
  assert.match(answer.html[0].html, /<div class="l e-title[^"]*" data-line="0">/);
  assert.match(answer.html[0].html, /class="f f-warning"[^>]*\(placeholder\)">XX</);
  assert.ok(answer.findingsCurrent && answer.findings > 0);
  assert.match(answer.css, /\.gw-page\{width:595\.3pt;height:841\.9pt;\}/);
});

test("pages the client holds are not sent again; after an edit, the new version and the pages it changed", async () => {
  const first = await client.request<Answer>("gongwen/previewPages", { uri: URI, from: 1, to: 3 });
  const known = Object.fromEntries(first.pages.map((p) => [p.number, p.key]));
  const again = await client.request<Answer>("gongwen/previewPages", { uri: URI, from: 1, to: 3, known });
  assert.deepEqual(again.html, []);
  client.notify("textDocument/didChange", { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: "新增一句。" }] });
  const edited = await client.request<Answer>("gongwen/previewPages", { uri: URI, from: 1, to: 3, known });
  assert.equal(edited.version, 2);
  assert.ok(edited.html.some((h) => h.number === 1 && h.html.includes("新增一句。")));
});

test("a document the server does not have is answered with null, a bad request without a crash", async () => {
  assert.equal(await client.request("gongwen/previewPages", { uri: "file:///not/open.txt" }), null);
  assert.equal(await client.request("gongwen/previewPages", { uri: 42 }), null);
  const still = await client.request<Answer>("gongwen/previewPages", { uri: URI, from: 2, to: 1 });
  assert.deepEqual(still.html, []);
});
