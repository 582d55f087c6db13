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
  wordReading: { zh: "公文助手：正在读取 {0}", en: "Gongwen: reading {0}" },
  wordUnreadable: { zh: "无法检查 {0}：{1}", en: "Cannot check {0}: {1}" },
  wordNotOnDisk: { zh: "公文助手只能检查本机磁盘上的 Word 文档（{0} 不在磁盘上）。", en: "Gongwen checks Word documents on disk only ({0} is not)." },
  wordTrackedChanges: {
    zh: "{0} 含 {1} 处修订：已按“接受所有修订”后的文本检查。",
    en: "{0} has {1} tracked changes: its text is checked as if all were accepted.",
  },
  wordOffer: { zh: "用公文助手检查 Word 文档“{0}”？", en: "Check the Word document \"{0}\" with Gongwen?" },
  wordCheckButton: { zh: "检查", en: "Check" },
  wordOpenLabel: { zh: "检查", en: "Check" },
  wordOpenTitle: { zh: "选择要检查的 Word 文档", en: "Choose a Word document to check" },
  wordFilter: { zh: "Word 文档", en: "Word documents" },
  wordReadOnly: {
    zh: "这是 Word 文档的只读文本，不能直接修改。要修改，请另存为 .gw 或 .txt 文件。",
    en: "This is the read-only text of a Word document. To change it, save it as a .gw or .txt file.",
  },
  wordSaveButton: { zh: "另存为…", en: "Save As…" },
  wordSaveNothing: {
    zh: "请先用“用公文助手检查”打开一个 Word 文档。",
    en: "Open a Word document with \"Check with Gongwen\" first.",
  },
  wordSaveLabel: { zh: "保存", en: "Save" },
  wordSaveTitle: { zh: "把 {0} 的文本另存为可编辑的文件", en: "Save the text of {0} as a file to edit" },
  wordFilterGongwen: { zh: "公文", en: "Gongwen document" },
  wordFilterText: { zh: "纯文本", en: "Plain text" },
  exporting: { zh: "正在导出 Word 文档：{0}", en: "Exporting {0} to Word" },
  exportFindings: { zh: "{0}。仍要导出吗？", en: "Export to Word: {0}. Export anyway?" },
  exportAnyway: { zh: "仍然导出", en: "Export Anyway" },
  exportGoToFirst: { zh: "转到第一处", en: "Go to the First" },
  exportExists: { zh: "“{0}”已存在。要替换它吗？", en: "\"{0}\" already exists. Replace it?" },
  exportReplace: { zh: "替换", en: "Replace" },
  exportWritten: { zh: "已导出 Word 文档：{0}", en: "Exported to Word: {0}" },
  exportOpen: { zh: "打开", en: "Open" },
  exportReveal: { zh: "在文件夹中显示", en: "Reveal in Folder" },
  exportFailed: { zh: "导出 Word 文档失败：{0}", en: "Export to Word failed: {0}" },
  exportSaveTitle: { zh: "导出为 Word 文档", en: "Export to Word" },
  exportSaveLabel: { zh: "导出", en: "Export" },
} as const;

export type MessageKey = keyof typeof messages;

function useChinese(scope?: vscode.Uri): boolean {
  const setting = vscode.workspace.getConfiguration("gongwen", scope ?? null).get<string>("locale", "auto");
  if (setting === "zh-cn") return true;
  if (setting === "en") return false;
  return vscode.env.language.toLowerCase().startsWith("zh");
}

/** A message the server sent in both languages, in the user's. */
export function pick(message: { zh: string; en: string }, scope?: vscode.Uri): string {
  return useChinese(scope) ? message.zh : message.en;
}

/** The message in the user's language, `{0}`, `{1}`… replaced by `args`. */
export function t(key: MessageKey, args: readonly (string | number)[] = [], scope?: vscode.Uri): string {
  const template = useChinese(scope) ? messages[key].zh : messages[key].en;
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
