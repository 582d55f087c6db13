// The zip container of a .docx: the central directory is read and checked (entry count, the
// declared sizes of the parts we will unpack) before anything is inflated; an entry is inflated
// with Node's zlib under a ceiling of its declared size, stopping as soon as it produces more (a
// zip bomb lies about its sizes), so neither memory nor time can run away.
//
// Why zlib and not fflate (the pure-JavaScript inflater the docx writer brings): on the 1 MB
// benchmark document fflate's inflating was half of the whole read (19 ms of CPU against 5 ms
// for zlib's, 5.4 MB of XML), and zlib is part of Node: no dependency either way.

import { inflateRawSync } from "node:zlib";
import { errors } from "./errors";
import { looksLikeZip } from "./names";

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A Word document has tens of entries; thousands of images are conceivable, this many are not. */
export const MAX_ENTRIES = 10_000;
/** Declared unpacked size of one XML part we read (word/document.xml of a 10 MB text is ~100 MB). */
export const MAX_PART_BYTES = 128 * 1024 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}

function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

/** The entries of the central directory, by name (the first of duplicate names wins). */
export function readCentralDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const n = bytes.length;
  let eocd = -1;
  // The end record is 22 bytes plus a comment of at most 65535.
  for (let i = n - 22; i >= 0 && i >= n - 22 - 0xffff; i--) {
    if (bytes[i] === 0x50 && u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw looksLikeZip(bytes) ? errors.damaged({ zh: "文件末尾的 zip 目录缺失", en: "no zip directory: the end of the file is missing" }) : errors.notZip();
  let count = u16(bytes, eocd + 10);
  let size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff || size === 0xffffffff) && eocd >= 20 && u32(bytes, eocd - 20) === ZIP64_LOCATOR) {
    const at = u64(bytes, eocd - 12);
    if (at + 56 > n || u32(bytes, at) !== ZIP64_EOCD) throw errors.damaged({ zh: "zip64 目录无效", en: "bad zip64 directory" });
    count = u64(bytes, at + 32);
    size = u64(bytes, at + 40);
    offset = u64(bytes, at + 48);
  }
  if (count > MAX_ENTRIES) throw errors.tooManyEntries(count, MAX_ENTRIES);
  if (offset + size > n) throw errors.damaged({ zh: "zip 目录指向文件末尾之外", en: "the zip directory points past the end of the file" });
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  const names = new TextDecoder("utf-8");
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || u32(bytes, p) !== CENTRAL) throw errors.damaged({ zh: "zip 目录条目无效", en: "bad zip directory entry" });
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let uncompressed = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const nameStart = p + 46;
    if (nameStart + nameLength + extraLength > n) throw errors.damaged({ zh: "zip 目录条目无效", en: "bad zip directory entry" });
    // Names are UTF-8 when flag 11 says so, else code page 437; the parts we read are ASCII either way.
    const name = names.decode(bytes.subarray(nameStart, nameStart + nameLength));
    if (uncompressed === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // The zip64 extra field holds the 64-bit values, in this order, for those that overflowed.
      let e = nameStart + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = u16(bytes, e);
        const length = u16(bytes, e + 2);
        if (id === 1) {
          let q = e + 4;
          if (uncompressed === 0xffffffff) {
            uncompressed = u64(bytes, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(bytes, q);
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
          break;
        }
        e += 4 + length;
      }
    }
    if (!entries.has(name)) entries.set(name, { name, method, flags, compressedSize, size: uncompressed, localOffset });
    p = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The unpacked bytes of one entry, never more than it declared nor more than `limit`. */
export function extract(bytes: Uint8Array, entry: ZipEntry, limit = MAX_PART_BYTES): Uint8Array {
  if (entry.size > limit) throw errors.tooLarge({ zh: `${entry.name} 解压后`, en: `${entry.name} unpacked` }, entry.size, limit);
  // Bit 0: encrypted with the legacy zip password scheme (Word itself never does this).
  if (entry.flags & 1) throw errors.encrypted();
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) throw errors.damaged({ zh: `${entry.name} 的文件头无效`, en: `bad local header of ${entry.name}` });
  const dataStart = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) throw errors.damaged({ zh: `${entry.name} 不完整`, en: `${entry.name} is cut short` });
  const data = bytes.subarray(dataStart, dataEnd);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw errors.damaged({ zh: `${entry.name} 的大小与声明不符`, en: `${entry.name}: stored size mismatch` });
    return data;
  }
  if (entry.method !== 8) throw errors.damaged({ zh: `${entry.name} 使用了 Word 不会使用的压缩方式 ${entry.method}`, en: `${entry.name} uses compression method ${entry.method}, which Word does not write` });
  let out: Buffer;
  try {
    // Node's zlib stops as soon as the output passes the ceiling: a forged entry costs at most
    // its declared size, however far it would expand.
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw errors.damaged({ zh: `${entry.name} 解压后超过声明的 ${entry.size} 字节（可能是伪造的压缩包）`, en: `${entry.name} unpacks to more than the ${entry.size} bytes it declares (a forged archive?)` });
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw errors.damaged({ zh: `${entry.name} 解压失败：${detail}`, en: `${entry.name}: ${detail}` });
  }
  if (out.length !== entry.size) throw errors.damaged({ zh: `${entry.name} 解压后只有 ${out.length} 字节，声明为 ${entry.size} 字节`, en: `${entry.name} unpacks to ${out.length} of the ${entry.size} bytes it declares` });
  return out;
}
