// The language server: LSP wiring only. Document logic lives in model/, engine/ and rules/.

import {
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type Diagnostic,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { parseDocument, LineFactsCache, type LineSplitter } from "./model/parse";
import type { DocumentModel } from "./model/document";
import { containsChinese } from "./model/text";
import { lint } from "./engine/lint";
import type { Problem } from "./engine/rule";
import type { Settings } from "./settings";
import { languageOf, type Language } from "./i18n";
import { isOwnDocumentation, PublishedProblems, toDiagnostic } from "./lsp/diagnostics";
import { codeActions, COMMAND_FIX_ALL, COMMAND_FIX_RULE, COMMAND_RENUMBER, FIX_ALL_KIND, toLspEdits } from "./lsp/code-actions";
import { COMMAND_SELECT, isSelectArgs } from "./lsp/placeholder-actions";
import { fixAllReport } from "./lsp/fix-all-report";
import { diffEdits, fixAll } from "./engine/fixes";
import { documentSymbols, foldingRanges } from "./lsp/symbols";
import { COMPLETION_TRIGGERS, headingCompletions } from "./lsp/completion";
import { renumberDocumentEdits } from "./rules/numbering-sequence";
import { lintInSlices, mapInSlices, splitInSlices, type SliceStats } from "./engine/slices";
import { rulesFromEnvironment } from "./engine/fault-injection";
import { RULES } from "./rules";
import { COMMAND_ALLOW, isAllowArgs, isConfigUri, ProjectConfigs } from "./lsp/project-config";
import { IdleCollector } from "./lsp/memory";
import { writeMessagesWhole } from "./lsp/one-write-per-message";
import { forgetDocumentMemos } from "./engine/memo";
import { SettingsStore } from "./lsp/settings-store";
import { isWordTextUri, registerWordDocuments, wordSourceUri } from "./lsp/word-documents";
import { EXPORT_REQUEST, exportDocument, textFromDisk, type ExportParams } from "./lsp/export";
import { isExportFailure } from "./export/files";
import { PREVIEW_REQUEST, type PreviewParams } from "./preview/protocol";
import { PreviewFindings } from "./preview/findings";
import { loadPreview } from "./preview/load";
import type { PreviewService } from "./preview/service";

// On stdio each message goes out in one write: header and body (lsp/one-write-per-message.ts).
if (process.argv.includes("--stdio")) writeMessagesWhole(process.stdout);
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let clientLocale: string | undefined;
let canWatchFiles = false;
/** The client shows a document with a selection on request (window/showDocument). */
let canShowDocument = false;
/** .gongwenrc.json files: read per document, applied over the editor settings, watched. */
const projectConfigs = new ProjectConfigs(connection);
/** Each document's settings, kept until a change says otherwise (lsp/settings-store.ts). */
// A Word document's text has the settings of the Word file it comes from.
const settingsStore = new SettingsStore(connection, projectConfigs, languageFor, (uri) => wordSourceUri(uri) ?? uri);
const models = new Map<string, DocumentModel>();
const lineCaches = new Map<string, LineFactsCache>();
/** The pending check of each document, as the way to cancel it. */
const timers = new Map<string, () => void>();
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
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  settingsStore.initialize(params.capabilities.workspace?.configuration === true, folders);
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canShowDocument = params.capabilities.window?.showDocument?.support === true;
  projectConfigs.initialize(params);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: ["quickfix", FIX_ALL_KIND], resolveProvider: false },
      documentSymbolProvider: { label: "公文" },
      foldingRangeProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
      executeCommandProvider: { commands: [COMMAND_FIX_ALL, COMMAND_RENUMBER, COMMAND_SELECT, COMMAND_ALLOW, COMMAND_FIX_RULE] },
    },
    serverInfo: { name: "gongwen", version: "0.1.0" },
  };
});

connection.onDidChangeConfiguration((params) => {
  // Clients that cannot answer workspace/configuration push their settings here (`settings.gongwen`).
  // Each document is checked again only if its settings changed (see check()): VS Code's client
  // sends this notification right after opening the documents, with nothing changed.
  settingsStore.changed((params?.settings as { gongwen?: unknown } | null | undefined)?.gongwen);
  for (const document of documents.all()) schedule(document, 0);
});

/** Settings for handlers that await anyway. */
function settingsFor(uri: string): Promise<Settings> {
  return settingsStore.settings(uri);
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
  if (!settings.enable || !settings.languages.includes(languageId) || isOwnDocumentation(document.uri)) return false;
  return languageId === "gongwen" || containsChinese(document.getText());
}

