// Expands the CLI's path arguments (files, folders, globs) into the documents to check.

import { lstatSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { compileGlob, hasMagic, splitGlob } from "../config/glob";
import { isWordLockFile, isWordName } from "../docx/names";

export const DOCUMENT_EXTENSIONS = [".txt", ".md", ".markdown", ".gw", ".gongwen"];

/**
 * Documents a folder or glob yields: text documents and Word documents (old .doc and .wps too,
 * so that they are reported as not checked rather than passed over), but never the lock file
 * Word keeps beside an open document ("~$计划.docx").
 */
export function isDocumentName(name: string): boolean {
  const lower = name.toLowerCase();
  if (DOCUMENT_EXTENSIONS.some((e) => lower.endsWith(e))) return true;
  return isWordName(lower) && !isWordLockFile(name);
}

export function languageOfPath(path: string): string {
  const lower = path.toLowerCase();
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  if (lower.endsWith(".gw") || lower.endsWith(".gongwen")) return "gongwen";
  return "plaintext";
}

export interface Expansion {
  /** Absolute paths, in argument order, each once. */
  files: string[];
  /** Files named explicitly (checked whatever their extension). */
  explicit: Set<string>;
  /** Arguments that matched nothing or could not be read. */
  errors: Array<{ path: string; message: string }>;
}

/** Walks a folder (sorted, skipping hidden folders, node_modules and symlinked folders). */
function walk(dir: string, visit: (file: string) => void): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    let stat;
    try {
      stat = lstatSync(path);
      if (stat.isSymbolicLink()) {
        // Follow links to files; links to folders could loop.
        stat = statSync(path);
        if (stat.isDirectory()) continue;
      }
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      if (name.startsWith(".") || name === "node_modules") continue;
      walk(path, visit);
    } else if (stat.isFile()) visit(path);
  }
}

export function expandPaths(args: readonly string[], cwd: string): Expansion {
  const files: string[] = [];
  const seen = new Set<string>();
  const explicit = new Set<string>();
  const errors: Expansion["errors"] = [];
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(file);
  };
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      walk(absolute, (f) => isDocumentName(f) && add(f));
    } else if (stat?.isFile()) {
      explicit.add(absolute);
      add(absolute);
    } else if (hasMagic(arg)) {
      const { base, rest } = splitGlob(arg);
      const root = resolve(cwd, base);
      const matcher = compileGlob(rest);
      let matched = 0;
      walk(root, (f) => {
        const rel = relative(root, f).split("\\").join("/");
        if (matcher.test(rel) && isDocumentName(f)) {
          matched++;
          add(f);
        }
      });
      if (matched === 0) errors.push({ path: arg, message: "no documents match this pattern" });
    } else {
      errors.push({ path: arg, message: "no such file or folder" });
    }
  }
  return { files, explicit, errors };
}
