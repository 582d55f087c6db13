// Word documents through the protocol, as the VS Code client uses them: the server reads a .docx
// (gongwen/readWordDocument) and checks the read-only `gongwen-docx:` document holding its text.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LspClient } from "../support/lsp-client";
import { buildWord } from "../support/word";

type Result = { text: string; paragraphs: number; tables: number; trackedChanges: number } | { error: { zh: string; en: string }; code: string };

const PLAN = ["区统计局2024年工作计划", "一、总体要求", "坚持稳中求进。", "三、主要任务", "完成XX县统计调查任务。"].join("\n");

let client: LspClient;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "gongwen-lsp-docx-"));
  client = new LspClient();
  await client.initialize({ locale: "zh-cn" });
});
after(async () => {
  await client.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

test("the server reads a Word document and checks its read-only text", async () => {
  const built = await buildWord(PLAN, { numbering: true, changes: 2 });
  const path = join(dir, "计划.docx");
  writeFileSync(path, built.bytes);
  const file = pathToFileURL(path).href;
  const result = await client.request<Result>("gongwen/readWordDocument", { uri: file });
  assert.ok("text" in result, JSON.stringify(result));
  assert.equal(result.text, PLAN);
  assert.equal(result.paragraphs, 5);
  const uri = file.replace(/^file:/, "gongwen-docx:");
  client.open(uri, result.text, "gongwen");
  const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line]).sort(), [["numbering-sequence", 3], ["placeholder", 4]]);
  // Read-only: no quick fixes, no fix-all, no completion.
  const actions = await client.request<unknown[]>("textDocument/codeAction", { textDocument: { uri }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } });
  assert.deepEqual(actions, []);
  const fixAll = await client.request<{ applied: boolean }>("workspace/executeCommand", { command: "gongwen.server.fixAll", arguments: [{ uri, version: 1 }] });
  assert.equal(fixAll.applied, false);
  assert.equal(client.serverRequests.filter((r) => r.method === "workspace/applyEdit").length, 0);
  const symbols = await client.request<Array<{ name: string }>>("textDocument/documentSymbol", { textDocument: { uri } });
  assert.ok(symbols.length > 0, "the outline of the text");
});

test("a file that cannot be read gets its reason in both languages", async () => {
  const path = join(dir, "old.doc");
  writeFileSync(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  const legacy = await client.request<Result>("gongwen/readWordDocument", { uri: pathToFileURL(path).href });
  assert.ok("error" in legacy && legacy.code === "legacy-doc" && /另存为/.test(legacy.error.zh) && /\.docx/.test(legacy.error.en));
  const missing = await client.request<Result>("gongwen/readWordDocument", { uri: pathToFileURL(join(dir, "none.docx")).href });
  assert.ok("error" in missing && missing.code === "unreadable");
  const remote = await client.request<Result>("gongwen/readWordDocument", { uri: "vscode-vfs://github/x/计划.docx" });
  assert.ok("error" in remote && remote.code === "not-a-file");
  assert.equal(client.exitCode, undefined, "the server is still running");
});
