// Client-side user-facing strings in Simplified Chinese and English, chosen by the
// `gongwen.locale` setting (auto = VS Code's display language), as the server does.
import * as vscode from "vscode";

const messages = {
  statusText: { zh: "字数 {0} · 问题 {1}", en: "{0} chars · {1} problems" },
  statusTextClean: { zh: "字数 {0}", en: "{0} chars" },
  statusTooltip: {
    zh: "公文助手：字数 {0}（不计空白），含空白共 {1} 个字符；发现 {2} 个问题。点击打开“问题”面板。",
    en: "Gongwen: {0} characters without whitespace ({1} in all); {2} problems found. Click to open the Problems panel.",
  },
  statusName: { zh: "公文助手字数统计", en: "Gongwen character count" },
  noEditor: { zh: "请先打开要处理的公文。", en: "Open a document first." },
  unsupportedDocument: {
    zh: "公文助手不检查这个文档（语言“{0}”不在 gongwen.languages 设置中）。",
    en: "Gongwen does not check this document (language \"{0}\" is not in the gongwen.languages setting).",
  },
  serverNotRunning: { zh: "公文助手语言服务器未运行。", en: "The Gongwen language server is not running." },
  commandFailed: { zh: "公文助手：{0}", en: "Gongwen: {0}" },
  templatePlaceholder: { zh: "选择要插入的公文模板", en: "Choose a document template to insert" },
  templatesUnreadable: { zh: "无法读取模板：{0}", en: "Cannot read the templates: {0}" },
} as const;

export type MessageKey = keyof typeof messages;

function useChinese(scope?: vscode.Uri): boolean {
  const setting = vscode.workspace.getConfiguration("gongwen", scope ?? null).get<string>("locale", "auto");
  if (setting === "zh-cn") return true;
  if (setting === "en") return false;
  return vscode.env.language.toLowerCase().startsWith("zh");
}

/** The message in the user's language, `{0}`, `{1}`… replaced by `args`. */
export function t(key: MessageKey, args: readonly (string | number)[] = [], scope?: vscode.Uri): string {
  const template = useChinese(scope) ? messages[key].zh : messages[key].en;
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
