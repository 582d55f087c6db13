// The server under abuse, through stdio as an editor (or a broken client) would speak to it:
// unknown documents, out-of-range positions, malformed settings and JSON-RPC, catastrophic
// user regexes, change bursts with cancellation, open/close churn, stale fixes, a throwing rule.
// Every request is answered or cleanly errors, and the process stays up.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LspClient } from "../support/lsp-client";
import { FIXTURE_ROOT } from "../support/fixtures";

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

const PLAN = ["区统计局2024年工作计划", "", "一、总体要求", "坚持稳中求进。", "三、主要任务", "（一）夯实统计基础。一是加强，三是落实。", "XX县负责。"].join("\n");

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize({ locale: "zh-cn" });
});
after(async () => {
  await client.shutdown();
});

/** Resolves to the result, or to the JSON-RPC error code when the server answered with an error. */
async function answer(method: string, params: unknown): Promise<{ result?: unknown; code?: number }> {
  try {
    return { result: await client.request(method, params, 10_000) };
  } catch (e) {
    const code = (e as { code?: number }).code;
    assert.equal(typeof code, "number", `${method}: answered with a JSON-RPC error, not a timeout or exit (${String(e)})`);
    return { code };
  }
}

async function assertAlive(): Promise<void> {
  assert.equal(client.exitCode, undefined, `server exited; stderr: ${client.stderr}`);
  const r = await answer("textDocument/documentSymbol", { textDocument: { uri: "file:///none.txt" } });
  assert.deepEqual(r.result, []);
}

const range = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

test("requests for documents that were never opened get empty answers", async () => {
  const textDocument = { uri: "file:///never-opened.txt" };
  assert.deepEqual((await answer("textDocument/documentSymbol", { textDocument })).result, []);
  assert.deepEqual((await answer("textDocument/foldingRange", { textDocument })).result, []);
  assert.deepEqual((await answer("textDocument/completion", { textDocument, position: { line: 0, character: 0 } })).result, []);
  assert.deepEqual((await answer("textDocument/codeAction", { textDocument, range: range(0, 0, 0, 0), context: { diagnostics: [] } })).result, []);
  const command = await answer("workspace/executeCommand", { command: "gongwen.server.fixAll", arguments: [{ uri: textDocument.uri, version: 1 }] });
  assert.deepEqual(command.result, { applied: false, reason: "document not open" });
  await assertAlive();
});

test("out-of-range positions and ranges are answered, never crash", async () => {
  const uri = "file:///abuse/range.txt";
  const published = client.diagnostics(uri);
  client.open(uri, PLAN);
  await published;
  const textDocument = { uri };
  for (const position of [{ line: 999, character: 0 }, { line: 2, character: 999 }, { line: 0, character: -1 }, { line: -1, character: 0 }, { line: 1.5, character: 0 }]) {
    const r = await answer("textDocument/completion", { textDocument, position });
    if (r.result !== undefined) {
      for (const item of r.result as Array<{ textEdit?: { range: Range } }>) {
        const e = item.textEdit!.range;
        assert.ok(e.start.character >= 0 && e.start.character <= e.end.character, `completion range ${JSON.stringify(e)} for ${JSON.stringify(position)}`);
      }
    }
  }
  for (const r of [range(50, 0, 60, 10), range(4, 999, 2, 0), range(-3, -3, -1, -1)]) {
    const a = await answer("textDocument/codeAction", { textDocument, range: r, context: { diagnostics: [] } });
    assert.ok(a.result !== undefined || a.code !== undefined);
  }
  await assertAlive();
});

test("malformed settings of every wrong type fall back to defaults and the document is still checked", async () => {
  const bad = [
    { enable: "yes", debounceMs: "fast", languages: { plaintext: true }, locale: 5, rules: [1, 2], numberingStyle: null, placeholder: { extraPatterns: "x", allow: { a: 1 } }, duplicateParagraph: { minLength: "20", similarity: [] } },
    [],
    "gongwen",
    42,
    { rules: { "numbering-sequence": { severity: 3 }, placeholder: null }, numberingSequence: [], placeholder: { extraPatterns: [null, 5, {}, ["(a+)+$"]] }, debounceMs: -1e308 },
  ];
  for (let i = 0; i < bad.length; i++) {
    client.settings = bad[i];
    client.notify("workspace/didChangeConfiguration", { settings: null });
    const uri = `file:///abuse/settings-${i}.txt`;
    const published = client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    client.open(uri, PLAN);
    const { diagnostics } = await published;
    assert.ok(diagnostics.some((d) => d.code === "numbering-sequence"), `settings #${i}: the gap is still reported`);
  }
  client.settings = null;
  client.notify("workspace/didChangeConfiguration", { settings: null });
  await assertAlive();
});