/**
 * Checks a document after `delay` ms. With no delay, on the next turn of the event loop (not a
 * timer: Node clamps a 0 ms timer to 1 ms), after the messages already read are handled.
 */
function schedule(document: TextDocument, delay: number): void {
  timers.get(document.uri)?.();
  const run = () => {
    timers.delete(document.uri);
    void validate(document.uri, document.version);
  };
  if (delay <= 0) {
    const immediate = setImmediate(run);
    timers.set(document.uri, () => clearImmediate(immediate));
  } else {
    const timer = setTimeout(run, delay);
    timers.set(document.uri, () => clearTimeout(timer));
  }
}

/**
 * The version and settings each document's latest check was started for. Opening a document
 * fires both didOpen and a content change, and VS Code's client follows the didOpen with a
 * configuration notification that changes nothing: without this, two checks of the same text
 * with the same settings ran interleaved (each yielding to the other), doubling the time to the
 * first diagnostics of a big document.
 */
const checkStartedFor = new Map<string, string>();
/** Settings as text, to compare with those of the last check; the store hands out one object until a change. */
const signatures = new WeakMap<Settings, string>();
function signatureOf(settings: Settings): string {
  let signature = signatures.get(settings);
  if (signature === undefined) signatures.set(settings, (signature = JSON.stringify(settings)));
  return signature;
}

async function validate(uri: string, version: number): Promise<void> {
  const end = idleCollector.begin();
  try {
    await check(uri, version);
  } finally {
    end();
  }
}

/** Below this many findings diagnostics are made in one go; above, in slices. */
const SLICED_FROM_FINDINGS = 2_000;

