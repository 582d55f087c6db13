// One engine everywhere: the same documents give the same findings through the CLI and
// through the language server, including a project config file read from disk.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runCli, scratch } from "../support/cli";
import { listFixtures, REPO_ROOT } from "../support/fixtures";
import { LspClient } from "../support/lsp-client";

interface JsonReport {
  files: Array<{ path: string; findings: Array<{ ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }> }>;
}

const SEVERITY: Record<number, string> = { 1: "error", 2: "warning", 3: "info", 4: "hint" };

/** LSP counts UTF-16 units; the CLI counts characters. */
function codePointColumn(text: string, line: number, character: number): number {
  const lineText = text.split(/\r\n|\r|\n/)[line] ?? "";
  return [...lineText.slice(0, character)].length + 1;
}

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize({ locale: "zh-cn" });
});
after(async () => {
  await client.shutdown();
});

async function viaServer(path: string, languageId: string): Promise<string[]> {
  const text = readFileSync(path, "utf8").replace(/^\ufeff/, "");
  const uri = pathToFileURL(path).href;
  const published = client.diagnostics(uri, (p) => p.version === 1, 30_000);
  client.open(uri, text, languageId, 1);
  const p = await published;
  client.notify("textDocument/didClose", { textDocument: { uri } });
  return p.diagnostics.map((d) => {
    const s = d.range.start;
    const e = d.range.end;
    return `${s.line + 1}:${codePointColumn(text, s.line, s.character)}-${e.line + 1}:${codePointColumn(text, e.line, e.character)} ${SEVERITY[d.severity ?? 1]} ${d.code} ${d.message}`;
  });
}

function viaCli(paths: string[], cwd = REPO_ROOT): Map<string, string[]> {
  const r = runCli(["--format", "json", "--locale", "zh", ...paths], { cwd });
  const report = JSON.parse(r.stdout) as JsonReport;
  return new Map(report.files.map((f) => [f.path, f.findings.map((x) => `${x.line}:${x.column}-${x.endLine}:${x.endColumn} ${x.severity} ${x.ruleId} ${x.message}`)]));
}

const languageOf = (path: string) => (path.endsWith(".md") ? "markdown" : path.endsWith(".gw") ? "gongwen" : "plaintext");

test("fixtures and examples: the CLI and the language server report the same findings", async () => {
  const paths = [
    ...listFixtures().map((f) => f.path),
    ...["plan-with-mistakes.txt", "clean-plan.txt", "summary.md"].map((n) => join(REPO_ROOT, "examples", n)),
  ].map((p) => p.slice(REPO_ROOT.length + 1));
  // Fixtures are checked as they are, whatever a config file near them might say.
  const cli = viaCli(["--no-config", ...paths]);
  let compared = 0;
  let findings = 0;
  for (const path of paths) {
    const fromServer = await viaServer(join(REPO_ROOT, path), languageOf(path));
    assert.deepEqual(cli.get(path), fromServer, path);
    compared++;
    findings += fromServer.length;
  }
  assert.ok(compared >= 10 && findings >= 20, `compared ${compared} documents, ${findings} findings`);
});

test("a .gongwenrc.json on disk applies to the CLI and the server alike", async () => {
  const plan = ["区统计局2024年工作计划", "", "一、总体要求", "", "三、主要任务", "", "完成XX县统计调查任务。", ""].join("\n");
  const s = scratch({ ".gongwenrc.json": JSON.stringify({ rules: { placeholder: "off", "numbering-sequence": "error" } }), "sub/plan.txt": plan });
  try {
    const cli = viaCli(["sub/plan.txt"], s.dir).get("sub/plan.txt");
    const server = await viaServer(s.path("sub/plan.txt"), "plaintext");
    assert.deepEqual(cli, server);
    assert.equal(server.length, 1);
    assert.match(server[0], /^5:1-5:3 error numbering-sequence /);
  } finally {
    s.cleanup();
  }
});
