// The project configuration file (.gongwenrc.json): found by walking up from a document,
// parsed with exact error positions, and merged over editor settings. Shared by the CLI and the server.

import { readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { LintConfig, RuleSetting, RuleSeverity } from "../engine/lint";
import type { Message } from "../engine/rule";
import { findRule } from "../rules";
import { ignoreMatcher } from "./glob";
import { parseJson } from "./json";
import { readExportSettings } from "../export/layout";

export const CONFIG_FILE_NAME = ".gongwenrc.json";

const SEVERITIES: readonly string[] = ["off", "info", "warning", "error", "hint"];

export interface ProjectConfig {
  /** Absolute path of the file. */
  path: string;
  /** Its folder: ignore globs are relative to it. */
  dir: string;
  lint: LintConfig;
  ignore: string[];
  /** The `export` section's valid values (applied over the editor's `gongwen.export.*`). */
  export: Record<string, unknown>;
  /** Whether a file (absolute path) is excluded by `ignore`. */
  isIgnored(filePath: string): boolean;
}

/** Something wrong in a config file, at a 1-based line and column (0 when unknown). */
export interface ConfigProblem {
  path: string;
  line: number;
  column: number;
  message: Message;
}

export interface ConfigLookup {
  /** The config that applies (absent when there is none, or it is broken: defaults apply). */
  config?: ProjectConfig;
  /** A file that could not be read or parsed; its settings are ignored as a whole. */
  error?: ConfigProblem;
  /** Parts of a readable file that were ignored (unknown rule, bad severity …). */
  warnings: ConfigProblem[];
}

/** "path:line:col: message": how CLI and server name a config problem. */
export function formatConfigProblem(p: ConfigProblem, language: "zh" | "en"): string {
  const where = p.line > 0 ? `${p.path}:${p.line}:${p.column}` : p.path;
  return `${where}: ${language === "zh" ? p.message.zh : p.message.en}`;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Where a key first appears in the text, for warnings about it (best effort). */
function positionOfKey(text: string, key: string): { line: number; column: number } {
  const at = text.indexOf(JSON.stringify(key));
  if (at < 0) return { line: 0, column: 0 };
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - before.lastIndexOf("\n") };
}

/** Parses the text of a config file located at `path`. */
export function parseConfig(text: string, path: string): ConfigLookup {
  const warnings: ConfigProblem[] = [];
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const e = parsed.error;
    return {
      warnings,
      error: {
        path,
        line: e.line,
        column: e.column,
        message: { zh: `配置文件不是有效的 JSON（${e.message}），已改用默认设置`, en: `not valid JSON (${e.message}); using the defaults` },
      },
    };
  }
  const root = asObject(parsed.value);
  if (!root) {
    return { warnings, error: { path, line: 1, column: 1, message: { zh: "配置文件应为 JSON 对象，已改用默认设置", en: "the configuration must be a JSON object; using the defaults" } } };
  }
  const warn = (key: string, message: Message) => warnings.push({ path, ...positionOfKey(text, key), message });

  const rules: Record<string, RuleSetting> = {};
  const rawRules = root.rules === undefined ? {} : asObject(root.rules);
  if (!rawRules) warn("rules", { zh: "“rules”应为对象，已忽略", en: '"rules" must be an object; ignored' });
  for (const [id, value] of Object.entries(rawRules ?? {})) {
    if (!findRule(id)) {
      warn(id, { zh: `未知规则“${id}”，已忽略`, en: `unknown rule "${id}"; ignored` });
      continue;
    }
    const setting: RuleSetting = {};
    const object = asObject(value);
    const severity = object ? object.severity : value;
    if (typeof severity === "string" && SEVERITIES.includes(severity)) setting.severity = severity as RuleSeverity;
    else if (severity !== undefined) {
      warn(id, { zh: `规则“${id}”的级别应为 off、info、warning 或 error，已忽略`, en: `the severity of "${id}" must be off, info, warning or error; ignored` });
    }
    if (object) {
      const { severity: _ignored, ...options } = object;
      void _ignored;
      if (Object.keys(options).length > 0) setting.options = options;
    }
    rules[id] = setting;
  }

  let ignore: string[] = [];
  if (root.ignore !== undefined) {
    if (Array.isArray(root.ignore) && root.ignore.every((g) => typeof g === "string")) ignore = root.ignore;
    else warn("ignore", { zh: "“ignore”应为字符串数组，已忽略", en: '"ignore" must be an array of strings; ignored' });
  }
  let exportValues: Record<string, unknown> = {};
  if (root.export !== undefined) {
    const raw = asObject(root.export);
    if (!raw) warn("export", { zh: "“export”应为对象，已忽略", en: '"export" must be an object; ignored' });
    else {
      // Only the values that pass go on; each one that does not is a warning at its key.
      const bad = new Set<string>();
      readExportSettings(raw, undefined, (key, message) => {
        bad.add(key);
        warn(key, message);
      });
      exportValues = Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key)));
    }
  }
  for (const key of Object.keys(root)) {
    if (key !== "rules" && key !== "ignore" && key !== "export" && key !== "$schema") warn(key, { zh: `未知设置项“${key}”，已忽略`, en: `unknown setting "${key}"; ignored` });
  }

  const dir = dirname(path);
  const matches = ignoreMatcher(ignore);
  return {
    warnings,
    config: {
      path,
      dir,
      lint: { rules },
      ignore,
      export: exportValues,
      isIgnored(filePath: string) {
        const rel = relative(dir, resolve(filePath));
        // Files outside the config's folder are not its business.
        if (rel === "" || rel.startsWith("..")) return false;
        return matches(rel);
      },
    },
  };
}

