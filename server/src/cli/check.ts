// Checks one document for the CLI: decode, parse, lint, optionally fix; returns plain data
// (1-based lines, columns in code points) so results can cross a worker boundary.

import { readFile, writeFile } from "node:fs/promises";
import { LineFactsCache, parseDocument } from "../model/parse";
import type { DocumentModel } from "../model/document";
import { containsChinese } from "../model/text";
import { lineOfOffset } from "../model/offsets";
import { lint, type LintConfig } from "../engine/lint";
import { fixAll } from "../engine/fixes";
import type { Message, Problem, Rule, Severity } from "../engine/rule";
import { decode, encode, encodingLabel, DecodeError, type Decoded } from "./encoding";
import { languageOfPath } from "./files";
import { paragraphItems } from "../rules/duplicates";
import type { Language } from "../i18n";

export interface Point {
  line: number;
  column: number;
}

/**
 * Where an offset of the checked text is, for the report: a line and column of a text file, or
 * (Word documents) a paragraph number and the column in that paragraph, with a short excerpt.
 */
export type Locator = (model: DocumentModel, offset: number) => Point & { excerpt?: string };

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: Message;
  start: Point;
  end: Point;
  /** A safe fix exists (what --fix applies). */
  fixable: boolean;
  /** The first fix's edits, for SARIF. */
  fix?: { title: Message; edits: Array<{ start: Point; end: Point; newText: string }> };
  related: Array<{ path?: string; start: Point; end: Point; message: Message; excerpt?: string; unit?: "paragraph" }>;
  /** Word documents: the text at the finding's start, to find it by (lines and columns mean paragraphs there). */
  excerpt?: string;
}

/** A paragraph's fingerprint for cross-file duplicate detection. */
export interface ParagraphInfo {
  normalized: string;
  /** Visible characters, compared with the duplicate rule's minLength. */
  length: number;
  start: Point;
  end: Point;
  /** Word documents: the paragraph's opening words. */
  excerpt?: string;
}

export interface FileResult {
  path: string;
  encoding?: string;
  findings: Finding[];
  /** Problems fixed by --fix (0 without it). */
  fixed: number;
  /** The fixed text, for standard input (files are written in place). */
  fixedText?: string;
  /** Reading, decoding or writing failed: one line, the batch goes on. */
  error?: string;
  paragraphs?: ParagraphInfo[];
  /** "paragraph": a Word document, whose `line` numbers are paragraph numbers. */
  unit?: "paragraph";
}

export interface CheckRequest {
  path: string;
  lint: LintConfig;
  fix: boolean;
  /** Collect paragraphs for --cross-file-duplicates. */
  paragraphs: boolean;
  /** Standard input's text; the file is read when absent. */
  text?: string;
  /** Standard input's bytes when they are a Word document. */
  bytes?: Uint8Array;
  /** The language of error messages that exist in both (Word files). */
  language?: Language;
}

/** Offset → 1-based line and column, columns in code points (a surrogate pair is one character). */
export function pointAt(model: DocumentModel, offset: number): Point {
  const lo = lineOfOffset(model, offset);
  const line = model.lines[lo];
  const to = Math.min(offset, line.end);
  let column = 1;
  for (let i = line.start; i < to; i++) {
    const c = model.text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > line.start) {
      const p = model.text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    column++;
  }
  return { line: lo + 1, column };
}

function toFinding(model: DocumentModel, p: Problem): Finding {
  const fix = p.fixes[0];
  return {
    ruleId: p.ruleId,
    severity: p.severity,
    message: p.message,
    start: pointAt(model, p.start),
    end: pointAt(model, p.end),
    fixable: p.fixes.some((f) => f.safe),
    fix: fix && { title: fix.title, edits: fix.edits.map((e) => ({ start: pointAt(model, e.start), end: pointAt(model, e.end), newText: e.newText })) },
    related: (p.related ?? []).map((r) =>
      r.uri && r.uri !== model.uri
        ? { path: r.uri, start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, message: r.message }
        : { start: pointAt(model, r.start), end: pointAt(model, r.end), message: r.message },
    ),
  };
}

