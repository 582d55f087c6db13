// Each document's settings: the editor's `gongwen` section with the nearest .gongwenrc.json over
// it, kept until a change notification or a config file event says otherwise. A check must not
// wait for a round trip to the client when nothing has changed, so the editor's answer is kept
// per scope (workspace folder) and a document's settings, once known, are handed out as a value.

import type { Connection } from "vscode-languageserver";
import { defaultSettings, normalizeSettings, type Settings } from "../settings";
import type { Language } from "../i18n";
import type { ProjectConfigs } from "./project-config";

export class SettingsStore {
  /** The editor's answer per scope: what `workspace/configuration` gives is the same for every document of a folder. */
  private readonly editor = new Map<string, Promise<Settings>>();
  /** Per document: the editor's settings with the project's config applied. */
  private readonly pending = new Map<string, Promise<Settings>>();
  private readonly known = new Map<string, Settings>();
  private folders: string[] = [];
  private canPull = false;
  /** Settings pushed by clients that cannot answer workspace/configuration (didChangeConfiguration's `settings.gongwen`). */
  private pushed: unknown;
  /** Bumped by clear(): an answer to an older request is not kept. */
  private generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly projectConfigs: ProjectConfigs,
    private readonly languageFor: (settings: Settings) => Language,
    /** The document whose settings apply (a Word document's text: the Word file). */
    private readonly sourceOf: (uri: string) => string = (uri) => uri,
  ) {}

  /** From onInitialize: whether the client answers workspace/configuration, and its folders. */
  initialize(canPull: boolean, folders: string[]): void {
    this.canPull = canPull;
    // Longest first: a document belongs to the innermost folder that holds it.
    this.folders = folders.map((f) => (f.endsWith("/") ? f : f + "/")).sort((a, b) => b.length - a.length);
  }

  /** Asks for each folder's settings ahead of the first document (from onInitialized). */
  prefetch(): void {
    for (const folder of this.folders) void this.editorSettings(folder);
  }

  /** didChangeConfiguration: forgets everything; `pushed` replaces the pushed settings when given. */
  changed(pushed?: unknown): void {
    if (pushed !== undefined) this.pushed = pushed;
    this.clear();
  }

  clear(): void {
    this.generation++;
    this.editor.clear();
    this.pending.clear();
    this.known.clear();
  }

  forget(uri: string): void {
    this.pending.delete(uri);
    this.known.delete(uri);
  }

  /** The settings when already known (no waiting), else undefined. */
  peek(uri: string): Settings | undefined {
    return this.known.get(uri);
  }

  /** The settings, at once when known, else once the client has answered. */
  get(uri: string): Settings | Promise<Settings> {
    return this.known.get(uri) ?? this.request(uri);
  }

  /** Always a promise (for handlers that await anyway). */
  async settings(uri: string): Promise<Settings> {
    return this.get(uri);
  }

  private request(uri: string): Promise<Settings> {
    let settings = this.pending.get(uri);
    if (settings) return settings;
    const generation = this.generation;
    const source = this.sourceOf(uri);
    settings = this.editorSettings(this.scopeOf(source), source).then((s) => {
      // The project's .gongwenrc.json applies over the editor settings.
      const applied = this.projectConfigs.apply(source, s, this.languageFor(s));
      if (generation === this.generation) this.known.set(uri, applied);
      return applied;
    });
    this.pending.set(uri, settings);
    return settings;
  }

  /**
   * The workspace folder holding `uri`. Documents outside every folder share one scope: the
   * editor answers them all with the user's (and the workspace file's) settings.
   */
  private scopeOf(uri: string): string {
    for (const folder of this.folders) if (uri.startsWith(folder)) return folder;
    return "";
  }

  /** `scopeUri`: what to ask the client with (the folder, or the first document outside the folders). */
  private editorSettings(scope: string, scopeUri = scope): Promise<Settings> {
    let settings = this.editor.get(scope);
    if (!settings) {
      settings = this.canPull
        ? this.connection.workspace.getConfiguration({ scopeUri, section: "gongwen" }).then(normalizeSettings, () => defaultSettings())
        : Promise.resolve(this.pushed === undefined ? defaultSettings() : normalizeSettings(this.pushed));
      this.editor.set(scope, settings);
    }
    return settings;
  }
}
