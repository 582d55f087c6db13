// The benchmark's export part: "Export to Word" as the command runs it (request → file
// written). Cold runs each start a server of their own, so each includes loading the writer
// (its worker loads dist/docx-writer.js); warm runs reuse the worker the first export left.
// The CLI's export is timed as a shell runs it, node start included.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BenchClient } from "./bench-client.mjs";
import { benchInitializeParams } from "./lsp-messages.mjs";

async function exportOnce(client, uri, target) {
  const r = await client.request("gongwen/exportDocx", { uri, target, ignoreFindings: true, overwrite: true });
  if (r.result?.status !== "written") throw new Error(`export failed: ${JSON.stringify(r.result)}`);
  return r.ms;
}

/** `client`: the bench's LSP client, whose server has `doc10MB.uri` open; `file100KB`: the 100 KB document on disk. */
export async function benchExport(client, { root, file100KB, text100KB, doc10MB }) {
  const dir = join(root, "out", "bench", "export");
  mkdirSync(dir, { recursive: true });
  const cold = [];
  const warm = [];
  for (let k = 0; k < 3; k++) {
    const fresh = new BenchClient(join(root, "dist", "server.js"));
    await fresh.request("initialize", benchInitializeParams());
    fresh.notify("initialized", {});
    const uri = pathToFileURL(file100KB).href;
    fresh.notify("textDocument/didOpen", { textDocument: { uri, languageId: "plaintext", version: 1, text: text100KB } });
    await fresh.diagnostics(uri, 1);
    cold.push(await exportOnce(fresh, uri, join(dir, `plan-100KB-cold-${k}.docx`)));
    if (k === 0) for (let w = 0; w < 4; w++) warm.push(await exportOnce(fresh, uri, join(dir, `plan-100KB-warm-${w}.docx`)));
    await fresh.request("shutdown", null);
    fresh.notify("exit", null);
  }
  const cli = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(root, "dist", "cli.js"), "export", "--no-config", file100KB, "-o", join(dir, "cli-100KB.docx")], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`gongwen export failed: ${r.stderr}`);
    cli.push(performance.now() - t);
  }
  const big = await exportOnce(client, doc10MB.uri, join(dir, "plan-10MB.docx")).then((ms) => ({ ms, status: "written" }), (error) => ({ ms: NaN, status: String(error) }));
  return { cold100KB: cold, warm100KB: warm, cli100KB: cli, server10MB: big };
}
