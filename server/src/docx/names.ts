// Which file names are Word documents. Kept apart from the reader so that code deciding what
// to read does not load the reader (it is loaded on first use).

/** Read as Word documents: documents, macro-enabled documents and templates. */
export const WORD_EXTENSIONS = [".docx", ".docm", ".dotx", ".dotm"];
/** Recognised only to say what to do with them: old binary Word and WPS Writer files. */
export const LEGACY_WORD_EXTENSIONS = [".doc", ".wps"];

export function isWordName(name: string): boolean {
  const lower = name.toLowerCase();
  return WORD_EXTENSIONS.some((e) => lower.endsWith(e)) || LEGACY_WORD_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** Word's lock file ("~$计划.docx", 162 bytes) beside an open document: never a document. */
export function isWordLockFile(name: string): boolean {
  const slash = Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\"));
  return name.startsWith("~$", slash + 1);
}

/** The URI scheme of the editor's read-only view of a Word document's text. */
export const WORD_TEXT_SCHEME = "gongwen-docx";

/** Whether the bytes start like a zip archive (a local header, or the end record of an empty one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}
