// The server and .gongwenrc.json: the file wins over editor settings, a broken file is shown
// once, a changed file re-checks open documents, and the allow-list quick fix edits the file.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { scratch } from "../support/cli";
import { LspClient, type PublishedDiagnostics } from "../support/lsp-client";

const PLAN = ["区统计局2024年工作计划", "", "一、总体要求", "", "三、主要任务", "", "完成XX县统计调查任务。", ""].join("\n");
const codes = (p: PublishedDiagnostics) => p.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`);

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize({ locale: "zh-cn", showDocument: true });
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

type Action = { title: string; isPreferred?: boolean; edit?: unknown; command?: { command: string; arguments?: unknown[] } };

async function placeholderActions(uri: string, text: string): Promise<{ actions: Action[]; diagnostic: PublishedDiagnostics["diagnostics"][number] }> {
  const published = client.diagnostics(uri, (p) => p.version === 1);
  client.open(uri, text, "plaintext", 1);
  const diagnostic = (await published).diagnostics.find((d) => d.code === "placeholder");
  assert.ok(diagnostic);
  const actions = await client.request<Action[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  return { actions, diagnostic };
}

test("allowing a placeholder project-wide is never the first or preferred action, and is a command", async () => {
  const s = scratch({ ".gongwenrc.json": JSON.stringify({ rules: { "numbering-sequence": "off" } }), "plan.txt": PLAN });
  try {
    const uri = pathToFileURL(s.path("plan.txt")).href;
    const { actions } = await placeholderActions(uri, PLAN);
    const allow = actions.findIndex((a) => a.command?.command === "gongwen.server.allowPlaceholder");
    assert.ok(allow > 0, actions.map((a) => a.title).join("; "));
    assert.equal(allow, actions.length - 1, "it comes last");
    assert.notEqual(actions[allow].isPreferred, true);
    assert.equal(actions[allow].edit, undefined, "nothing is written until the command runs");
    assert.match(actions[allow].title, /允许本项目中所有的“XX”/);
    assert.match(actions[0].title, /选中“XX”/);
    assert.equal(actions[0].command?.command, "gongwen.server.select");
    client.notify("textDocument/didClose", { textDocument: { uri } });

    // Not offered for a document that is not on disk.
    const untitled = "untitled:plan";
    const { actions: none } = await placeholderActions(untitled, PLAN);
    assert.equal(none.filter((a) => a.command?.command === "gongwen.server.allowPlaceholder").length, 0);
    client.notify("textDocument/didClose", { textDocument: { uri: untitled } });
  } finally {
    s.cleanup();
  }
});

test("the allow command writes the config, says so, and its Undo restores the file", async () => {
  const original = JSON.stringify({ rules: { "numbering-sequence": "off" } });
  const s = scratch({ ".gongwenrc.json": original, "plan.txt": PLAN });
  let choose: (title: string | undefined) => void = () => undefined;
  const asked = new Promise<{ message: string; actions: Array<{ title: string }> }>((resolve) => {
    client.answers.set("window/showMessageRequest", (params) => {
      resolve(params as { message: string; actions: Array<{ title: string }> });
      return new Promise((answer) => (choose = (title) => answer(title === undefined ? null : { title })));
    });
  });
  try {
    const uri = pathToFileURL(s.path("plan.txt")).href;
    const { actions } = await placeholderActions(uri, PLAN);
    const allow = actions.find((a) => a.command?.command === "gongwen.server.allowPlaceholder")!;
    const quiet = client.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === "placeholder"));
    await client.request("workspace/executeCommand", { command: allow.command!.command, arguments: allow.command!.arguments });
    assert.deepEqual(JSON.parse(readFileSync(s.path(".gongwenrc.json"), "utf8")), { rules: { "numbering-sequence": "off", placeholder: { allow: ["XX"] } } });
    await quiet;
    const { message, actions: buttons } = await asked;
    assert.match(message, /已将“XX”加入 \.gongwenrc\.json 的占位符允许列表：本项目中的“XX”都不再提示/);
    assert.deepEqual(buttons.map((b) => b.title), ["撤销", "打开 .gongwenrc.json"]);
    const flagged = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === "placeholder"));
    choose("撤销");
    await flagged;
    assert.equal(readFileSync(s.path(".gongwenrc.json"), "utf8"), original, "the file as it was");
    client.notify("textDocument/didClose", { textDocument: { uri } });
  } finally {
    client.answers.delete("window/showMessageRequest");
    s.cleanup();
  }
});

test("a config file the allow command created is removed again by Undo", async () => {
  const s = scratch({ "plan.txt": PLAN });
  client.answers.set("window/showMessageRequest", () => ({ title: "撤销" }));
  try {
    const uri = pathToFileURL(s.path("plan.txt")).href;
    const { actions } = await placeholderActions(uri, PLAN);
    const allow = actions.find((a) => a.command?.command === "gongwen.server.allowPlaceholder")!;
    const undone = new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const done = client.notifications.some((n) => n.method === "window/showMessage" && /已撤销/.test((n.params as { message: string }).message));
        if (done || Date.now() - started > 10_000) {
          clearInterval(poll);
          if (done) resolve();
          else reject(new Error("no 已撤销 message"));
        }
      }, 20);
    });
    await client.request("workspace/executeCommand", { command: allow.command!.command, arguments: allow.command!.arguments });
    await undone;
    assert.equal(existsSync(s.path(".gongwenrc.json")), false);
    client.notify("textDocument/didClose", { textDocument: { uri } });
  } finally {
    client.answers.delete("window/showMessageRequest");
    s.cleanup();
  }
});

test("select and go-to-next ask the client to show the placeholder selected; （） puts the cursor inside", async () => {
  const text = ["区统计局2024年工作计划", "", "一、总体要求", "完成XX县统计调查任务。", "二、主要任务", "做好（）项工作，落实××要求。", ""].join("\n");
  const uri = "untitled:placeholders";
  const { actions } = await placeholderActions(uri, text);
  const titles = actions.map((a) => a.title);
  assert.deepEqual(titles, ["选中“XX”，输入内容替换它", "转到下一处待填写内容“（）”（第 6 行）"]);
  const before = client.serverRequests.length;
  const next = actions[1].command!;
  await client.request("workspace/executeCommand", { command: next.command, arguments: next.arguments });
  const shown = client.serverRequests.slice(before).find((r) => r.method === "window/showDocument");
  assert.deepEqual(shown?.params, { uri, selection: { start: { line: 5, character: 2 }, end: { line: 5, character: 4 } }, takeFocus: true });

  const blank = (await client.request<PublishedDiagnostics["diagnostics"]>("textDocument/codeAction", {
    textDocument: { uri },
    range: { start: { line: 5, character: 2 }, end: { line: 5, character: 4 } },
    context: { diagnostics: (client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? []).filter((d) => d.range.start.line === 5 && d.range.start.character === 2) },
  })) as unknown as Action[];
  assert.equal(blank[0].title, "在“（）”中填写");
  assert.deepEqual((blank[0].command!.arguments![0] as { range: unknown }).range, { start: { line: 5, character: 3 }, end: { line: 5, character: 3 } });
  client.notify("textDocument/didClose", { textDocument: { uri } });
});
