// The preview's user-facing words in Simplified Chinese and English. The language is chosen as
// client/src/i18n.ts chooses it (gongwen.locale, else VS Code's display language); the preview
// keeps its words here so that its bundle (dist/preview.js) stands alone.
import * as vscode from "vscode";

const strings = {
  title: { zh: "预览 {0}", en: "Preview {0}" },
  page: { zh: "公文页面预览", en: "Document page preview" },
  findings: { zh: "处问题", en: "findings" },
  notHandled: {
    zh: "公文助手不预览这个文档（语言“{0}”不在 gongwen.languages 设置中）。",
    en: "Gongwen does not preview this document (language \"{0}\" is not in the gongwen.languages setting).",
  },
  serverNotRunning: { zh: "公文助手语言服务器未运行：预览暂停。", en: "The Gongwen language server is not running: the preview is paused." },
  closed: { zh: "文档已关闭。", en: "The document was closed." },
  failed: { zh: "无法生成预览：{0}", en: "Cannot render the preview: {0}" },
  noEditor: { zh: "请先打开要预览的公文。", en: "Open a document to preview first." },
} as const;

export type StringKey = keyof typeof strings;

function useChinese(scope?: vscode.Uri): boolean {
  const setting = vscode.workspace.getConfiguration("gongwen", scope).get<string>("locale", "auto");
  if (setting === "zh-cn") return true;
  if (setting === "en") return false;
  return vscode.env.language.toLowerCase().startsWith("zh");
}

export function s(key: StringKey, args: readonly string[] = [], scope?: vscode.Uri): string {
  const template = useChinese(scope) ? strings[key].zh : strings[key].en;
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}