test("catastrophic and invalid placeholder patterns are refused or bounded and said so; the server keeps answering", async () => {
  client.settings = { placeholder: { extraPatterns: ["(a+)+$", "(x+x+)+y", "a*a*a*a*a*b", "(", "[", "某项"] } };
  client.notify("workspace/didChangeConfiguration", { settings: null });
  const uri = "file:///abuse/redos.txt";
  const text = PLAN + "\n" + "a".repeat(20_000) + "\n" + "x".repeat(20_000) + "\n某项工作。";
  const published = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === "placeholder"), 20_000);
  client.open(uri, text);
  const { diagnostics } = await published;
  const ignored = diagnostics.filter((d) => d.message.startsWith("自定义占位符正则已忽略"));
  for (const pattern of ["(a+)+$", "(x+x+)+y", "a*a*a*a*a*b", "(", "["]) {
    assert.ok(ignored.some((d) => d.message.includes(`“${pattern}”`)), `pattern ${pattern} is reported as ignored`);
  }
  assert.ok(diagnostics.some((d) => d.code === "placeholder" && d.range.start.line === 9), "the good user pattern still finds 某项");
  assert.ok(diagnostics.some((d) => d.code === "numbering-sequence"), "the other rules still report");
  await assertAlive();
  client.settings = null;
  client.notify("workspace/didChangeConfiguration", { settings: null });
});

test("a burst of changes with requests cancelled mid-flight: every request settles, the last version is published", async () => {
  const uri = "file:///abuse/burst.txt";
  const opened = client.diagnostics(uri);
  client.open(uri, PLAN);
  await opened;
  let text = PLAN;
  const settled: Array<Promise<unknown>> = [];
  for (let version = 2; version <= 61; version++) {
    const insert = version % 3 === 0 ? "\n" + ["四、", "（二）", "二是", "𠀀", "\r\n"][version % 5] : "加";
    const line = text.split("\n").length - 1;
    const character = text.length - text.lastIndexOf("\n") - 1;
    client.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range: range(line, character, line, character), text: insert }] });
    text += insert;
    const id = (client as unknown as { nextId: number }).nextId;
    settled.push(answer("textDocument/documentSymbol", { textDocument: { uri } }));
    if (version % 2 === 0) client.notify("$/cancelRequest", { id });
  }
  const results = await Promise.all(settled);
  for (const r of results as Array<{ result?: unknown; code?: number }>) assert.ok(r.result !== undefined || r.code === -32800, `answered or cancelled: ${JSON.stringify(r).slice(0, 80)}`);
  const last = await client.diagnostics(uri, (p) => p.version === 61);
  assert.equal(last.version, 61);
  await assertAlive();
});

