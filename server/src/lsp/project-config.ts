// The language server's side of .gongwenrc.json: the nearest file applied over VS Code
// settings, watched for changes, broken files shown once, and the "allow this word in the
// project" action for placeholder findings, which writes the file and can undo it.

import { CodeActionKind, DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification, type CodeAction, type CodeActionParams, type Connection, type Diagnostic } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { CONFIG_FILE_NAME, ConfigResolver, formatConfigProblem, mergeLintConfig } from "../config/project";
import { parseJson } from "../config/json";
import { readExportSettings } from "../export/layout";
import type { Settings } from "../settings";
import { localize, type Language } from "../i18n";

export const CONFIG_GLOB = `**/${CONFIG_FILE_NAME}`;

function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function isConfigUri(uri: string): boolean {
  return uri.endsWith("/" + CONFIG_FILE_NAME);
}

export class ProjectConfigs {
  private readonly resolver = new ConfigResolver();
  private readonly shown = new Set<string>();
  private workspaceFolders: string[] = [];
  private canShowDocument = false;

  constructor(private readonly connection: Connection) {}

  /** Reads what the client can do; call from onInitialize. */
  initialize(params: { workspaceFolders?: Array<{ uri: string }> | null; rootUri?: string | null; capabilities: { window?: { showDocument?: { support?: boolean } } } }): void {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.workspaceFolders = folders.map(filePathOf).filter((p): p is string => p !== undefined);
    this.canShowDocument = params.capabilities.window?.showDocument?.support === true;
  }

  /** Registers the file watcher when the client supports dynamic registration; call from onInitialized. */
  watch(dynamicRegistration: boolean): void {
    if (!dynamicRegistration) return;
    void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_GLOB }] }).catch(() => undefined);
  }

  /** Forgets every config read; the next check reads them again. */
  clear(): void {
    this.resolver.clear();
    // A file broken again after an edit deserves a new message.
    this.shown.clear();
  }

  /**
   * Settings for a document: the nearest config file's rules over the editor's settings (the
   * file wins); a document its `ignore` covers is treated as disabled.
   */
  apply(uri: string, settings: Settings, language: Language): Settings {
    const path = filePathOf(uri);
    if (!path) return settings;
    const lookup = this.resolver.lookup(path);
    if (lookup.error) this.showOnce(formatConfigProblem(lookup.error, language), true);
    for (const w of lookup.warnings) this.showOnce(formatConfigProblem(w, language), false);
    const config = lookup.config;
    if (!config) return settings;
    return { ...settings, enable: settings.enable && !config.isIgnored(path), lint: mergeLintConfig(settings.lint, config.lint), export: readExportSettings(config.export, settings.export) };
  }

  private showOnce(text: string, broken: boolean): void {
    if (this.shown.has(text)) return;
    this.shown.add(text);
    this.connection.console.warn(`gongwen: ${text}`);
    // A notification, not a request: nothing waits on the user dismissing it.
    if (broken) void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `gongwen: ${text}` });
  }

  /**
   * "Allow this word everywhere in the project" for placeholder diagnostics of a document on disk:
   * the command gongwen.server.allowPlaceholder, which edits the nearest .gongwenrc.json (or
   * creates one at the workspace folder, else beside the document) and says so, with an undo.
   */
  allowListActions(document: TextDocument, params: CodeActionParams, language: Language): CodeAction[] {
    const only = params.context.only;
    if (only && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(o + "."))) return [];
    const path = filePathOf(document.uri);
    if (!path) return [];
    const words = new Map<string, Diagnostic>();
    for (const d of params.context.diagnostics) {
      if (d.source !== "gongwen" || d.code !== "placeholder") continue;
      const word = document.getText(d.range).trim();
      if (word !== "" && word.length <= 40 && !words.has(word)) words.set(word, d);
    }
    if (words.size === 0) return [];
    const target = this.targetFor(path);
    const actions: CodeAction[] = [];
    for (const [word, diagnostic] of words) {
      if (allowedText(target, word) === undefined) continue;
      const shown = shownPath(path, target);
      const title = localize({ zh: `允许本项目中所有的“${word}”（写入 ${shown}）`, en: `Allow "${word}" everywhere in this project (adds it to ${shown})` }, language);
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title, command: COMMAND_ALLOW, arguments: [{ uri: document.uri, word } satisfies AllowArgs] },
      });
    }
    return actions;
  }

  /**
   * Runs gongwen.server.allowPlaceholder: writes the word into the config file, re-checks through
   * `changed`, and tells the user what happened, offering to undo it or open the file.
   */
  allow(args: AllowArgs, language: Language, changed: () => void): { applied: boolean; reason?: string } {
    const path = filePathOf(args.uri);
    if (!path) return { applied: false, reason: "not a file" };
    const target = this.targetFor(path);
    const before = readText(target);
    const written = allowedText(target, args.word);
    if (written === undefined) return { applied: false, reason: "the config file cannot be edited, or allows the word already" };
    writeAtomically(target, written);
    changed();
    const shown = shownPath(path, target);
    const undo = { title: localize({ zh: "撤销", en: "Undo" }, language) };
    const open = { title: localize({ zh: `打开 ${CONFIG_FILE_NAME}`, en: `Open ${CONFIG_FILE_NAME}` }, language) };
    const message = localize({
      zh: `已将“${args.word}”加入 ${shown} 的占位符允许列表：本项目中的“${args.word}”都不再提示。要恢复提示，请点“撤销”，或从该文件的 allow 中删除它。`,
      en: `Added "${args.word}" to the placeholder allow-list in ${shown}: no "${args.word}" in this project is flagged any more. Undo, or remove it from the file's "allow", to flag it again.`,
    }, language);
    // Not awaited: the command answers now; the message may stay up until the user looks at it.
    void this.connection.window.showInformationMessage(message, undo, open).then((choice) => {
      if (choice?.title === undo.title) {
        undoAllow(target, before, written, args.word);
        changed();
        void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: localize({ zh: `已撤销：“${args.word}”重新提示。`, en: `Undone: "${args.word}" is flagged again.` }, language) });
      } else if (choice?.title === open.title && this.canShowDocument) {
        void this.connection.window.showDocument({ uri: pathToFileURL(target).href, takeFocus: true });
      }
    }, () => undefined);
    return { applied: true };
  }

  private targetFor(documentPath: string): string {
    return this.resolver.findFile(documentPath) ?? this.newConfigPath(documentPath);
  }

  private newConfigPath(documentPath: string): string {
    const folder = this.workspaceFolders
      .filter((f) => {
        const rel = relative(f, documentPath);
        return rel !== "" && !rel.startsWith("..");
      })
      .sort((a, b) => b.length - a.length)[0];
    return join(folder ?? dirname(documentPath), CONFIG_FILE_NAME);
  }
}

