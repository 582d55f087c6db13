// User settings, normalised tolerantly: whatever a client sends, the server gets sane values.

import type { LintConfig, RuleSetting, RuleSeverity } from "./engine/lint";
import { RULES } from "./rules";
import { defaultExportSettings, readExportSettings, type ExportSettings } from "./export/layout";

export interface Settings {
  enable: boolean;
  languages: string[];
  debounceMs: number;
  /** "auto" follows the client's locale. */
  locale: string;
  lint: LintConfig;
  /** The Word export's layout values (`gongwen.export.*`). */
  export: ExportSettings;
}

export const DEFAULT_LANGUAGES = ["gongwen", "plaintext", "markdown"];

export function defaultSettings(): Settings {
  return { enable: true, languages: [...DEFAULT_LANGUAGES], debounceMs: 200, locale: "auto", lint: { rules: {} }, export: defaultExportSettings() };
}

const SEVERITIES: RuleSeverity[] = ["off", "error", "warning", "info", "hint"];

/** "numbering-style" → "numberingStyle": where a rule's options live in the settings. */
export function optionsKey(ruleId: string): string {
  return ruleId.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads the `gongwen` settings section (as VS Code nests dotted keys) into Settings. */
export function normalizeSettings(raw: unknown): Settings {
  const settings = defaultSettings();
  const section = asObject(raw);
  if (!section) return settings;
  if (typeof section.enable === "boolean") settings.enable = section.enable;
  if (Array.isArray(section.languages)) settings.languages = section.languages.filter((l): l is string => typeof l === "string");
  if (typeof section.debounceMs === "number" && Number.isFinite(section.debounceMs)) settings.debounceMs = Math.max(0, Math.min(5000, section.debounceMs));
  if (typeof section.locale === "string") settings.locale = section.locale;
  const rules = asObject(section.rules) ?? {};
  const lintRules: Record<string, RuleSetting> = {};
  for (const rule of RULES) {
    const setting: RuleSetting = {};
    const value = rules[rule.id];
    if (typeof value === "string" && (SEVERITIES as string[]).includes(value)) setting.severity = value as RuleSeverity;
    else if (asObject(value)) {
      const v = asObject(value)!;
      if (typeof v.severity === "string" && (SEVERITIES as string[]).includes(v.severity)) setting.severity = v.severity as RuleSeverity;
      setting.options = { ...v };
    }
    const options = asObject(section[optionsKey(rule.id)]);
    if (options) setting.options = { ...options, ...(setting.options ?? {}) };
    lintRules[rule.id] = setting;
  }
  settings.lint = { rules: lintRules };
  settings.export = readExportSettings(section.export);
  return settings;
}