/** Reads and parses a config file; an unreadable file is reported like a broken one. */
export function readConfig(path: string): ConfigLookup {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return { warnings: [], error: { path, line: 0, column: 0, message: { zh: `无法读取配置文件（${reason}），已改用默认设置`, en: `cannot read the configuration (${reason}); using the defaults` } } };
  }
  return parseConfig(text, path);
}

/** Settings of the project file over the editor's (or the CLI's): the config file wins, per rule and per option. */
export function mergeLintConfig(base: LintConfig, over: LintConfig | undefined): LintConfig {
  if (!over?.rules) return base;
  const rules: Record<string, RuleSetting | undefined> = { ...(base.rules ?? {}) };
  for (const [id, setting] of Object.entries(over.rules)) {
    if (!setting) continue;
    const below = rules[id] ?? {};
    rules[id] = {
      severity: setting.severity ?? below.severity,
      options: below.options || setting.options ? { ...(below.options ?? {}), ...(setting.options ?? {}) } : undefined,
    };
  }
  return { ...base, rules };
}

/**
 * Finds the nearest config file above a document (its own folder first, up to the
 * filesystem root) and caches both the lookups and the parsed files until `clear()`.
 */
export class ConfigResolver {
  private readonly nearest = new Map<string, string | null>();
  private readonly parsed = new Map<string, ConfigLookup>();

  /** The config file that applies to a document at `filePath`, or null. */
  findFile(filePath: string): string | null {
    return this.findFrom(dirname(resolve(filePath)));
  }

  private findFrom(dir: string): string | null {
    const cached = this.nearest.get(dir);
    if (cached !== undefined) return cached;
    const candidate = join(dir, CONFIG_FILE_NAME);
    let found: string | null = null;
    try {
      if (statSync(candidate).isFile()) found = candidate;
    } catch {
      /* not here */
    }
    if (found === null) {
      const parent = dirname(dir);
      found = parent === dir ? null : this.findFrom(parent);
    }
    this.nearest.set(dir, found);
    return found;
  }

  /** The config for a document, read once per file. `explicit` (--config) replaces the search. */
  lookup(filePath: string, explicit?: string): ConfigLookup {
    const path = explicit ? resolve(explicit) : this.findFile(filePath);
    if (!path) return { warnings: [] };
    let result = this.parsed.get(path);
    if (!result) {
      result = readConfig(path);
      this.parsed.set(path, result);
    }
    return result;
  }

  clear(): void {
    this.nearest.clear();
    this.parsed.clear();
  }
}