test("a fix computed for an older version is refused, through code actions and commands", async () => {
  const uri = "file:///abuse/stale.txt";
  const published = client.diagnostics(uri, (p) => p.version === 1);
  client.open(uri, PLAN);
  const { diagnostics } = await published;
  const gap = diagnostics.find((d) => d.code === "numbering-sequence")!;
  assert.ok(gap, "the gap is found");
  const current = await answer("textDocument/codeAction", { textDocument: { uri }, range: gap.range, context: { diagnostics: [gap], only: ["quickfix"] } });
  assert.ok((current.result as Array<{ edit?: unknown }>).some((a) => a.edit), "the fix is offered while the version matches");
  // The user types a line above: the diagnostic's offsets now point at other characters.
  client.notify("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ range: range(0, 0, 0, 0), text: "新增一行\n" }] });
  await client.diagnostics(uri, (p) => p.version === 2);
  const stale = await answer("textDocument/codeAction", { textDocument: { uri }, range: gap.range, context: { diagnostics: [gap], only: ["quickfix"] } });
  assert.deepEqual((stale.result as Array<{ edit?: unknown }>).filter((a) => a.edit), [], "no edit from a stale diagnostic");
  const command = await answer("workspace/executeCommand", { command: "gongwen.server.renumber", arguments: [{ uri, version: 1 }] });
  assert.deepEqual(command.result, { applied: false, reason: "document changed" });
  await assertAlive();
});

test("malformed JSON-RPC: unknown methods, bad params, garbage bodies", async () => {
  assert.equal((await answer("gongwen/noSuchMethod", {})).code, -32601);
  client.notify("gongwen/noSuchNotification", { x: 1 });
  client.notify("textDocument/didOpen", { textDocument: null });
  client.notify("textDocument/didOpen", {});
  client.notify("textDocument/didChange", { textDocument: { uri: "file:///never.txt", version: 2 }, contentChanges: [{ text: "x" }] });
  client.notify("textDocument/didClose", { textDocument: { uri: "file:///never.txt" } });
  for (const [method, params] of [
    ["textDocument/documentSymbol", null],
    ["textDocument/documentSymbol", { textDocument: 5 }],
    ["textDocument/completion", { textDocument: { uri: "file:///abuse/range.txt" } }],
    ["textDocument/codeAction", { textDocument: { uri: "file:///abuse/range.txt" } }],
    ["textDocument/codeAction", { textDocument: { uri: "file:///abuse/range.txt" }, range: range(0, 0, 0, 0), context: { diagnostics: [{ source: "gongwen", data: { version: 1, fixes: "nope" } }, null] } }],
    ["workspace/executeCommand", { command: "gongwen.server.fixAll", arguments: ["not an object"] }],
    ["workspace/executeCommand", { command: "no.such.command" }],
    ["gongwen/documentStats", null],
    ["gongwen/documentStats", { uri: 7 }],
  ] as Array<[string, unknown]>) {
    const r = await answer(method, params);
    assert.ok(r.result !== undefined || r.code !== undefined, method);
  }
  // A body that is not JSON: the connection reports it and goes on reading.
  const body = Buffer.from("{not json", "utf8");
  client.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  client.child.stdin.write(body);
  await assertAlive();
});

/** Resident set size of the server process, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

test("open/close churn of many large documents: memory returns near its baseline (heap capped, so a leak would crash it)", async () => {
  // A separate server with a 160 MB heap: the churn below opens 80 copies of the largest real
  // document, so keeping documents, models or line caches of closed documents would exhaust it.
  const churn = new LspClient(["--stdio"], { NODE_OPTIONS: "--max-old-space-size=160" });
  try {
    await churn.initialize();
    const warm = churn.diagnostics("file:///churn/warm.txt");
    churn.open("file:///churn/warm.txt", PLAN);
    await warm;
    const baseline = rssMb(churn.child.pid!);
    const big = readFileSync(join(FIXTURE_ROOT, "corpus", "summaries-2023-plans-2024.txt"), "utf8");
    for (let round = 0; round < 8; round++) {
      const uris = Array.from({ length: 10 }, (_, i) => `file:///churn/${round}-${i}.txt`);
      const done = uris.map((uri) => churn.diagnostics(uri, (p) => p.version === 1, 60_000));
      // Each copy differs, so no two share line-cache entries by accident.
      uris.forEach((uri, i) => churn.open(uri, big.replace(/工作/g, `工作${round}${i}`)));
      await Promise.all(done);
      const closed = uris.map((uri) => churn.diagnostics(uri, (p) => p.version === undefined && p.diagnostics.length === 0, 60_000));
      for (const uri of uris) churn.notify("textDocument/didClose", { textDocument: { uri } });
      await Promise.all(closed);
    }
    const after = rssMb(churn.child.pid!);
    const opened = (big.length * 2 * 80) / 1024 / 1024;
    assert.equal(churn.exitCode, undefined, `server died during churn: ${churn.stderr.slice(-500)}`);
    assert.ok(after - baseline < 150, `RSS grew from ${baseline.toFixed(0)} MB to ${after.toFixed(0)} MB after opening and closing ${opened.toFixed(0)} MB of text`);
    const symbols = await churn.request("textDocument/documentSymbol", { textDocument: { uri: "file:///churn/warm.txt" } });
    assert.ok(Array.isArray(symbols) && symbols.length > 0);
  } finally {
    await churn.shutdown();
  }
});

test("thousands of misnumbered headings: published without fix payloads, and code actions for all of them at once stay bounded", async () => {
  const uri = "file:///abuse/repeated-headings.txt";
  const text = "区统计局2024年工作计划\n\n" + "（二）加强数据质量管理。\n".repeat(4000);
  const published = client.diagnostics(uri, (p) => p.version === 1, 60_000);
  client.open(uri, text);
  const { diagnostics } = await published;
  const misnumbered = diagnostics.filter((d) => d.code === "numbering-sequence");
  assert.ok(misnumbered.length >= 3999);
  // Each finding offers the same 4 000-edit renumbering: published with every diagnostic, that
  // was 16 million edits. The fixes stay in the server; a diagnostic carries its version only.
  for (const d of diagnostics) assert.deepEqual(d.data, { version: 1 });
  // A client asking for the actions of every diagnostic at once gets the single-number fixes
  // and multi-edit fixes only up to the edit budget.
  const all = await answer("textDocument/codeAction", { textDocument: { uri }, range: range(0, 0, 4002, 0), context: { diagnostics: misnumbered, only: ["quickfix"] } });
  let edits = 0;
  for (const a of all.result as Array<{ edit?: { documentChanges: Array<{ edits: unknown[] }> } }>) edits += a.edit?.documentChanges[0].edits.length ?? 0;
  assert.ok(edits > 0 && edits <= 20_000 + misnumbered.length, `fix edits answered: ${edits}`);
  await assertAlive();
});

test("quick fixes are found without the diagnostic's data (clients that do not send it back)", async () => {
  const uri = "file:///abuse/no-data.txt";
  const published = client.diagnostics(uri, (p) => p.version === 1);
  client.open(uri, PLAN);
  const { diagnostics } = await published;
  const gap = diagnostics.find((d) => d.code === "numbering-sequence")!;
  const { data: _data, ...withoutData } = gap as typeof gap & { data?: unknown };
  const actions = await answer("textDocument/codeAction", { textDocument: { uri }, range: gap.range, context: { diagnostics: [withoutData], only: ["quickfix"] } });
  const preferred = (actions.result as Array<{ isPreferred?: boolean; edit?: { documentChanges: Array<{ edits: unknown[] }> } }>).find((a) => a.isPreferred);
  assert.ok(preferred?.edit, "the preferred fix is offered");
  assert.equal(preferred.edit.documentChanges[0].edits.length, 1);
  // A range where nothing was reported gets no fix (and no crash).
  const elsewhere = await answer("textDocument/codeAction", { textDocument: { uri }, range: range(0, 0, 0, 1), context: { diagnostics: [{ ...withoutData, range: range(0, 0, 0, 1) }], only: ["quickfix"] } });
  assert.deepEqual((elsewhere.result as Array<{ edit?: unknown }>).filter((a) => a.edit), []);
  await assertAlive();
});

test("a rule that throws is logged once, and the other rules still report", async () => {
  const faulty = new LspClient(["--stdio"], { GONGWEN_FAULT_INJECTION: "throwing-rule" });
  try {
    await faulty.initialize();
    const reference = client.diagnostics("file:///abuse/reference.txt");
    client.open("file:///abuse/reference.txt", PLAN);
    const expected = await reference;
    for (const name of ["a", "b", "c"]) {
      const uri = `file:///fault/${name}.txt`;
      const published = faulty.diagnostics(uri);
      faulty.open(uri, PLAN);
      const { diagnostics } = await published;
      assert.deepEqual(
        diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range)}`),
        expected.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range)}`),
        "the same findings as a server without the faulty rule",
      );
    }
    const logs = faulty.notifications.filter((n) => n.method === "window/logMessage" && /rule fault-injection failed/.test((n.params as { message: string }).message));
    assert.equal(logs.length, 1, "logged once, not once per document");
    assert.equal(faulty.exitCode, undefined);
  } finally {
    await faulty.shutdown();
  }
});
