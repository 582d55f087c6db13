// Report formats of the CLI: compiler-like text grouped by file, JSON, and SARIF 2.1.0.

import { relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Language } from "../i18n";
import { RULES } from "../rules";
import type { FileResult, Finding } from "./check";

export interface Summary {
  files: number;
  filesWithFindings: number;
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
  fixed: number;
  ioErrors: number;
}

export function summarize(results: readonly FileResult[]): Summary {
  const s: Summary = { files: results.length, filesWithFindings: 0, errors: 0, warnings: 0, infos: 0, fixable: 0, fixed: 0, ioErrors: 0 };
  for (const r of results) {
    if (r.error) s.ioErrors++;
    if (r.findings.length > 0) s.filesWithFindings++;
    s.fixed += r.fixed;
    for (const f of r.findings) {
      if (f.severity === "error") s.errors++;
      else if (f.severity === "warning") s.warnings++;
      else s.infos++;
      if (f.fixable) s.fixable++;
    }
  }
  return s;
}

/** Paths as the user typed them: relative to the working folder when inside it, "/"-separated. */
export function displayPath(path: string, cwd: string): string {
  if (path === "<stdin>") return path;
  const rel = relative(cwd, path);
  const shown = rel !== "" && !rel.startsWith("..") ? rel : path;
  return sep === "\\" ? shown.split(sep).join("/") : shown;
}

const COLORS = { error: "\x1b[31m", warning: "\x1b[33m", info: "\x1b[36m", hint: "\x1b[36m", dim: "\x1b[2m", bold: "\x1b[1m", reset: "\x1b[0m" };

export function formatText(results: readonly FileResult[], language: Language, cwd: string, color: boolean): string {
  const paint = (code: string, s: string) => (color ? code + s + COLORS.reset : s);
  const blocks: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const path = displayPath(r.path, cwd);
    const lines = r.findings.map((f) => {
      const where = r.unit === "paragraph" ? paragraphPlace(path, f.start.line, f.excerpt, language) : `${path}:${f.start.line}:${f.start.column}`;
      const head = `${where} ${paint(COLORS[f.severity], f.severity)} ${language === "zh" ? f.message.zh : f.message.en} ${paint(COLORS.dim, f.ruleId)}`;
      const notes = f.related.map((rel) => {
        const relPath = rel.path ? displayPath(rel.path, cwd) : path;
        const at = rel.unit === "paragraph" ? paragraphPlace(relPath, rel.start.line, rel.excerpt, language) : `${relPath}:${rel.start.line}:${rel.start.column}`;
        return `  ${at} ${paint(COLORS.dim, "note")} ${language === "zh" ? rel.message.zh : rel.message.en}`;
      });
      return [head, ...notes].join("\n");
    });
    blocks.push(lines.join("\n"));
  }
  const s = summarize(results);
  const summary = summaryLine(s, language);
  return (blocks.length > 0 ? blocks.join("\n\n") + "\n\n" : "") + paint(COLORS.bold, summary) + "\n";
}

/** A place in a Word document: its paragraph and the words there (Word has no line numbers). */
export function paragraphPlace(path: string, paragraph: number, excerpt: string | undefined, language: Language): string {
  const where = language === "zh" ? `${path} 第${paragraph}段` : `${path} paragraph ${paragraph}`;
  return excerpt ? `${where} “${excerpt}”` : where;
}

