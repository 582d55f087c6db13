// What users send under a Word name that is not a readable .docx, and files made to hurt a
// reader: each gets a clear message (in both languages) and never a crash or a hang. Broken
// inputs are made here from writer output by cutting or patching bytes, each patch named.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, truncateSync, writeFileSync, chmodSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync, strToU8 } from "fflate";
import { DocxError, ioMessage, readDocx, readWordFile, type WordText } from "../../server/src/docx/read";
import { MAX_ENTRIES, MAX_PART_BYTES } from "../../server/src/docx/zip";
import { buildWord, documentXml, withParts } from "../support/word";

const PLAN = "区统计局2024年工作计划\n一、总体要求\n坚持稳中求进。\n二、主要任务\n完成全区统计调查任务。";

function failure(read: () => WordText): DocxError {
  try {
    read();
  } catch (error) {
    assert.ok(error instanceof DocxError, `not a DocxError: ${String(error)}`);
    assert.ok(error.text.zh.length > 0 && error.text.en.length > 0, "a message in both languages");
    return error;
  }
  assert.fail("the file was read");
}

async function plan(): Promise<Uint8Array> {
  return (await buildWord(PLAN, { numbering: true })).bytes;
}

/** Offset of the central directory entry of `name` (signature PK\1\2). */
function centralEntry(bytes: Uint8Array, name: string): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = view.indexOf("PK\x01\x02", 0, "latin1"); at >= 0; at = view.indexOf("PK\x01\x02", at + 4, "latin1")) {
    const length = view.readUInt16LE(at + 28);
    if (view.toString("latin1", at + 46, at + 46 + length) === name) return at;
  }
  throw new Error(`no entry ${name}`);
}

function patched(bytes: Uint8Array, name: string, patch: (view: Buffer, entry: number) => void): Uint8Array {
  const copy = Buffer.from(bytes);
  patch(copy, centralEntry(copy, name));
  return new Uint8Array(copy);
}

test("not a .docx at all: empty, text, old binary Word and WPS, encrypted, RTF, web pages, Word XML", () => {
  assert.equal(failure(() => readDocx(new Uint8Array(0), "a.docx")).code, "empty");
  assert.equal(failure(() => readDocx(strToU8("一、总体要求\n"), "a.docx")).code, "not-zip");
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  ole.set(Buffer.from("WordDocument", "utf16le"), 1024);
  const legacy = failure(() => readDocx(ole, "计划.doc"));
  assert.equal(legacy.code, "legacy-doc");
  assert.match(legacy.text.zh, /另存为/);
  assert.match(legacy.text.en, /save it as .*\.docx/);
  assert.equal(failure(() => readDocx(ole, "计划.wps")).code, "legacy-wps");
  // A password-protected .docx is an OLE file holding the encrypted package.
  const encrypted = new Uint8Array(ole);
  encrypted.set(Buffer.from("EncryptedPackage", "utf16le"), 2048);
  const locked = failure(() => readDocx(encrypted, "计划.docx"));
  assert.equal(locked.code, "encrypted");
  assert.match(locked.text.zh, /密码/);
  assert.equal(failure(() => readDocx(strToU8("{\\rtf1\\ansi 一、总体要求}"), "a.doc")).code, "rtf");
  assert.equal(failure(() => readDocx(strToU8("MIME-Version: 1.0\r\nContent-Type: multipart/related"), "a.doc")).code, "html");
  assert.equal(failure(() => readDocx(strToU8('<?xml version="1.0"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument/>'), "a.xml")).code, "word-xml");
  assert.equal(failure(() => readDocx(strToU8("~~~~ lock ~~~~"), "/x/~$计划.docx")).code, "lock-file");
});

test("zip archives that are not Word documents", () => {
  const odt = zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.text"), "content.xml": strToU8("<office:document-content/>") });
  assert.equal(failure(() => readDocx(odt)).code, "opendocument");
  assert.equal(failure(() => readDocx(zipSync({ "xl/workbook.xml": strToU8("<workbook/>") }))).code, "other-office");
  const noDocument = failure(() => readDocx(zipSync({ "readme.txt": strToU8("x") })));
  assert.equal(noDocument.code, "no-document");
  assert.match(noDocument.text.en, /word\/document\.xml/);
});

