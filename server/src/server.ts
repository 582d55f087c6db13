// The language server: LSP wiring only. Document logic lives in model/, engine/ and rules/.

import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { parseDocument, LineFactsCache, type LineSplitter } from "./model/parse";
import type { DocumentModel } from "./model/document";
import { containsChinese } from "./model/text";
import { lint } from "./engine/lint";
import type { Problem } from "./engine/rule";
import { defaultSettings, normalizeSettings, type Settings } from "./settings";
import { languageOf, type Language } from "./i18n";
import { PublishedProblems, toDiagnostic } from "./lsp/diagnostics";
import { codeActions, COMMAND_FIX_ALL, COMMAND_FIX_RULE, COMMAND_RENUMBER, fixAllEdits, FIX_ALL_KIND, toLspEdits } from "./lsp/code-actions";
import { documentSymbols, foldingRanges } from "./lsp/symbols";
import { COMPLETION_TRIGGERS, headingCompletions } from "./lsp/completion";
import { renumberDocumentEdits } from "./rules/numbering-sequence";
import { lintInSlices, mapInSlices, splitInSlices, type SliceStats } from "./engine/slices";
import { rulesFromEnvironment } from "./engine/fault-injection";
import { RULES } from "./rules";
import { isConfigUri, ProjectConfigs } from "./lsp/project-config";
import { IdleCollector } from "./lsp/memory";
import { forgetDocumentMemos } from "./engine/memo";
import { isWordTextUri, registerWordDocuments, wordSourceUri } from "./lsp/word-documents";
import { EXPORT_REQUEST, exportDocument, textFromDisk, type ExportParams } from "./lsp/export";
import { isExportFailure } from "./export/files";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let clientLocale: string | undefined;
let canPullConfiguration = false;
let canWatchFiles = false;
/** .gongwenrc.json files: read per document, applied over the editor settings, watched. */
const projectConfigs = new ProjectConfigs(connection);
const settingsCache = new Map<string, Promise<Settings>>();
const models = new Map<string, DocumentModel>();
const lineCaches = new Map<string, LineFactsCache>();
const timers = new Map<string, NodeJS.Timeout>();
const findingCounts = new Map<string, number>();
/** The problems last published per document (their fixes answer code-action requests). */
const publishedProblems = new PublishedProblems();
const loggedRuleErrors = new Set<string>();
/** GONGWEN_TIMING=1: report each check's compute time in a `$/gongwen/timing` notification (the benchmark reads it). */
const reportTiming = process.env.GONGWEN_TIMING === "1";
/** A full collection once the server is idle after allocating a lot (lsp/memory.ts says why). */
const idleCollector = new IdleCollector();
/** Documents larger than this are analysed in slices, yielding to other requests between them. */
const SLICED_FROM_CHARS = 100_000;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  clientLocale = params.locale;
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  projectConfigs.initialize(params);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: ["quickfix", FIX_ALL_KIND], resolveProvider: false },
      documentSymbolProvider: { label: "公文" },
      foldingRangeProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
      executeCommandProvider: { commands: [COMMAND_FIX_ALL, COMMAND_RENUMBER, COMMAND_FIX_RULE] },
    },
    serverInfo: { name: "gongwen", version: "0.1.0" },
  };
});

/** Settings pushed by clients that cannot answer workspace/configuration (didChangeConfiguration's `settings.gongwen`). */
let pushedSettings: unknown;

connection.onDidChangeConfiguration((params) => {
  const pushed = (params?.settings as { gongwen?: unknown } | null | undefined)?.gongwen;
  if (pushed !== undefined) pushedSettings = pushed;
  settingsGeneration++;
  settingsCache.clear();
  for (const document of documents.all()) schedule(document, 0);
});

function settingsFor(uri: string): Promise<Settings> {
  let settings = settingsCache.get(uri);
  if (!settings) {
    // A Word document's text has the settings of the Word file it comes from.
    const scope = wordSourceUri(uri) ?? uri;
    settings = canPullConfiguration
      ? connection.workspace.getConfiguration({ scopeUri: scope, section: "gongwen" }).then(normalizeSettings, () => defaultSettings())
      : Promise.resolve(pushedSettings === undefined ? defaultSettings() : normalizeSettings(pushedSettings));
    // The project's .gongwenrc.json applies over the editor settings.
    settings = settings.then((s) => projectConfigs.apply(scope, s, languageFor(s)));
    settingsCache.set(uri, settings);
  }
  return settings;
}