export const COMMAND_ALLOW = "gongwen.server.allowPlaceholder";

export interface AllowArgs {
  /** The document the placeholder was found in (its nearest config file is edited). */
  uri: string;
  word: string;
}

export function isAllowArgs(value: unknown): value is AllowArgs {
  const v = value as AllowArgs | undefined;
  return typeof v === "object" && v !== null && typeof v.uri === "string" && typeof v.word === "string" && v.word.trim() !== "" && v.word.length <= 40;
}

function shownPath(documentPath: string, target: string): string {
  return relative(dirname(documentPath), target).split(sep).join("/") || CONFIG_FILE_NAME;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Written beside the target, then renamed over it: the file is never left half-written. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The options object of rules.placeholder in a parsed config, created where missing. */
function placeholderOptions(root: Record<string, unknown>): Record<string, unknown> {
  const rules = (typeof root.rules === "object" && root.rules !== null && !Array.isArray(root.rules) ? root.rules : (root.rules = {})) as Record<string, unknown>;
  let placeholder = rules.placeholder;
  if (typeof placeholder === "string") placeholder = rules.placeholder = { severity: placeholder };
  else if (typeof placeholder !== "object" || placeholder === null || Array.isArray(placeholder)) placeholder = rules.placeholder = {};
  return placeholder as Record<string, unknown>;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  const parsed = parseJson(text);
  return parsed.ok && typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value) ? parsed.value as Record<string, unknown> : undefined;
}

function serialise(root: Record<string, unknown>, like: string): string {
  const eol = like.includes("\r\n") ? "\r\n" : "\n";
  return JSON.stringify(root, null, 2).replace(/\n/g, eol) + eol;
}

/**
 * The config file's new text with `word` allowed; undefined when the file is broken (it is the
 * user's to repair: rewriting it would lose what they wrote) or allows the word already.
 */
function allowedText(configPath: string, word: string): string | undefined {
  const text = readText(configPath);
  if (text === undefined) return JSON.stringify({ rules: { placeholder: { allow: [word] } } }, null, 2) + "\n";
  const root = parseObject(text);
  if (!root) return undefined;
  const options = placeholderOptions(root);
  const allow = Array.isArray(options.allow) ? (options.allow as unknown[]) : (options.allow = []);
  if (allow.includes(word)) return undefined;
  allow.push(word);
  return serialise(root, text);
}

/** Takes the word out again: the file as it was when nothing else changed it since, else just the entry. */
function undoAllow(configPath: string, before: string | undefined, written: string, word: string): void {
  const now = readText(configPath);
  if (now === undefined) return;
  if (now === written) {
    if (before === undefined) rmSync(configPath, { force: true });
    else writeAtomically(configPath, before);
    return;
  }
  const root = parseObject(now);
  if (!root) return;
  const options = placeholderOptions(root);
  if (!Array.isArray(options.allow) || !options.allow.includes(word)) return;
  options.allow = (options.allow as unknown[]).filter((w) => w !== word);
  writeAtomically(configPath, serialise(root, now));
}