test("damaged files: cut short, a damaged compressed stream, malformed or truncated XML", async () => {
  const bytes = await plan();
  assert.equal(failure(() => readDocx(bytes.subarray(0, bytes.length >> 1))).code, "damaged");
  assert.equal(failure(() => readDocx(bytes.subarray(0, bytes.length - 30))).code, "damaged");
  // The compressed bytes of document.xml scrambled: either the inflater or the XML notices.
  const scrambled = patched(bytes, "word/document.xml", (view, entry) => {
    const local = view.readUInt32LE(entry + 42);
    const data = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
    for (let i = 10; i < 60; i++) view[data + i] ^= 0x5a;
  });
  assert.ok(["damaged", "malformed-xml"].includes(failure(() => readDocx(scrambled)).code));
  const truncated = withParts(bytes, { "word/document.xml": documentXml("<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>").slice(0, -40) });
  const error = failure(() => readDocx(truncated));
  assert.equal(error.code, "malformed-xml");
  assert.match(error.text.en, /word\/document\.xml/);
  assert.equal(failure(() => readDocx(withParts(bytes, { "word/document.xml": documentXml("<w:p><w:r><w:t>x</w:r></w:t></w:p>") }))).code, "malformed-xml");
  assert.equal(failure(() => readDocx(withParts(bytes, { "word/numbering.xml": "<w:numbering><w:abstractNum>" }))).code, "malformed-xml");
  assert.equal(failure(() => readDocx(withParts(bytes, { "word/document.xml": "" }))).code, "malformed-xml");
});

test("zip bombs: entry count and declared sizes checked before inflating, inflating stops at the declared size", async () => {
  const bytes = await plan();
  const many: Record<string, Uint8Array> = {};
  for (let i = 0; i <= MAX_ENTRIES; i++) many[`word/media/${i}.bin`] = new Uint8Array(0);
  many["word/document.xml"] = strToU8(documentXml(""));
  assert.equal(failure(() => readDocx(zipSync(many, { level: 0 }))).code, "too-many-entries");
  // document.xml declares more than the reader unpacks.
  const huge = patched(bytes, "word/document.xml", (view, entry) => view.writeUInt32LE(MAX_PART_BYTES + 1, entry + 24));
  assert.equal(failure(() => readDocx(huge)).code, "too-large");
  // A document.xml of 8 MB (it compresses to a few KB) that declares 1 KB: the lie is caught
  // as soon as the output passes what was declared.
  const bomb = withParts(bytes, { "word/document.xml": documentXml("<w:p/>".repeat(1_400_000)) });
  const lying = patched(bomb, "word/document.xml", (view, entry) => view.writeUInt32LE(1024, entry + 24));
  const error = failure(() => readDocx(lying));
  assert.equal(error.code, "damaged");
  assert.match(error.text.en, /more than the 1024 bytes it declares/);
  const zipPassword = patched(bytes, "word/document.xml", (view, entry) => view.writeUInt16LE(view.readUInt16LE(entry + 8) | 1, entry + 8));
  assert.equal(failure(() => readDocx(zipPassword)).code, "encrypted");
  const method = patched(bytes, "word/document.xml", (view, entry) => view.writeUInt16LE(12, entry + 10));
  assert.equal(failure(() => readDocx(method)).code, "damaged");
});

test("a 50 MB document (its pictures) is read; its text part alone is what counts", async () => {
  const bytes = await plan();
  const picture = new Uint8Array(50 * 1024 * 1024);
  for (let i = 0; i < picture.length; i += 4096) picture[i] = (i * 2654435761) >>> 24;
  const big = withParts(bytes, { "word/media/image1.png": picture }, 0);
  assert.ok(big.length > 50 * 1024 * 1024);
  assert.equal(readDocx(big).text, PLAN);
});

test("files that cannot be read: missing, a folder, too large, no permission, locked", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gongwen-docx-"));
  try {
    const missing = await readWordFile(join(dir, "没有.docx")).then(() => undefined, (e: unknown) => e);
    assert.ok(missing instanceof DocxError && missing.code === "unreadable" && missing.text.zh === "文件不存在");
    mkdirSync(join(dir, "folder.docx"));
    const folder = await readWordFile(join(dir, "folder.docx")).then(() => undefined, (e: unknown) => e);
    assert.ok(folder instanceof DocxError && folder.code === "unreadable" && folder.text.en === "is a folder");
    // A sparse file: its size is checked before anything is read.
    const large = join(dir, "large.docx");
    writeFileSync(large, "");
    truncateSync(large, 300 * 1024 * 1024);
    const tooLarge = await readWordFile(large).then(() => undefined, (e: unknown) => e);
    assert.ok(tooLarge instanceof DocxError && tooLarge.code === "too-large");
    if (process.getuid?.() !== 0) {
      const closed = join(dir, "closed.docx");
      writeFileSync(closed, await plan());
      chmodSync(closed, 0o000);
      const denied = await readWordFile(closed).then(() => undefined, (e: unknown) => e);
      assert.ok(denied instanceof DocxError && denied.code === "unreadable");
    }
    // Locked by another program (Windows sharing violations), as the messages say it.
    assert.match(ioMessage(Object.assign(new Error("busy"), { code: "EBUSY" })).zh, /锁定/);
    assert.match(ioMessage(Object.assign(new Error("denied"), { code: "EPERM" })).en, /locked/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
