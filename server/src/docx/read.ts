// Reading a Word file: recognise what the bytes are (a .docx, or one of the look-alikes users
// send under a Word name), open the zip, find the main document part through the package's
// relationships, and read it with its numbering and styles.

import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { DocumentReader, type WordText } from "./document";
import { DocxError, errors, type DocxMessage } from "./errors";
import { NumberingState, readNumbering, readStyles, type NumberingDefinitions, type Styles } from "./numbering";
import { extract, readCentralDirectory, type ZipEntry } from "./zip";
import { looksLikeZip } from "./names";
import { decodeXml, prefixFor, Token, WORDML_NAMESPACES, XmlError, XmlScanner, type XmlSource } from "./xml";

export type { WordText } from "./document";
export { DocxError } from "./errors";

/** Files larger than this are not read into memory (a .docx of 50 MB is mostly pictures). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** numbering.xml and styles.xml are a few hundred KB at most. */
const MAX_SIDE_PART_BYTES = 16 * 1024 * 1024;

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The stream an encrypted OOXML document keeps inside its OLE container, in UTF-16LE. */
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** What a file that is not a zip is, for a message that says what to do. */
function notAZip(bytes: Uint8Array, name: string): DocxError {
  if (bytes.length === 0) return errors.empty();
  if (startsWith(bytes, OLE)) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buffer.includes(ENCRYPTED_PACKAGE)) return errors.encrypted();
    return /\.wps$/i.test(name) ? errors.legacyWps() : errors.legacyDoc();
  }
  if (basename(name).startsWith("~$")) return errors.lockFile();
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 2048)).replace(/^\ufeff/, "").trimStart();
  if (head.startsWith("{\\rtf")) return errors.rtf();
  if (/^<\?xml[^>]*>\s*(?:<\?mso-application[^>]*Word[^>]*>|<w:wordDocument|<pkg:package)/i.test(head)) return errors.wordXml();
  if (/^(?:MIME-Version:|<!DOCTYPE html|<html)/i.test(head)) return errors.html();
  return errors.notZip();
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(from: string, target: string): string {
  const segments = target.startsWith("/") ? [] : from.split("/").slice(0, -1);
  for (const segment of target.replace(/^\//, "").split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

/** The targets of a .rels part by relationship type (the last path segment of the type URI). */
function readRelationships(xml: XmlSource): Map<string, string> {
  const out = new Map<string, string>();
  const scanner = new XmlScanner(xml);
  for (let t = scanner.next(); t !== Token.End; t = scanner.next()) {
    if (t !== Token.Open || scanner.depth !== 2) continue;
    const type = scanner.attr("Type");
    const target = scanner.attr("Target");
    if (type && target && scanner.attr("TargetMode") !== "External") {
      const kind = type.slice(type.lastIndexOf("/") + 1);
      if (!out.has(kind)) out.set(kind, target);
    }
  }
  return out;
}

class Package {
  constructor(
    private readonly bytes: Uint8Array,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  /** A part's entry; zip names are case-sensitive, part names are not. */
  entry(name: string): ZipEntry | undefined {
    const exact = this.entries.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [key, entry] of this.entries) if (key.toLowerCase() === lower) return entry;
    return undefined;
  }

  /** The XML of a part, ready to scan; undefined when it is absent. */
  xml(name: string, limit?: number): XmlSource | undefined {
    const entry = this.entry(name);
    return entry && decodeXml(extract(this.bytes, entry, limit));
  }
}

/** Runs a parse of one part, turning an XML error into a message that names the part. */
function parsePart<T>(part: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof XmlError) throw errors.malformedXml(part, error.detail, error.offset);
    throw error;
  }
}

/** Reads a .docx (or .docm, .dotx, .dotm) from its bytes. `name` only shapes error messages. */
export function readDocx(bytes: Uint8Array, name = ""): WordText {
  if (!looksLikeZip(bytes)) throw notAZip(bytes, name);
  const pkg = new Package(bytes, readCentralDirectory(bytes));
  // The main part: where the package's relationships say, else where Word puts it.
  let main = "word/document.xml";
  const rootRels = parsePart("_rels/.rels", () => {
    const xml = pkg.xml("_rels/.rels", MAX_SIDE_PART_BYTES);
    return xml === undefined ? undefined : readRelationships(xml);
  });
  const target = rootRels?.get("officeDocument");
  if (target) main = resolveTarget("", target);
  if (!pkg.entry(main)) {
    if (pkg.entry("mimetype") && pkg.entry("content.xml")) throw errors.openDocument();
    if (pkg.entry("xl/workbook.xml")) throw errors.otherOffice("xlsx");
    if (pkg.entry("ppt/presentation.xml")) throw errors.otherOffice("pptx");
    if (main !== "word/document.xml" && pkg.entry("word/document.xml")) main = "word/document.xml";
    else throw errors.noDocument();
  }
  const slash = main.lastIndexOf("/");
  const relsName = `${main.slice(0, slash + 1)}_rels/${main.slice(slash + 1)}.rels`;
  const rels = parsePart(relsName, () => {
    const xml = pkg.xml(relsName, MAX_SIDE_PART_BYTES);
    return xml === undefined ? undefined : readRelationships(xml);
  });
  const partOf = (kind: string, fallback: string) => {
    const t = rels?.get(kind);
    return t ? resolveTarget(main, t) : fallback;
  };
  const numberingPart = partOf("numbering", "word/numbering.xml");
  const stylesPart = partOf("styles", "word/styles.xml");
  const styles: Styles | undefined = parsePart(stylesPart, () => {
    const xml = pkg.xml(stylesPart, MAX_SIDE_PART_BYTES);
    return xml === undefined ? undefined : readStyles(xml);
  });
  const numbering: NumberingDefinitions | undefined = parsePart(numberingPart, () => {
    const xml = pkg.xml(numberingPart, MAX_SIDE_PART_BYTES);
    return xml === undefined ? undefined : readNumbering(xml);
  });
  const documentXml = pkg.xml(main) ?? { text: "" };
  return parsePart(main, () => {
    const scanner = new XmlScanner(documentXml);
    // The root element's declarations say which prefix is WordprocessingML's.
    let first = scanner.next();
    while (first === Token.Text) first = scanner.next();
    if (first !== Token.Open) throw new XmlError("no root element", scanner.offset);
    const w = prefixFor(scanner, WORDML_NAMESPACES, "w:");
    const state = numbering ? new NumberingState(numbering, styles) : undefined;
    return new DocumentReader(scanner, w, state, styles).read();
  });
}

/** The paragraph (1-based) that holds `offset` of the text. */
export function paragraphAt(word: Pick<WordText, "paragraphStarts" | "paragraphNumbers">, offset: number): number {
  const starts = word.paragraphStarts;
  let lo = 0;
  let hi = starts.length - 1;
  if (hi < 0) return 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return word.paragraphNumbers[lo];
}

/** Why a file could not be read from disk, in both languages. */
export function ioMessage(error: unknown): DocxMessage {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return { zh: "文件不存在", en: "no such file" };
    case "EACCES":
    case "EPERM":
      return { zh: "没有读取权限（文件可能被其他程序锁定）", en: "permission denied (is the file locked by another program?)" };
    case "EBUSY":
      return { zh: "文件被其他程序锁定，请关闭后再试", en: "the file is locked by another program; close it and try again" };
    case "EISDIR":
      return { zh: "这是文件夹", en: "is a folder" };
    default:
      return { zh: `无法读取文件（${code ?? String(error)}）`, en: `cannot read the file (${code ?? String(error)})` };
  }
}

/** Reads a Word file from disk. Throws DocxError, with I/O problems as code "unreadable". */
export async function readWordFile(path: string): Promise<WordText> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    if (info.size > MAX_FILE_BYTES) throw errors.tooLarge({ zh: "文件", en: "the file" }, info.size, MAX_FILE_BYTES);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof DocxError) throw error;
    throw new DocxError("unreadable", ioMessage(error));
  }
  return readDocx(bytes, path);
}
