// Imports point down: model/ (parsing) ← engine/ (runs the rules it is given) ← rules/ ← lsp/,
// cli/, server.ts. Read from the import statements of the source files themselves, so a new
// file that reaches up (or a new import circle) fails here, not in review.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { REPO_ROOT } from "../support/fixtures";

const SRC = join(REPO_ROOT, "server", "src");

/**
 * What each lower layer may import from the server's own code (packages and node: modules are
 * not layers). A layer is a folder under server/src, or a file at its top (server.ts, i18n.ts …).
 */
const ALLOWED: Record<string, readonly string[]> = {
  model: ["model"],
  engine: ["model", "engine"],
  // The Word export reads the model (and the findings' types); the CLI and the server call it.
  export: ["model", "engine", "export", "i18n.ts"],
  // The page preview lays out the export's plan (and marks the findings); the server calls it.
  preview: ["model", "engine", "export", "preview", "i18n.ts"],
};
/** What the rules must never import: the layers that sit on top of them. */
const ABOVE_RULES = ["lsp", "cli", "server.ts"];

/** The module specifiers of a source text: static imports and re-exports (type-only too), side-effect imports, import() and require(). */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    // import x from "m"; import type { A } from "m"; export { a } from "m"; export * from "m" (clauses may span lines).
    /(?:^|[\n;])\s*(?:import|export)\s+(?:type\s+)?[^;"'`]*?\bfrom\s*["']([^"']+)["']/g,
    // import "m";
    /(?:^|[\n;])\s*import\s*["']([^"']+)["']/g,
    // import("m"), require("m")
    /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]);
  return found;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** The file a relative specifier names (a .ts file, or a folder's index.ts); undefined for packages. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, base + ".ts", join(base, "index.ts")]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return base;
}

/** The layer of a file under server/src: its first folder, or its own name at the top; outside server/src, undefined. */
function layerOf(file: string): string | undefined {
  const rel = relative(SRC, file);
  if (rel.startsWith("..")) return rel.split(sep).slice(0, 3).join("/");
  return rel.split(sep)[0];
}

interface Edge {
  from: string;
  to: string;
  specifier: string;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const specifier of importSpecifiers(readFileSync(file, "utf8"))) {
      const to = resolveSpecifier(file, specifier);
      if (to) out.push({ from: file, to, specifier });
    }
  }
  return out;
}

const show = (e: Edge) => `${relative(REPO_ROOT, e.from)} imports "${e.specifier}" (${relative(REPO_ROOT, e.to)})`;

test("the import reader finds every form of import (else the layering checks below could not fail)", () => {
  const source = [
    'import { a } from "./one";',
    'import type {\n  B,\n  C,\n} from "../rules/two";',
    'export { d } from "../lsp/three";',
    'export * from "./four";',
    'import "./five";',
    'const six = await import("../cli/six");',
    'const seven = require("../server");',
    "// a comment that says import nothing from here",
    'const s = "import x from y";',
  ].join("\n");
  assert.deepEqual(importSpecifiers(source).sort(), ["../cli/six", "../lsp/three", "../rules/two", "../server", "./five", "./four", "./one"]);
  // And the real tree gives it something to read: the engine imports the model.
  assert.ok(edges().some((e) => layerOf(e.from) === "engine" && layerOf(e.to) === "model"), "engine → model edges are seen");
});

test("model/ imports only model/; engine/ only model/ and engine/; export/ only those (never rules/, lsp/, cli/ or the server)", () => {
  const wrong = edges().filter((e) => {
    const from = layerOf(e.from)!;
    const allowed = ALLOWED[from];
    return allowed !== undefined && !allowed.includes(layerOf(e.to)!);
  });
  assert.deepEqual(wrong.map(show), [], "the lower layers take what they need from above as parameters (see README, Development)");
});

test("rules/ never import lsp/, cli/ or the server", () => {
  const wrong = edges().filter((e) => layerOf(e.from) === "rules" && ABOVE_RULES.includes(layerOf(e.to)!));
  assert.deepEqual(wrong.map(show), []);
});

test("no import circle among the server's files (the model's document → line → numbering → document was one)", () => {
  const inside = (file: string) => !relative(SRC, file).startsWith("..");
  const graph = new Map<string, string[]>();
  for (const e of edges()) {
    if (!inside(e.from) || !inside(e.to)) continue;
    graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
  }
  // Depth-first search; a grey node met again closes a circle.
  const state = new Map<string, "grey" | "black">();
  const circles: string[] = [];
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, "grey");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "grey") circles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(SRC, f)).join(" → "));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, "black");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  assert.deepEqual(circles, [], "shared types go in a file both sides import (as model/families.ts)");
});
