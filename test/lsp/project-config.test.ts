// The server and .gongwenrc.json: the file wins over editor settings, a broken file is shown
// once, a changed file re-checks open documents, and the allow-list quick fix edits the file.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { scratch } from "../support/cli";
import { LspClient, type PublishedDiagnostics } from "../support/lsp-client";

const PLAN = ["区统计局2024年工作计划", "", "一、总体要求", "", "三、主要任务", "", "完成XX县统计调查任务。", ""].join("\n");
const codes = (p: PublishedDiagnostics) => p.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`);

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize({ locale: "zh-cn" });
});
after(async () => {
  await client.shutdown();
});

test("the config file wins over the editor settings; editing it re-checks open documents", async () => {
  const s = scratch({ ".gongwenrc.json": JSON.stringify({ rules: { placeholder: "off" } }), "plan.txt": PLAN });
  try {
    // Editor settings turn numbering-sequence off and placeholder on; the file turns placeholder off.
    client.settings = { rules: { "numbering-sequence": "off", placeholder: "warning" } };
    client.notify("workspace/didChangeConfiguration", { settings: null });
    const uri = pathToFileURL(s.path("plan.txt")).href;
    const first = client.diagnostics(uri, (p) => p.version === 1);
    client.open(uri, PLAN, "plaintext", 1);
    assert.deepEqual(codes(await first), []);

    writeFileSync(s.path(".gongwenrc.json"), JSON.stringify({ rules: { "numbering-sequence": "warning" } }));
    const second = client.diagnostics(uri, (p) => p.diagnostics.length === 2);
    client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(s.path(".gongwenrc.json")).href, type: 2 }] });
    assert.deepEqual(codes(await second), ["5 numbering-sequence", "7 placeholder"]);
    client.notify("textDocument/didClose", { textDocument: { uri } });
  } finally {
    client.settings = null;
    client.notify("workspace/didChangeConfiguration", { settings: null });
    s.cleanup();
  }
});

test("a broken config file is shown once, and the defaults apply", async () => {
  const s = scratch({ ".gongwenrc.json": '{ "rules": { "placeholder": "off" ', "a.txt": PLAN, "b.txt": PLAN });
  try {
    const before = client.notifications.length;
    for (const name of ["a.txt", "b.txt"]) {
      const uri = pathToFileURL(s.path(name)).href;
      const published = client.diagnostics(uri, (p) => p.version === 1);
      client.open(uri, PLAN, "plaintext", 1);
      assert.deepEqual(codes(await published), ["5 numbering-sequence", "7 placeholder"]);
      client.notify("textDocument/didClose", { textDocument: { uri } });
    }
    const shown = client.notifications.slice(before).filter((n) => n.method === "window/showMessage");
    assert.equal(shown.length, 1);
    assert.match((shown[0].params as { message: string }).message, /\.gongwenrc\.json:1:\d+: 配置文件不是有效的 JSON/);
  } finally {
    s.cleanup();
  }
});

test("'add to the project's allow-list' edits the nearest config file", async () => {
  const s = scratch({ ".gongwenrc.json": JSON.stringify({ rules: { "numbering-sequence": "off" } }), "plan.txt": PLAN });
  try {
    const uri = pathToFileURL(s.path("plan.txt")).href;
    const published = client.diagnostics(uri, (p) => p.version === 1);
    client.open(uri, PLAN, "plaintext", 1);
    const diagnostic = (await published).diagnostics.find((d) => d.code === "placeholder");
    assert.ok(diagnostic);
    const actions = await client.request<Array<{ title: string; edit?: { changes?: Record<string, Array<{ newText: string }>> } }>>("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const add = actions.find((a) => a.title.includes("允许列表"));
    assert.ok(add, actions.map((a) => a.title).join("; "));
    assert.match(add.title, /“XX”/);
    const edits = add.edit?.changes?.[pathToFileURL(s.path(".gongwenrc.json")).href];
    assert.ok(edits && edits.length === 1);
    assert.deepEqual(JSON.parse(edits[0].newText), { rules: { "numbering-sequence": "off", placeholder: { allow: ["XX"] } } });
    client.notify("textDocument/didClose", { textDocument: { uri } });

    // Not offered for a document that is not on disk.
    const untitled = "untitled:plan";
    const p2 = client.diagnostics(untitled, (p) => p.version === 1);
    client.open(untitled, PLAN, "plaintext", 1);
    const d2 = (await p2).diagnostics.find((d) => d.code === "placeholder");
    assert.ok(d2);
    const none = await client.request<Array<{ title: string }>>("textDocument/codeAction", { textDocument: { uri: untitled }, range: d2.range, context: { diagnostics: [d2] } });
    assert.equal(none.filter((a) => a.title.includes("允许列表")).length, 0);
    client.notify("textDocument/didClose", { textDocument: { uri: untitled } });
  } finally {
    s.cleanup();
  }
});