function languageFor(settings: Settings): Language {
  return languageOf(settings.locale && settings.locale !== "auto" ? settings.locale : clientLocale);
}

function lineCacheOf(uri: string): LineFactsCache {
  let cache = lineCaches.get(uri);
  if (!cache) {
    cache = new LineFactsCache();
    lineCaches.set(uri, cache);
  }
  return cache;
}

/** `split`: the document's lines already split and analysed in slices (big documents). */
function modelOf(document: TextDocument, split?: LineSplitter): DocumentModel {
  const cached = models.get(document.uri);
  if (cached && cached.version === document.version) return cached;
  const model = parseDocument({ text: document.getText(), uri: document.uri, version: document.version, languageId: languageIdOf(document) }, lineCacheOf(document.uri), split);
  models.set(document.uri, model);
  return model;
}

const KNOWN_LANGUAGES = new Set(["gongwen", "plaintext", "markdown"]);
const LANGUAGE_BY_EXTENSION: Record<string, string> = { txt: "plaintext", text: "plaintext", md: "markdown", markdown: "markdown", gw: "gongwen", gongwen: "gongwen" };

/**
 * The language a document is checked as. Editors other than VS Code may send their own ids
 * ("text", "md", ""); for ids we do not know, the file extension decides.
 */
function languageIdOf(document: TextDocument): string {
  if (KNOWN_LANGUAGES.has(document.languageId)) return document.languageId;
  const extension = /\.([A-Za-z]+)$/.exec(document.uri.split(/[?#]/)[0])?.[1]?.toLowerCase();
  return (extension && LANGUAGE_BY_EXTENSION[extension]) || document.languageId;
}

/** Whether a document is ours to check: an enabled language, and Chinese text in plain text and Markdown. */
function isChecked(document: TextDocument, settings: Settings): boolean {
  // A Word document's text was opened to be checked, whatever its language id; like plain text,
  // it is checked when it holds Chinese (as the CLI does).
  if (isWordTextUri(document.uri)) return settings.enable && containsChinese(document.getText());
  const languageId = languageIdOf(document);
  if (!settings.enable || !settings.languages.includes(languageId)) return false;
  return languageId === "gongwen" || containsChinese(document.getText());
}

function schedule(document: TextDocument, delay: number): void {
  const previous = timers.get(document.uri);
  if (previous) clearTimeout(previous);
  timers.set(
    document.uri,
    setTimeout(() => {
      timers.delete(document.uri);
      void validate(document.uri, document.version);
    }, delay),
  );
}

/**
 * The version and settings generation each document's latest check was started for. Opening a
 * document fires both didOpen and a content change: without this the two scheduled checks of the
 * same text ran interleaved (each yielding to the other), doubling the time to diagnostics.
 */
const checkStartedFor = new Map<string, string>();
/** Bumped when settings or project configs change, so the same version is checked again. */
let settingsGeneration = 0;

async function validate(uri: string, version: number): Promise<void> {
  const end = idleCollector.begin();
  try {
    await check(uri, version);
  } finally {
    end();
  }
}

async function check(uri: string, version: number): Promise<void> {
  const document = documents.get(uri);
  if (!document || document.version !== version) return;
  const key = `${version}/${settingsGeneration}`;
  if (checkStartedFor.get(uri) === key) return;
  checkStartedFor.set(uri, key);
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  // A newer version arrived while the settings were fetched: its own run will publish.
  if (!current || current.version !== version) return;
  if (!isChecked(current, settings)) {
    findingCounts.set(uri, 0);
    await connection.sendDiagnostics({ uri, version, diagnostics: [] });
    return;
  }
  const started = performance.now();
  const stats: SliceStats = { busyMs: 0, yields: 0 };
  const isStale = () => documents.get(uri)?.version !== version;
  let model: DocumentModel;
  let problems: Problem[] | undefined;
  let parseMs: number;
  if (current.getText().length < SLICED_FROM_CHARS) {
    model = modelOf(current);
    parseMs = performance.now() - started;
    problems = lint(model, activeRules, settings.lint, { onRuleError: logRuleError });
    stats.busyMs = performance.now() - started;
  } else {
    // Big documents: lines first (into the per-document line cache), then the rules, each in
    // slices; a newer version abandons this run at the next slice (its own run publishes).
    const markdown = languageIdOf(current) === "markdown";
    let split: LineSplitter | undefined;
    if (!models.has(uri) || models.get(uri)!.version !== version) {
      split = await splitInSlices(current.getText(), markdown, lineCacheOf(uri), { isStale }, stats);
      if (!split) return;
    }
    const parseStarted = performance.now();
    model = modelOf(current, split);
    parseMs = stats.busyMs + performance.now() - parseStarted;
    stats.busyMs = parseMs;
    problems = await lintInSlices(model, activeRules, settings.lint, { onRuleError: logRuleError }, { isStale }, stats);
    if (problems === undefined || isStale()) return;
  }
  const language = languageFor(settings);
  findingCounts.set(uri, problems.length);
  // 15 000 findings of a 10 MB document take tens of milliseconds: in slices too.
  const diagnostics = await mapInSlices(problems, (p) => toDiagnostic(model, p, language), { isStale }, stats);
  if (diagnostics === undefined || isStale()) return;
  const computeMs = stats.busyMs;
  // Their fixes, for code actions on this version.
  publishedProblems.set(uri, version, problems);
  await connection.sendDiagnostics({ uri, version, diagnostics });
  if (reportTiming) {
    void connection.sendNotification("$/gongwen/timing", { uri, version, computeMs, parseMs, wallMs: performance.now() - started, yields: stats.yields, problems: problems.length });
  }
}

/** The registry, or with GONGWEN_FAULT_INJECTION=throwing-rule a throwing rule added (protocol tests only). */
const activeRules = rulesFromEnvironment(RULES);

function logRuleError(ruleId: string, error: unknown): void {
  const text = error instanceof Error ? error.stack ?? error.message : String(error);
  const key = `${ruleId}:${text.split("\n")[0]}`;
  if (loggedRuleErrors.has(key)) return;
  loggedRuleErrors.add(key);
  connection.console.error(`gongwen: rule ${ruleId} failed and was skipped: ${text}`);
}

/** The version each document was opened with: didOpen has scheduled its check already. */
const openedVersion = new Map<string, number>();
documents.onDidOpen((e) => {
  openedVersion.set(e.document.uri, e.document.version);
  schedule(e.document, 0);
});
documents.onDidChangeContent((e) => {
  // Opening raises a content change too: it scheduled a second, debounced check of the same text.
  if (openedVersion.get(e.document.uri) === e.document.version) return;
  // No collection in the middle of a run of edits.
  idleCollector.noteWork();
  void settingsFor(e.document.uri).then((s) => schedule(e.document, s.debounceMs));
});
documents.onDidClose((e) => {
  const uri = e.document.uri;
  const timer = timers.get(uri);
  if (timer) clearTimeout(timer);
  timers.delete(uri);
  checkStartedFor.delete(uri);
  openedVersion.delete(uri);
  models.delete(uri);
  lineCaches.delete(uri);
  settingsCache.delete(uri);
  findingCounts.delete(uri);
  publishedProblems.delete(uri);
  forgetDocumentMemos(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
  // Its text and model (a few bytes per character) are garbage now, though the heap did not grow.
  idleCollector.noteWork(e.document.getText().length * CLOSED_BYTES_PER_CHARACTER);
});

/** What a closed document let go of per character: its text (2 bytes) and its model (~4). */
const CLOSED_BYTES_PER_CHARACTER = 6;

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  // A Word document's text is read-only: nothing to fix in place.
  if (!document || isWordTextUri(document.uri)) return [];
  const settings = await settingsFor(document.uri);
  if (!isChecked(document, settings)) return [];
  return [...codeActions(modelOf(document), params, activeRules, settings.lint, languageFor(settings), publishedProblems), ...projectConfigs.allowListActions(document, params, languageFor(settings))];
});

connection.onDocumentSymbol(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const settings = await settingsFor(document.uri);
  if (!isChecked(document, settings)) return [];
  idleCollector.noteWork();
  return documentSymbols(modelOf(document));
});

connection.onFoldingRanges(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const settings = await settingsFor(document.uri);
  if (!isChecked(document, settings)) return [];
  idleCollector.noteWork();
  return foldingRanges(modelOf(document));
});

