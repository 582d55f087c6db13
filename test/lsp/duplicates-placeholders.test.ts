// duplicate-paragraph and placeholder through `node dist/server.js --stdio`: diagnostics with
// related information pointing at the first copy, and the delete / replace quick fixes leaving
// exactly the text a user expects (nothing else touched, paragraph spacing kept).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LspClient, type PublishedDiagnostics } from "../support/lsp-client";
import { FIXTURE_ROOT } from "../support/fixtures";

type Position = { line: number; character: number };
type Range = { start: Position; end: Position };
type Diagnostic = PublishedDiagnostics["diagnostics"][number];
type Action = { title: string; kind?: string; isPreferred?: boolean; edit?: { documentChanges?: Array<{ edits: Array<{ range: Range; newText: string }> }> } };

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize({ locale: "zh-cn" });
});
after(async () => {
  await client.shutdown();
});

function fixture(path: string): string {
  return readFileSync(join(FIXTURE_ROOT, path), "utf8");
}

/** Applies LSP edits to a text with any line breaks (positions count UTF-16 units, like LSP). */
function applyLspEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\r" && text[i + 1] === "\n") i++;
    if (text[i] === "\n" || text[i] === "\r") starts.push(i + 1);
  }
  const offset = (p: Position) => starts[p.line] + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** The text without the given lines (1-based, inclusive ranges), line breaks as they were. */
function withoutLines(text: string, ...ranges: Array<[number, number]>): string {
  const lines = text.split(/(?<=\n)/);
  return lines.filter((_, i) => !ranges.some(([a, b]) => i + 1 >= a && i + 1 <= b)).join("");
}

async function openAndWait(uri: string, text: string, code: string): Promise<Diagnostic[]> {
  const published = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === code));
  client.open(uri, text);
  return (await published).diagnostics;
}

async function actionsFor(uri: string, diagnostic: Diagnostic): Promise<Action[]> {
  return client.request<Action[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ["quickfix"] } });
}

test("a copied passage: each later copy flagged with related information on its first occurrence", async () => {
  const uri = "file:///gongwen-test/copied-section.txt";
  const diagnostics = (await openAndWait(uri, fixture("duplicate-paragraph/copied-section.txt"), "duplicate-paragraph")).filter((d) => d.code === "duplicate-paragraph");
  assert.deepEqual(
    diagnostics.map((d) => [d.range.start.line + 1, d.message, d.relatedInformation?.map((r) => [r.location.uri, (r.location.range as Range).start.line + 1, r.message])]),
    [
      [12, "段落重复：与第5行的段落相同", [[uri, 5, "首次出现（第5行）"]]],
      [13, "段落重复：与第6行的段落相同", [[uri, 6, "首次出现（第6行）"]]],
    ],
  );
  for (const d of diagnostics) assert.equal(d.severity, 2, "a warning");
});

test("delete this copy, and delete the whole copied passage with its heading, leave exactly the rest", async () => {
  const uri = "file:///gongwen-test/copied-section-fix.txt";
  const text = fixture("duplicate-paragraph/copied-section.txt");
  const diagnostics = (await openAndWait(uri, text, "duplicate-paragraph")).filter((d) => d.code === "duplicate-paragraph");
  const actions = await actionsFor(uri, diagnostics[0]);
  const titles = actions.map((a) => a.title);
  assert.deepEqual(titles, ["删除此重复段落", "删除重复的整段内容（第11至13行）"]);
  const deleteOne = actions[0].edit!.documentChanges![0].edits;
  // Line 12 goes with its line break; its neighbours are text, so no blank line is touched.
  assert.equal(applyLspEdits(text, deleteOne), withoutLines(text, [12, 12]));
  // The passage (heading 11 and paragraphs 12-13) sat between blank lines 10 and 14: one goes with it.
  const deleteRun = actions[1].edit!.documentChanges![0].edits;
  assert.equal(applyLspEdits(text, deleteRun), withoutLines(text, [11, 14]));
  // The result has no duplicate left.
  const after = applyLspEdits(text, deleteRun);
  const again = await openAndWait("file:///gongwen-test/copied-section-fixed.txt", after + "\n　　XX", "placeholder");
  assert.deepEqual(again.filter((d) => d.code === "duplicate-paragraph"), []);
});

