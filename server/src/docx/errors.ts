// Why a Word file could not be read, in both languages: the CLI prints one line per file, the
// editor shows it in a notification.

export interface DocxMessage {
  zh: string;
  en: string;
}

export type DocxErrorCode =
  | "empty"
  | "not-zip"
  | "legacy-doc"
  | "legacy-wps"
  | "encrypted"
  | "rtf"
  | "word-xml"
  | "html"
  | "opendocument"
  | "other-office"
  | "lock-file"
  | "no-document"
  | "damaged"
  | "too-many-entries"
  | "too-large"
  | "malformed-xml"
  | "unreadable";

export class DocxError extends Error {
  constructor(
    readonly code: DocxErrorCode,
    readonly text: DocxMessage,
  ) {
    super(text.en);
  }
}

const MB = 1024 * 1024;
export const megabytes = (bytes: number): string => (bytes / MB >= 10 ? (bytes / MB).toFixed(0) : (bytes / MB).toFixed(1));

const SAVE_AS_DOCX = { zh: "请在 Word 或 WPS 中打开并“另存为”Word 文档（.docx）后再检查", en: "open it in Word or WPS and save it as a Word document (.docx), then check that" };

export const errors = {
  empty: () => new DocxError("empty", { zh: "文件是空的", en: "the file is empty" }),
  notZip: () =>
    new DocxError("not-zip", {
      zh: "不是 Word 文档：.docx 文件是 zip 压缩包，这个文件不是",
      en: "not a Word document: a .docx file is a zip archive, and this file is not one",
    }),
  legacyDoc: () =>
    new DocxError("legacy-doc", {
      zh: `这是旧版 Word 97-2003 文档（.doc 二进制格式），无法直接读取：${SAVE_AS_DOCX.zh}`,
      en: `this is an old binary Word 97-2003 document (.doc), which cannot be read: ${SAVE_AS_DOCX.en}`,
    }),
  legacyWps: () =>
    new DocxError("legacy-wps", {
      zh: "这是 WPS 文字的旧格式（.wps），无法直接读取：请在 WPS 中打开并“另存为”Word 文档（.docx）后再检查",
      en: "this is an old WPS Writer document (.wps), which cannot be read: open it in WPS and save it as a Word document (.docx), then check that",
    }),
  encrypted: () =>
    new DocxError("encrypted", {
      zh: "文档设置了打开密码（已加密），无法读取：请在 Word 中取消密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）并保存后再检查",
      en: "the document is password-protected (encrypted) and cannot be read: remove the password in Word (File → Info → Protect Document → Encrypt with Password, clear it), save, and check again",
    }),
  rtf: () => new DocxError("rtf", { zh: `这是 RTF 文件，不是 .docx：${SAVE_AS_DOCX.zh}`, en: `this is an RTF file, not a .docx: ${SAVE_AS_DOCX.en}` }),
  wordXml: () =>
    new DocxError("word-xml", { zh: `这是 Word XML 单文件格式，不是 .docx：${SAVE_AS_DOCX.zh}`, en: `this is a single-file Word XML document, not a .docx: ${SAVE_AS_DOCX.en}` }),
  html: () =>
    new DocxError("html", { zh: `这是网页（HTML/MHT）格式的文件，不是 .docx：${SAVE_AS_DOCX.zh}`, en: `this is a web page (HTML/MHT) saved with a Word name, not a .docx: ${SAVE_AS_DOCX.en}` }),
  openDocument: () =>
    new DocxError("opendocument", {
      zh: "这是 OpenDocument 文本（.odt），不是 .docx：请在 WPS、LibreOffice 或 Word 中另存为 .docx 后再检查",
      en: "this is an OpenDocument text (.odt), not a .docx: save it as .docx in WPS, LibreOffice or Word, then check that",
    }),
  otherOffice: (kind: "xlsx" | "pptx") =>
    new DocxError("other-office", {
      zh: kind === "xlsx" ? "这是 Excel 工作簿，不是 Word 文档" : "这是 PowerPoint 演示文稿，不是 Word 文档",
      en: kind === "xlsx" ? "this is an Excel workbook, not a Word document" : "this is a PowerPoint presentation, not a Word document",
    }),
  lockFile: () =>
    new DocxError("lock-file", {
      zh: "以“~$”开头的是 Word 打开文档时生成的临时锁定文件，不是文档",
      en: "a name starting with \"~$\" is the lock file Word keeps while a document is open, not a document",
    }),
  noDocument: () =>
    new DocxError("no-document", {
      zh: "压缩包中没有正文部分（word/document.xml），不是 Word 文档或已损坏",
      en: "the archive has no document part (word/document.xml): not a Word document, or a damaged one",
    }),
  damaged: (detail: DocxMessage) =>
    new DocxError("damaged", {
      zh: `文件已损坏（${detail.zh}），可能没有下载或复制完整：请在 Word 中打开并另存后再检查`,
      en: `the file is damaged (${detail.en}); was it fully downloaded or copied? Open it in Word, save it again and check that`,
    }),
  tooManyEntries: (count: number, limit: number) =>
    new DocxError("too-many-entries", {
      zh: `压缩包中有 ${count} 个条目，超过上限 ${limit}：不像正常的 Word 文档，未读取`,
      en: `the archive has ${count} entries, more than the limit of ${limit}: not what a Word document looks like, so it was not read`,
    }),
  tooLarge: (what: { zh: string; en: string }, bytes: number, limit: number) =>
    new DocxError("too-large", {
      zh: `${what.zh}过大（${megabytes(bytes)} MB，上限 ${megabytes(limit)} MB），未读取`,
      en: `${what.en} is too large (${megabytes(bytes)} MB; the limit is ${megabytes(limit)} MB), so it was not read`,
    }),
  malformedXml: (part: string, detail: string, offset: number) =>
    new DocxError("malformed-xml", {
      zh: `文档已损坏：${part} 不是完整的 XML（位置 ${offset}：${detail}）；请在 Word 中打开并另存后再检查`,
      en: `the document is damaged: ${part} is not well-formed XML (${detail} at offset ${offset}); open it in Word, save it again and check that`,
    }),
};
