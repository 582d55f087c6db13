// Reading and writing documents in the encoding they came in: UTF-8 (with or without BOM),
// UTF-16 LE/BE with BOM, and GB18030 (a superset of GBK) as Windows offices still save it.

import iconv from "iconv-lite";

export type EncodingName = "utf8" | "utf16le" | "utf16be" | "gb18030";

export interface Decoded {
  /** The text without its BOM. */
  text: string;
  encoding: EncodingName;
  bom: boolean;
}

export class DecodeError extends Error {}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Detects and decodes: a BOM decides; else valid UTF-8 is UTF-8; else GB18030 if it decodes
 * without replacement characters; else the file is refused. NUL bytes outside UTF-16 mean a
 * binary file (no text format here ever contains them).
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16(bytes.subarray(2), "utf16le"), encoding: "utf16le", bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16(bytes.subarray(2), "utf16be"), encoding: "utf16be", bom: true };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.includes(0)) throw new DecodeError("binary file (contains NUL bytes)");
  try {
    return { text: UTF8.decode(body), encoding: "utf8", bom };
  } catch {
    if (bom) throw new DecodeError("invalid UTF-8 after a UTF-8 byte order mark");
  }
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), "gb18030");
  if (text.includes("\ufffd") || hasControl(text)) throw new DecodeError("not UTF-8, UTF-16 or GB18030 text");
  return { text, encoding: "gb18030", bom: false };
}

function utf16(bytes: Uint8Array, encoding: "utf16le" | "utf16be"): string {
  if (bytes.length % 2 !== 0) throw new DecodeError(`truncated ${encoding === "utf16le" ? "UTF-16LE" : "UTF-16BE"} text (odd byte count)`);
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  if (text.includes("\0")) throw new DecodeError("binary file (contains NUL characters)");
  return text;
}

/** Control characters other than tab, line breaks and form feed: a sign of binary data. */
function hasControl(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they mark binary data
  return /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f]/.test(text);
}

/** Encodes text the way the file was: same encoding, same BOM. */
export function encode(text: string, decoded: Pick<Decoded, "encoding" | "bom">): Buffer {
  const body = iconv.encode(text, decoded.encoding);
  if (!decoded.bom) return body;
  const bom = decoded.encoding === "utf8" ? [0xef, 0xbb, 0xbf] : decoded.encoding === "utf16le" ? [0xff, 0xfe] : decoded.encoding === "utf16be" ? [0xfe, 0xff] : [];
  return Buffer.concat([Buffer.from(bom), body]);
}

/** Display name for messages and JSON output. */
export function encodingLabel(d: Pick<Decoded, "encoding" | "bom">): string {
  const name = d.encoding === "utf8" ? "UTF-8" : d.encoding === "utf16le" ? "UTF-16LE" : d.encoding === "utf16be" ? "UTF-16BE" : "GB18030";
  return d.bom ? `${name} with BOM` : name;
}