test("deleting a copy on the last line without a final line break removes the break before it; CRLF kept", async () => {
  const lines = fixture("duplicate-paragraph/exact.txt").split("\n").filter((l, i, all) => i < all.length - 1 || l !== "");
  const text = lines.join("\r\n");
  const uri = "file:///gongwen-test/exact-crlf.txt";
  const diagnostics = (await openAndWait(uri, text, "duplicate-paragraph")).filter((d) => d.code === "duplicate-paragraph");
  assert.deepEqual(diagnostics.map((d) => d.range.start.line + 1), [8, 10, 12]);
  const last = diagnostics[2];
  assert.equal(last.range.start.character, 2, "the range starts after the full-width indentation");
  const actions = await actionsFor(uri, last);
  assert.equal(actions[0].title, "删除此重复段落");
  assert.equal(applyLspEdits(text, actions[0].edit!.documentChanges![0].edits), lines.slice(0, -1).join("\r\n"));
});

test("fix-all never deletes a duplicate paragraph", async () => {
  const uri = "file:///gongwen-test/near.txt";
  const text = fixture("duplicate-paragraph/near.txt");
  await openAndWait(uri, text, "duplicate-paragraph");
  const actions = await client.request<Action[]>("textDocument/codeAction", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ["source.fixAll.gongwen"] } });
  const edits = actions.flatMap((a) => a.edit?.documentChanges?.[0]?.edits ?? []);
  assert.equal(applyLspEdits(text, edits), text);
});

test("placeholders: one diagnostic per leftover naming it; D gets a 改为“党” quick fix, XX none of its own", async () => {
  const uri = "file:///gongwen-test/party-d.txt";
  const text = fixture("placeholder/party-d.txt") + "XX县司法局\n";
  const diagnostics = (await openAndWait(uri, text, "placeholder")).filter((d) => d.code === "placeholder");
  assert.equal(diagnostics.filter((d) => d.message === "匿名化替代字未还原：“D”应为“党”").length, 10);
  const xx = diagnostics.find((d) => d.message === "模板占位符未替换：“XX”")!;
  assert.equal(xx.range.start.line, 7);
  assert.deepEqual(await actionsFor(uri, xx).then((a) => a.filter((x) => x.title.startsWith("改为"))), []);
  const d = diagnostics[0];
  const actions = await actionsFor(uri, d);
  assert.equal(actions[0].title, "改为“党”");
  const fixed = applyLspEdits(text, actions[0].edit!.documentChanges![0].edits);
  assert.equal(fixed, text.replace("一、加强D的建设", "一、加强党的建设"));
});

test("settings: minLength and similarity are read from gongwen.duplicateParagraph, allow from gongwen.placeholder", async () => {
  client.settings = { duplicateParagraph: { minLength: 200, similarity: 1 }, placeholder: { allow: ["XX"] } };
  client.notify("workspace/didChangeConfiguration", { settings: null });
  const uri = "file:///gongwen-test/settings.txt";
  const text = fixture("duplicate-paragraph/near.txt") + "XX县应急管理局\n20XX年1月5日\n";
  const diagnostics = await openAndWait(uri, text, "placeholder");
  assert.deepEqual(diagnostics.filter((d) => d.code === "duplicate-paragraph"), [], "all paragraphs are shorter than 200 characters");
  assert.deepEqual(diagnostics.filter((d) => d.code === "placeholder").map((d) => d.message), ["模板占位符未替换：“20XX”"]);
  client.settings = null;
  client.notify("workspace/didChangeConfiguration", { settings: null });
});