connection.onCompletion(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document || isWordTextUri(document.uri)) return [];
  const settings = await settingsFor(document.uri);
  if (!settings.enable || !settings.languages.includes(languageIdOf(document))) return [];
  return headingCompletions(modelOf(document), params.position);
});

connection.onExecuteCommand(async (params) => {
  const arg = (params.arguments?.[0] ?? {}) as { uri?: unknown; version?: unknown; ruleId?: unknown };
  if (typeof arg.uri !== "string") return { applied: false, reason: "missing uri" };
  const document = documents.get(arg.uri);
  if (!document) return { applied: false, reason: "document not open" };
  if (isWordTextUri(document.uri)) return { applied: false, reason: "read-only text of a Word document" };
  if (typeof arg.version === "number" && arg.version !== document.version) return { applied: false, reason: "document changed" };
  const settings = await settingsFor(document.uri);
  const model = modelOf(document);
  const ruleId = typeof arg.ruleId === "string" ? arg.ruleId : undefined;
  if (params.command === COMMAND_FIX_RULE && ruleId === undefined) return { applied: false, reason: "missing ruleId" };
  const edits =
    params.command === COMMAND_FIX_ALL
      ? fixAllEdits(model, activeRules, settings.lint)
      : params.command === COMMAND_FIX_RULE
        ? fixAllEdits(model, activeRules.filter((r) => r.id === ruleId), settings.lint)
        : params.command === COMMAND_RENUMBER
          ? renumberDocumentEdits(model)
          : [];
  if (edits.length === 0) return { applied: true, edits: 0 };
  const result = await connection.workspace.applyEdit({
    label: params.command === COMMAND_FIX_ALL ? "gongwen: fix all" : params.command === COMMAND_FIX_RULE ? `gongwen: fix all ${ruleId}` : "gongwen: renumber",
    edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: toLspEdits(model, edits) }] },
  });
  return { applied: result.applied, edits: edits.length };
});