async function check(uri: string, version: number): Promise<void> {
  const document = documents.get(uri);
  if (!document || document.version !== version) return;
  const requested = performance.now();
  // Known settings are a value: no await, no turn of the event loop before the check.
  const known = settingsStore.get(uri);
  const settings = known instanceof Promise ? await known : known;
  const current = documents.get(uri);
  // A newer version arrived while the settings were fetched: its own run will publish.
  if (!current || current.version !== version) return;
  const key = `${version}/${signatureOf(settings)}`;
  if (checkStartedFor.get(uri) === key) return;
  checkStartedFor.set(uri, key);
  if (!isChecked(current, settings)) {
    findingCounts.set(uri, 0);
    await connection.sendDiagnostics({ uri, version, diagnostics: [] });
    return;
  }
  const started = performance.now();
  const settingsMs = started - requested;
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
  const lintMs = stats.busyMs - parseMs;
  const language = languageFor(settings);
  findingCounts.set(uri, problems.length);
  const converting = performance.now();
  let diagnostics: Diagnostic[] | undefined;
  if (problems.length < SLICED_FROM_FINDINGS) {
    diagnostics = problems.map((p) => toDiagnostic(model, p, language));
    stats.busyMs += performance.now() - converting;
  } else {
    // 15 000 findings of a 10 MB document take tens of milliseconds: in slices too.
    diagnostics = await mapInSlices(problems, (p) => toDiagnostic(model, p, language), { isStale }, stats);
    if (diagnostics === undefined || isStale()) return;
  }
  const convertMs = performance.now() - converting;
  const computeMs = stats.busyMs;
  // Their fixes, for code actions on this version.
  publishedProblems.set(uri, version, problems);
  previewFindings.publish(model, problems);
  const publishing = performance.now();
  const sent = connection.sendDiagnostics({ uri, version, diagnostics });
  // Serialising and handing the message to the stream; the flush to the pipe follows.
  const publishMs = performance.now() - publishing;
  await sent;
  if (reportTiming) {
    // Where the time went, per step (docs/benchmark.md, "typical documents").
    const steps = { settings: settingsMs, parse: parseMs, lint: lintMs, convert: convertMs, publish: publishMs };
    void connection.sendNotification("$/gongwen/timing", { uri, version, computeMs, parseMs, wallMs: performance.now() - requested, yields: stats.yields, problems: problems.length, steps });
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
  const known = settingsStore.get(e.document.uri);
  if (known instanceof Promise) void known.then((s) => schedule(e.document, s.debounceMs));
  else schedule(e.document, known.debounceMs);
});
documents.onDidClose((e) => {
  const uri = e.document.uri;
  timers.get(uri)?.();
  timers.delete(uri);
  checkStartedFor.delete(uri);
  openedVersion.delete(uri);
  models.delete(uri);
  lineCaches.delete(uri);
  settingsStore.forget(uri);
  findingCounts.delete(uri);
  publishedProblems.delete(uri);
  previews?.forget(uri);
  previewFindings.forget(uri);
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
  const language = languageFor(settings);
  return [...codeActions(modelOf(document), params, activeRules, settings.lint, language, publishedProblems, { canSelect: canShowDocument }), ...projectConfigs.allowListActions(document, params, language)];
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
  if (params.command === COMMAND_SELECT) {
    if (!isSelectArgs(arg)) return { applied: false, reason: "bad arguments" };
    const shown = await connection.window.showDocument({ uri: arg.uri, selection: arg.range, takeFocus: true }).catch(() => undefined);
    return { applied: shown?.success === true };
  }
  if (params.command === COMMAND_ALLOW) {
    if (!isAllowArgs(arg)) return { applied: false, reason: "bad arguments" };
    const settings = await settingsFor(arg.uri);
    return projectConfigs.allow(arg, languageFor(settings), projectConfigChanged);
  }
  if (typeof arg.uri !== "string") return { applied: false, reason: "missing uri" };
  const document = documents.get(arg.uri);
  if (!document) return { applied: false, reason: "document not open" };
  if (isWordTextUri(document.uri)) return { applied: false, reason: "read-only text of a Word document" };
  if (typeof arg.version === "number" && arg.version !== document.version) return { applied: false, reason: "document changed" };
  const settings = await settingsFor(document.uri);
  const model = modelOf(document);
  // "Fix all <rule> problems in this document": fix-all with that rule alone.
  const ruleId = typeof arg.ruleId === "string" ? arg.ruleId : undefined;
  if (params.command === COMMAND_FIX_RULE && ruleId === undefined) return { applied: false, reason: "missing ruleId" };
  const fixed =
    params.command === COMMAND_FIX_ALL
      ? fixAll(model, activeRules, settings.lint)
      : params.command === COMMAND_FIX_RULE
        ? fixAll(model, activeRules.filter((r) => r.id === ruleId), settings.lint)
        : undefined;
  const edits = fixed ? diffEdits(model.text, fixed.text) : params.command === COMMAND_RENUMBER ? renumberDocumentEdits(model) : [];
  let applied = true;
  if (edits.length > 0) {
    const result = await connection.workspace.applyEdit({
      label: params.command === COMMAND_FIX_ALL ? "gongwen: fix all" : params.command === COMMAND_FIX_RULE ? `gongwen: fix all ${ruleId}` : "gongwen: renumber",
      edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: toLspEdits(model, edits) }] },
    });
    applied = result.applied;
  }
  if (fixed && params.command === COMMAND_FIX_ALL && applied && isChecked(document, settings)) {
    // Say what was fixed and what is left, and why: fix-all applies safe fixes only.
    const options = { onRuleError: logRuleError };
    const before = lint(model, activeRules, settings.lint, options).length;
    const left = lint(parseDocument({ text: fixed.text, uri: model.uri, version: model.version, languageId: model.languageId }), activeRules, settings.lint, options);
    // A notification: a request would keep a message with no buttons pending in some clients.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: fixAllReport(before, left, languageFor(settings)) });
  }
  return { applied, edits: edits.length };
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
  return exportDocument(params, { model, settings: settings.export, problems, rules: activeRules, language });
});

/** The page preview: the open document's pages, with the findings published (or carried over until they are). */
let previews: PreviewService | undefined;
const previewFindings = new PreviewFindings();
connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams) => {
  const document = typeof params?.uri === "string" ? documents.get(params.uri) : undefined;
  if (!document) return null;
  previews ??= new (await loadPreview()).PreviewService();
  const settings = await settingsFor(document.uri);
  idleCollector.noteWork();
  const model = modelOf(document);
  const checked = isChecked(document, settings);
  if (checked) previewFindings.watch(document.uri, model, publishedProblems.all(document.uri, model.version));
  const findings = checked ? previewFindings.for(model) : { problems: [], current: true };
  return previews.answer(params, { model, settings: settings.export, problems: findings.problems, findingsCurrent: findings.current, language: languageFor(settings) });
});

connection.onInitialized(() => {
  projectConfigs.watch(canWatchFiles);
  // The folders' settings asked for now: the first document opened need not wait for them.
  settingsStore.prefetch();
});

/** A .gongwenrc.json was created, changed or deleted: read the configs again and re-check. */
function projectConfigChanged(): void {
  projectConfigs.clear();
  settingsStore.clear();
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