/** A finding in a Word document: paragraphs instead of lines, an excerpt, and no fixes (we do not rewrite Word files). */
function toParagraphFinding(model: DocumentModel, p: Problem, { locate, relabel }: ParagraphReport): Finding {
  const { excerpt, ...start } = locate(model, p.start);
  const { excerpt: _, ...end } = locate(model, p.end);
  return {
    ruleId: p.ruleId,
    severity: p.severity,
    message: relabel(model, p.message),
    start,
    end,
    excerpt,
    fixable: false,
    related: (p.related ?? []).map((r) => {
      if (r.uri && r.uri !== model.uri) return { path: r.uri, start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, message: relabel(model, r.message) };
      const { excerpt: relatedExcerpt, ...relatedStart } = locate(model, r.start);
      const { excerpt: __, ...relatedEnd } = locate(model, r.end);
      return { start: relatedStart, end: relatedEnd, message: relabel(model, r.message), excerpt: relatedExcerpt, unit: "paragraph" as const };
    }),
  };
}

/** How a Word document's findings are reported: where offsets are, and messages that name lines. */
export interface ParagraphReport {
  locate: Locator;
  /** Messages that name lines ("与第19行的段落相同") name paragraphs instead. */
  relabel: (model: DocumentModel, message: Message) => Message;
}

/** Line analysis shared by the documents of a batch: archives repeat many lines (headings, boilerplate). */
const lineCache = new LineFactsCache();

/** Whether the document is one we check: as in the editor, plain text and Markdown only when they hold Chinese. */
function isChecked(text: string, languageId: string): boolean {
  return languageId === "gongwen" || containsChinese(text);
}

/** Lints (and fixes) a decoded text with `rules`. Rule crashes are reported on stderr by the caller's handler. */
export function checkText(
  text: string,
  request: CheckRequest,
  rules: readonly Rule<object>[],
  onRuleError?: (ruleId: string, error: unknown) => void,
  paragraphReport?: ParagraphReport,
): Omit<FileResult, "path"> & { text: string } {
  const languageId = languageOfPath(request.path);
  if (!isChecked(text, languageId)) return { findings: [], fixed: 0, text };
  let model = parseDocument({ text, uri: request.path, languageId }, lineCache);
  let fixed = 0;
  let out = text;
  if (request.fix) {
    const result = fixAll(model, rules, request.lint);
    if (result.text !== text) {
      fixed = result.fixed;
      out = result.text;
      model = parseDocument({ text: out, uri: request.path, languageId }, lineCache);
    }
  }
  const problems = lint(model, rules, request.lint, { onRuleError });
  const locate: Locator = paragraphReport?.locate ?? pointAt;
  const paragraphs = request.paragraphs
    ? paragraphItems(model).map((item, i) => {
        const { excerpt, ...start } = locate(model, model.paragraphs[i].start);
        const { excerpt: _, ...end } = locate(model, model.paragraphs[i].end);
        return { normalized: item.text, length: item.length, start, end, excerpt };
      })
    : undefined;
  const findings = paragraphReport ? problems.map((p) => toParagraphFinding(model, p, paragraphReport)) : problems.map((p) => toFinding(model, p));
  return { findings, fixed, text: out, paragraphs };
}

/** Reads, checks and (with fix) rewrites one file in its own encoding. Never throws. */
export async function checkFile(request: CheckRequest, rules: readonly Rule<object>[], onRuleError?: (ruleId: string, error: unknown) => void): Promise<FileResult> {
  let decoded: Decoded;
  try {
    decoded = request.text !== undefined ? { text: request.text.replace(/^\ufeff/, ""), encoding: "utf8", bom: false } : decode(await readFile(request.path));
  } catch (error) {
    return { path: request.path, findings: [], fixed: 0, error: describe(error) };
  }
  let result: ReturnType<typeof checkText>;
  try {
    result = checkText(decoded.text, request, rules, onRuleError);
  } catch (error) {
    // The engine isolates rules; this is a parser failure, reported like an unreadable file.
    return { path: request.path, encoding: encodingLabel(decoded), findings: [], fixed: 0, error: `internal error: ${describe(error)}` };
  }
  const { text, ...rest } = result;
  const report: FileResult = { path: request.path, encoding: encodingLabel(decoded), ...rest };
  if (request.fix && text !== decoded.text) {
    if (request.text !== undefined) report.fixedText = text;
    else {
      try {
        await writeFile(request.path, encode(text, decoded));
      } catch (error) {
        report.error = `cannot write the fixes: ${describe(error)}`;
      }
    }
  }
  return report;
}

export function describe(error: unknown): string {
  if (error instanceof DecodeError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === "string") {
    if (e.code === "ENOENT") return "no such file";
    if (e.code === "EACCES" || e.code === "EPERM") return "permission denied";
    if (e.code === "EISDIR") return "is a folder";
    return e.code;
  }
  return error instanceof Error ? error.message : String(error);
}