connection.onRequest("gongwen/documentStats", async (params: { uri?: unknown }) => {
  const document = typeof params?.uri === "string" ? documents.get(params.uri) : undefined;
  if (!document) return { characters: 0, charactersWithoutSpaces: 0, findings: 0, checked: false };
  // Whether the server checks this document at all (plain text without Chinese is left alone).
  const checked = isChecked(document, await settingsFor(document.uri));
  const text = document.getText();
  let characters = 0;
  let visible = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) continue;
    if (c === 10 || c === 13 || c === 0xfeff) continue;
    characters++;
    if (c !== 0x20 && c !== 0x09 && c !== 0x3000 && c !== 0xa0) visible++;
  }
  return { characters, charactersWithoutSpaces: visible, findings: findingCounts.get(document.uri) ?? 0, checked };
});

/**
 * Export to Word: the open document's model and published findings when the client's version
 * is the one we have, else the text the client sent (or the file on disk) parsed afresh.
 */
connection.onRequest(EXPORT_REQUEST, async (params: ExportParams) => {
  if (typeof params?.uri !== "string") return { status: "failed", message: "missing uri" };
  const settings = await settingsFor(params.uri);
  const language = languageFor(settings);
  const open = documents.get(params.uri);
  let model: DocumentModel;
  if (open && (params.version === undefined || params.version === open.version)) model = modelOf(open);
  else {
    let text = params.text;
    if (typeof text !== "string") {
      try {
        text = textFromDisk(params.uri);
      } catch (error) {
        return { status: "failed", message: isExportFailure(error) ? error.reason[language] : String(error) };
      }
    }
    model = parseDocument({ text, uri: params.uri, languageId: params.languageId ?? languageIdOf({ uri: params.uri, languageId: "" } as TextDocument) });
  }
  // The findings the user sees: those published for this version, else a check now; none where gongwen is off.
  const problems = () => (settings.enable ? (open && publishedProblems.all(open.uri, model.version)) || lint(model, activeRules, settings.lint, { onRuleError: logRuleError }) : []);
  return exportDocument(params, { model, settings: settings.export, problems, language });
});

connection.onInitialized(() => projectConfigs.watch(canWatchFiles));

/** A .gongwenrc.json was created, changed or deleted: read the configs again and re-check. */
function projectConfigChanged(): void {
  projectConfigs.clear();
  settingsGeneration++;
  settingsCache.clear();
  for (const document of documents.all()) schedule(document, 0);
}
connection.onDidChangeWatchedFiles((params) => {
  if (params.changes.some((c) => isConfigUri(c.uri))) projectConfigChanged();
});
documents.onDidSave((e) => {
  if (isConfigUri(e.document.uri)) projectConfigChanged();
});

// A big message (a 10 MB didOpen) arrives in many chunks before any handler runs: that is work.
if (process.argv.includes("--stdio")) process.stdin.on("data", () => idleCollector.noteWork());

registerWordDocuments(connection);
documents.listen(connection);
connection.listen();