export function summaryLine(s: Summary, language: Language): string {
  const total = s.errors + s.warnings + s.infos;
  if (language === "zh") {
    let line = total === 0 ? `检查了 ${s.files} 个文件，未发现问题` : `${total} 个问题（错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}），涉及 ${s.files} 个文件中的 ${s.filesWithFindings} 个`;
    if (s.fixable > 0) line += `；其中 ${s.fixable} 个可用 --fix 自动修复`;
    if (s.fixed > 0) line += `；已自动修复 ${s.fixed} 处`;
    if (s.ioErrors > 0) line += `；${s.ioErrors} 个文件无法读取或写入`;
    return line + "。";
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  let line =
    total === 0
      ? `${plural(s.files, "file")} checked, no problems`
      : `${plural(total, "problem")} (${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}, ${s.infos} info) in ${s.filesWithFindings} of ${plural(s.files, "file")}`;
  if (s.fixable > 0) line += `; ${s.fixable} fixable with --fix`;
  if (s.fixed > 0) line += `; ${plural(s.fixed, "fix")} applied`.replace("fixs", "fixes");
  if (s.ioErrors > 0) line += `; ${plural(s.ioErrors, "file")} could not be read or written`;
  return line + ".";
}

/** Word documents: `line` is the paragraph number, `column` counts from the paragraph's start; `paragraph` and `excerpt` say so. */
function jsonFinding(f: Finding, language: Language, cwd: string, unit: FileResult["unit"]) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: language === "zh" ? f.message.zh : f.message.en,
    line: f.start.line,
    column: f.start.column,
    endLine: f.end.line,
    endColumn: f.end.column,
    ...(unit === "paragraph" ? { paragraph: f.start.line, excerpt: f.excerpt } : {}),
    fixable: f.fixable,
    related: f.related.map((r) => ({
      path: r.path ? displayPath(r.path, cwd) : undefined,
      line: r.start.line,
      column: r.start.column,
      endLine: r.end.line,
      endColumn: r.end.column,
      ...(r.unit === "paragraph" ? { paragraph: r.start.line, excerpt: r.excerpt } : {}),
      message: language === "zh" ? r.message.zh : r.message.en,
    })),
  };
}

export function formatJson(results: readonly FileResult[], language: Language, cwd: string, version: string): string {
  const report = {
    tool: { name: "gongwen", version },
    columns: "codePoints",
    files: results.map((r) => ({
      path: displayPath(r.path, cwd),
      encoding: r.encoding,
      unit: r.unit,
      error: r.error,
      fixed: r.fixed,
      findings: r.findings.map((f) => jsonFinding(f, language, cwd, r.unit)),
    })),
    summary: summarize(results),
  };
  return JSON.stringify(report, null, 2) + "\n";
}

const LEVEL = { error: "error", warning: "warning", info: "note", hint: "note" } as const;

function artifactUri(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (path === "<stdin>") return { uri: "stdin" };
  const rel = relative(cwd, path);
  if (rel !== "" && !rel.startsWith("..") && !/^[a-zA-Z]:/.test(rel)) return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "SRCROOT" };
  return { uri: pathToFileURL(path).href };
}

export function formatSarif(results: readonly FileResult[], language: Language, cwd: string, version: string): string {
  const pick = (m: { zh: string; en: string }) => (language === "zh" ? m.zh : m.en);
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  // In a Word document the lines are paragraphs: the excerpt goes with them as the region's snippet.
  const region = (s: { line: number; column: number }, e: { line: number; column: number }, excerpt?: string) => ({
    startLine: s.line,
    startColumn: s.column,
    endLine: e.line,
    endColumn: e.column,
    ...(excerpt !== undefined ? { snippet: { text: excerpt } } : {}),
  });
  const sarifResults = [];
  for (const r of results) {
    const artifact = artifactUri(r.path, cwd);
    for (const f of r.findings) {
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: pick(f.message) },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(f.start, f.end, f.excerpt) } }],
      };
      if (r.unit === "paragraph") result.properties = { paragraph: f.start.line, excerpt: f.excerpt };
      if (f.related.length > 0) {
        result.relatedLocations = f.related.map((rel, id) => ({
          id,
          message: { text: pick(rel.message) },
          physicalLocation: { artifactLocation: rel.path ? artifactUri(rel.path, cwd) : artifact, region: region(rel.start, rel.end, rel.excerpt) },
          ...(rel.unit === "paragraph" ? { properties: { paragraph: rel.start.line } } : {}),
        }));
      }
      if (f.fix) {
        result.fixes = [
          {
            description: { text: pick(f.fix.title) },
            artifactChanges: [{ artifactLocation: artifact, replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e.start, e.end), insertedContent: { text: e.newText } })) }],
          },
        ];
      }
      sarifResults.push(result);
    }
  }
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "gongwen",
            version,
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: pick(rule.meta.description) },
              defaultConfiguration: { level: LEVEL[rule.meta.severity] },
              properties: { tags: rule.meta.tags },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd).href.replace(/\/?$/, "/") } },
        columnKind: "unicodeCodePoints",
        invocations: [
          {
            executionSuccessful: !results.some((r) => r.error),
            toolExecutionNotifications: results
              .filter((r) => r.error)
              .map((r) => ({ level: "error", message: { text: r.error }, locations: [{ physicalLocation: { artifactLocation: artifactUri(r.path, cwd) } }] })),
          },
        ],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
