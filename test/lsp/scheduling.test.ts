// When the server checks: each version of a document once (opening a document raises both
// didOpen and a content change), and the same version again after a settings change.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { LspClient } from "../support/lsp-client";

const PLAN = ["区统计局2024年工作计划", "", "一、总体要求", "三、重点任务", "XX县要做好统计工作。"].join("\n");

let client: LspClient;
before(async () => {
  client = new LspClient();
  client.settings = { debounceMs: 0 };
  await client.initialize({ locale: "zh-cn" });
});
after(async () => {
  await client.shutdown();
});

const publicationsOf = (uri: string, version: number) => client.published.filter((p) => p.uri === uri && p.version === version).length;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("an opened document is checked once", async () => {
  const uri = "file:///scheduling/open.txt";
  client.open(uri, PLAN);
  const first = await client.diagnostics(uri, (p) => p.version === 1);
  assert.ok(first.diagnostics.some((d) => d.code === "numbering-sequence"));
  assert.ok(first.diagnostics.some((d) => d.code === "placeholder"));
  await pause(300);
  // didOpen also raises a content change: it must not start a second check of the same text.
  assert.equal(publicationsOf(uri, 1), 1);
});

test("a settings change checks the open version again", async () => {
  const uri = "file:///scheduling/settings.txt";
  client.open(uri, PLAN);
  await client.diagnostics(uri, (p) => p.version === 1);
  await pause(300);
  client.settings = { debounceMs: 0, rules: { placeholder: "off" } };
  client.notify("workspace/didChangeConfiguration", { settings: null });
  const again = await client.diagnostics(uri, (p) => p.version === 1 && !p.diagnostics.some((d) => d.code === "placeholder"));
  assert.ok(again.diagnostics.some((d) => d.code === "numbering-sequence"));
  assert.equal(publicationsOf(uri, 1), 2);
});

test("settings are asked for once, not per document or keystroke, and again after a change", async () => {
  const asked = () => client.serverRequests.filter((r) => r.method === "workspace/configuration").length;
  client.notify("workspace/didChangeConfiguration", { settings: null });
  const uris = ["file:///scheduling/a.txt", "file:///scheduling/b.txt", "file:///elsewhere/c.txt"];
  const before = asked();
  for (const uri of uris) {
    client.open(uri, PLAN);
    await client.diagnostics(uri, (p) => p.version === 1);
  }
  client.notify("textDocument/didChange", { textDocument: { uri: uris[0], version: 2 }, contentChanges: [{ text: PLAN + "\n二、" }] });
  await client.diagnostics(uris[0], (p) => p.version === 2);
  // No workspace folders: every document shares the editor's one answer.
  assert.equal(asked() - before, 1);
  // After a change notification the settings are asked for again (here they did not change, so
  // nothing is checked again: see the next test).
  client.notify("workspace/didChangeConfiguration", { settings: null });
  while (asked() - before < 2) await pause(5);
  assert.equal(asked() - before, 2);
});

test("a configuration notification that changes nothing checks nothing again", async () => {
  const uri = "file:///scheduling/unchanged.txt";
  // The client's answer to the first settings request is held back, so that the document's first
  // check is still under way when the next notification comes (as VS Code's client sends one
  // right after opening the documents).
  let release: () => void = () => undefined;
  let held = false;
  client.answers.set("workspace/configuration", (params) => {
    client.answers.delete("workspace/configuration");
    held = true;
    const items = (params as { items: unknown[] }).items;
    return new Promise((resolve) => (release = () => resolve(items.map(() => client.settings))));
  });
  client.notify("workspace/didChangeConfiguration", { settings: null });
  const published = client.diagnostics(uri, (p) => p.version === 1);
  client.open(uri, PLAN);
  while (!held) await pause(5);
  client.notify("workspace/didChangeConfiguration", { settings: null });
  await pause(100);
  release();
  await published;
  await pause(300);
  assert.equal(publicationsOf(uri, 1), 1, "one check: the settings did not change");
  // A real change still checks again.
  client.settings = { debounceMs: 0, rules: { "numbering-sequence": "off" } };
  client.notify("workspace/didChangeConfiguration", { settings: null });
  await client.diagnostics(uri, (p) => p.version === 1 && !p.diagnostics.some((d) => d.code === "numbering-sequence"));
  assert.equal(publicationsOf(uri, 1), 2);
  client.settings = { debounceMs: 0 };
  client.notify("workspace/didChangeConfiguration", { settings: null });
});
