// The language server's side of .gongwenrc.json: the nearest file applied over VS Code
// settings, watched for changes, broken files shown once, and the "add to the project's
// allow-list" quick fix for placeholder findings.

import { CodeActionKind, DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification, type CodeAction, type CodeActionParams, type Connection, type Diagnostic, type WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
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
  private canCreateFiles = false;

  constructor(private readonly connection: Connection) {}

  /** Reads what the client can do; call from onInitialize. */
  initialize(params: { workspaceFolders?: Array<{ uri: string }> | null; rootUri?: string | null; capabilities: { workspace?: { workspaceEdit?: { resourceOperations?: string[] } } } }): void {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.workspaceFolders = folders.map(filePathOf).filter((p): p is string => p !== undefined);
    this.canCreateFiles = params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes("create") === true;
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
   * "Add to the project's allow-list" for placeholder diagnostics of a document on disk: edits
   * the nearest .gongwenrc.json, or creates one at the workspace folder (else beside the document).
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
    const target = this.resolver.findFile(path) ?? this.newConfigPath(path);
    const actions: CodeAction[] = [];
    for (const [word, diagnostic] of words) {
      const edit = this.allowEdit(target, word);
      if (!edit) continue;
      const shown = relative(dirname(path), target).split(sep).join("/") || CONFIG_FILE_NAME;
      actions.push({
        title: localize({ zh: `将“${word}”加入项目允许列表（${shown}）`, en: `Add "${word}" to the project's allow-list (${shown})` }, language),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit,
      });
    }
    return actions;
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

  /** The whole new file as one edit: the config is small, and re-serialising keeps it valid JSON. */
  private allowEdit(configPath: string, word: string): WorkspaceEdit | undefined {
    const uri = pathToFileURL(configPath).href;
    let text: string | undefined;
    try {
      text = readFileSync(configPath, "utf8");
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      if (!this.canCreateFiles) return undefined;
      const content = JSON.stringify({ rules: { placeholder: { allow: [word] } } }, null, 2) + "\n";
      return {
        documentChanges: [
          { kind: "create", uri, options: { ignoreIfExists: true } },
          { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] },
        ],
      };
    }
    const parsed = parseJson(text);
    // A broken file is the user's to repair; rewriting it would lose what they wrote.
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) return undefined;
    const root = parsed.value as Record<string, unknown>;
    const rules = (typeof root.rules === "object" && root.rules !== null && !Array.isArray(root.rules) ? root.rules : (root.rules = {})) as Record<string, unknown>;
    let placeholder = rules.placeholder;
    if (typeof placeholder === "string") placeholder = rules.placeholder = { severity: placeholder };
    else if (typeof placeholder !== "object" || placeholder === null || Array.isArray(placeholder)) placeholder = rules.placeholder = {};
    const options = placeholder as Record<string, unknown>;
    const allow = Array.isArray(options.allow) ? (options.allow as unknown[]) : (options.allow = []);
    if (allow.includes(word)) return undefined;
    allow.push(word);
    const lines = text.split("\n");
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    return { changes: { [uri]: [{ range: { start: { line: 0, character: 0 }, end }, newText: JSON.stringify(root, null, 2).replace(/\n/g, eol) + eol }] } };
  }
}
