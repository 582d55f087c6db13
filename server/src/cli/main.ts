// The command-line checker: `gongwen [files or folders]` prints findings like a compiler.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseDocument } from "../model/parse";
import { lint } from "../engine/lint";
import { lineOfOffset } from "../lsp/positions";

const EXTENSIONS = [".txt", ".md", ".gw", ".gongwen", ".markdown"];

function collect(path: string, out: string[]): void {
  const s = statSync(path);
  if (s.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name.startsWith(".") || name === "node_modules") continue;
      collect(join(path, name), out);
    }
  } else if (EXTENSIONS.some((e) => path.toLowerCase().endsWith(e))) out.push(path);
}

function main(argv: string[]): number {
  const files: string[] = [];
  for (const arg of argv) collect(arg, files);
  let findings = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const model = parseDocument({ text, uri: file, languageId: /\.(md|markdown)$/i.test(file) ? "markdown" : "plaintext" });
    const problems = lint(model);
    if (problems.length === 0) continue;
    console.log(relative(process.cwd(), file) || file);
    for (const p of problems) {
      const line = lineOfOffset(model, p.start);
      const col = p.start - model.lines[line].start + 1;
      console.log(`  ${line + 1}:${col}  ${p.severity}  ${p.message.zh}  ${p.ruleId}`);
      findings++;
    }
  }
  console.log(`${findings} finding(s) in ${files.length} file(s)`);
  return findings > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
