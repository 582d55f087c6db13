// Fixture support: a document beside the findings it must produce (`.expected`) and, where
// fixes apply, the text fix-all must produce (`.fixed.<ext>`).

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { DocumentModel } from "../../server/src/model/document";
import type { Problem } from "../../server/src/engine/rule";
import { positionAt } from "../../server/src/lsp/positions";

/** Bundled tests run from out/test/<folder>/, three levels below the repository root. */
export const REPO_ROOT = join(__dirname, "..", "..", "..");
export const FIXTURE_ROOT = join(REPO_ROOT, "test", "fixtures");
const DOCUMENT = /\.(txt|md|gw)$/;

export interface Fixture {
  path: string;
  name: string;
  languageId: string;
  expectedPath: string;
  fixedPath: string;
}

export function listFixtures(dir = FIXTURE_ROOT): Fixture[] {
  const out: Fixture[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFixtures(path));
    else if (DOCUMENT.test(name) && !/\.fixed\.\w+$/.test(name)) {
      const base = path.replace(DOCUMENT, "");
      const ext = name.slice(name.lastIndexOf("."));
      out.push({
        path,
        name: relative(FIXTURE_ROOT, path),
        languageId: ext === ".md" ? "markdown" : ext === ".gw" ? "gongwen" : "plaintext",
        expectedPath: base + ".expected",
        fixedPath: base + ".fixed" + ext,
      });
    }
  }
  return out;
}

/** One finding as written in a .expected file: `12:3-12:7 rule-id 消息`, with an optional `  # note`. */
export function formatProblem(model: DocumentModel, p: Problem): string {
  const s = positionAt(model, p.start);
  const e = positionAt(model, p.end);
  return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${p.ruleId} ${p.message.zh}`;
}

export interface ExpectedLine {
  key: string;
  note: string;
}

export function readExpected(path: string): ExpectedLine[] {
  if (!existsSync(path)) return [];
  const out: ExpectedLine[] = [];
  for (const raw of readFileSync(path, "utf8").split("\n")) {
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    const hash = raw.indexOf("  # ");
    out.push(hash >= 0 ? { key: raw.slice(0, hash).trimEnd(), note: raw.slice(hash + 4) } : { key: raw.trimEnd(), note: "" });
  }
  return out;
}

/** Rewrites a .expected file, keeping the header comments and the notes of findings that remain. */
export function writeExpected(path: string, actual: string[]): void {
  const previous = readExpected(path);
  const notes = new Map(previous.map((l) => [l.key, l.note]));
  const header = existsSync(path) ? readFileSync(path, "utf8").split("\n").filter((l) => l.startsWith("#")) : [];
  const body = actual.map((k) => (notes.get(k) ? `${k}  # ${notes.get(k)}` : k));
  writeFileSync(path, [...header, ...body].join("\n") + (header.length + body.length > 0 ? "\n" : ""));
}
