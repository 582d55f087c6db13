// Writing an export to disk, shared by the CLI and the language server: the target checked
// first (folder, read-only, open in Word), then a temporary file in the target's folder renamed
// over the target once complete, so a failure never leaves a half-written file behind.

import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Message } from "../engine/rule";

/** An export that could not be done, with the reason in both languages. */
export class ExportFailure extends Error {
  constructor(readonly reason: Message, readonly code?: string) {
    super(reason.en);
  }
}

/**
 * Whether an error is an ExportFailure, by shape: the pipeline is a bundle of its own (loaded
 * on first export) with its own copy of the class, so `instanceof` cannot tell.
 */
export function isExportFailure(error: unknown): error is ExportFailure {
  if (!(error instanceof Error) || !("reason" in error)) return false;
  const reason = (error as { reason: unknown }).reason;
  return typeof reason === "object" && reason !== null && typeof (reason as Message).zh === "string" && typeof (reason as Message).en === "string";
}

/** `plan.txt` → `plan.docx` beside it. */
export function docxPathFor(source: string): string {
  const ext = extname(source);
  return join(dirname(source), (ext ? basename(source, ext) : basename(source)) + ".docx");
}

/**
 * Refuses a target that cannot be written whole: a folder that does not exist, a folder in the
 * file's place, a read-only file, a file open in Word or WPS (their "~$" owner file beside it).
 */
export function checkTarget(target: string): void {
  const dir = dirname(target);
  let folder;
  try {
    folder = statSync(dir);
  } catch {
    throw new ExportFailure({ zh: `目标文件夹不存在：${dir}`, en: `the target folder does not exist: ${dir}` }, "ENOENT");
  }
  if (!folder.isDirectory()) throw new ExportFailure({ zh: `目标位置不是文件夹：${dir}`, en: `not a folder: ${dir}` }, "ENOTDIR");
  let existing;
  try {
    existing = statSync(target);
  } catch {
    return;
  }
  if (existing.isDirectory()) throw new ExportFailure({ zh: `目标是一个文件夹：${target}`, en: `the target is a folder: ${target}` }, "EISDIR");
  // Mode bits, not access(): as root every file is writable, yet a read-only file is meant to stay.
  if ((existing.mode & 0o222) === 0) {
    throw new ExportFailure({ zh: `目标文件是只读的：${target}（请去掉只读属性，或用其他文件名导出）`, en: `the target file is read-only: ${target} (clear the read-only flag or export under another name)` }, "EACCES");
  }
  const lock = ownerFileOf(target);
  if (lock) {
    throw new ExportFailure(
      { zh: `目标文件正在 Word 或 WPS 中打开：${target}（请先关闭它；若并未打开，请删除锁文件 ${basename(lock)}）`, en: `the target file is open in Word or WPS: ${target} (close it first; if it is not open, delete the lock file ${basename(lock)})` },
      "EBUSY",
    );
  }
}

/** Word's owner file for an open document: "~$" plus the name, whose first two characters it drops from longer names. */
function ownerFileOf(target: string): string | undefined {
  const dir = dirname(target);
  const name = basename(target);
  const candidates = [`~$${name}`, name.length > 2 ? `~$${name.slice(2)}` : undefined, name.length > 1 ? `~$${name.slice(1)}` : undefined];
  for (const c of candidates) {
    if (!c) continue;
    try {
      if (statSync(join(dir, c)).isFile()) return join(dir, c);
    } catch {
      /* none */
    }
  }
  return undefined;
}

/** Writes to a temporary file in the target's folder and renames it over the target. */
export function writeFileAtomically(target: string, bytes: Uint8Array): void {
  checkTarget(target);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx");
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* never created, or already renamed */
    }
    throw failureOf(error, target);
  }
}

function failureOf(error: unknown, target: string): ExportFailure {
  if (isExportFailure(error)) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (code === "EBUSY" || code === "EPERM" || code === "EACCES") {
    return new ExportFailure({ zh: `无法写入 ${target}：文件被占用或没有写入权限（是否正在 Word/WPS 中打开？）`, en: `cannot write ${target}: the file is in use or not writable (is it open in Word or WPS?)` }, code);
  }
  if (code === "ENOSPC") return new ExportFailure({ zh: `磁盘空间不足，未能写入 ${target}`, en: `no space left on the disk for ${target}` }, code);
  if (code === "EROFS") return new ExportFailure({ zh: `目标位置是只读的文件系统：${target}`, en: `read-only file system: ${target}` }, code);
  const text = error instanceof Error ? error.message : String(error);
  return new ExportFailure({ zh: `无法写入 ${target}：${text}`, en: `cannot write ${target}: ${text}` }, code || undefined);
}
