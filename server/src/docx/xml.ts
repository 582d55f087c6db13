// A small pull tokenizer for the XML parts of a .docx: elements, their attributes (parsed on
// request), text and CDATA. No DTDs or custom entities (OOXML forbids them), no namespaces
// beyond what a prefix says: the reader matches names with the prefix the part declares for
// WordprocessingML (see wordPrefix). Malformed or truncated XML throws XmlError, never hangs:
// every call to next() consumes input.

export class XmlError extends Error {
  constructor(
    readonly detail: string,
    /** Offset in the part (bytes of a UTF-8 part) where the problem was found. */
    readonly offset: number,
  ) {
    super(`${detail} at offset ${offset}`);
  }
}

export const enum Token {
  Open,
  Close,
  Text,
  End,
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const QUOT = 0x22;
const APOS = 0x27;
const EQ = 0x3d;

/** Nesting beyond this is not a Word document (and would make the name stack a memory sink). */
const MAX_DEPTH = 2048;

function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === SLASH || c === GT || Number.isNaN(c);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

export class XmlScanner {
  /** The current element's qualified name (Open and Close). */
  name = "";
  /** Open: `<x/>`, no Close token follows. */
  selfClosing = false;
  /** Open elements, the current one included while it is open. */
  depth = 0;
  private pos = 0;
  private attrStart = 0;
  private attrEnd = 0;
  private textStart = 0;
  private textEnd = 0;
  private cdata = false;
  private readonly stack: string[] = [];
  private rootSeen = false;

  private readonly src: string;
  /** UTF-8 parts: the bytes, of which `src` is the Latin-1 reading (see decodeXml). */
  private readonly bytes: Buffer | undefined;

  constructor(source: string | XmlSource) {
    if (typeof source === "string") {
      this.src = source;
      this.bytes = undefined;
    } else {
      this.src = source.text;
      this.bytes = source.bytes;
    }
    // A byte order mark decoded as text.
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** Text of the part between two offsets: UTF-8 decoded here, for the few places that need it. */
  private slice(start: number, end: number): string {
    return this.bytes ? this.bytes.toString("utf8", start, end) : this.src.slice(start, end);
  }

  next(): Token {
    const src = this.src;
    for (;;) {
      const pos = this.pos;
      if (pos >= src.length) {
        if (this.stack.length > 0) throw new XmlError(`truncated: <${this.stack[this.stack.length - 1]}> is not closed`, pos);
        if (!this.rootSeen) throw new XmlError("no root element", pos);
        return Token.End;
      }
      if (src.charCodeAt(pos) !== LT) {
        let lt = src.indexOf("<", pos);
        if (lt < 0) lt = src.length;
        this.pos = lt;
        // Text outside the root (white space between the declaration and the root) is not content.
        if (this.stack.length === 0) continue;
        this.textStart = pos;
        this.textEnd = lt;
        this.cdata = false;
        return Token.Text;
      }
      const c = src.charCodeAt(pos + 1);
      if (c === QUESTION) {
        const end = src.indexOf("?>", pos + 2);
        if (end < 0) throw new XmlError("truncated processing instruction", pos);
        this.pos = end + 2;
        continue;
      }
      if (c === BANG) {
        if (src.startsWith("<!--", pos)) {
          const end = src.indexOf("-->", pos + 4);
          if (end < 0) throw new XmlError("truncated comment", pos);
          this.pos = end + 3;
          continue;
        }
        if (src.startsWith("<![CDATA[", pos)) {
          const end = src.indexOf("]]>", pos + 9);
          if (end < 0) throw new XmlError("truncated CDATA section", pos);
          if (this.stack.length === 0) throw new XmlError("CDATA outside the root element", pos);
          this.pos = end + 3;
          this.textStart = pos + 9;
          this.textEnd = end;
          this.cdata = true;
          return Token.Text;
        }
        if (src.startsWith("<!DOCTYPE", pos)) {
          // Skipped, never expanded: an internal subset's entities would be a way to blow up memory.
          const end = this.doctypeEnd(pos);
          this.pos = end;
          continue;
        }
        throw new XmlError("unexpected <!", pos);
      }
      if (c === SLASH) {
        let i = pos + 2;
        while (!isNameEnd(src.charCodeAt(i))) i++;
        const name = src.slice(pos + 2, i);
        while (isSpace(src.charCodeAt(i))) i++;
        if (src.charCodeAt(i) !== GT) throw new XmlError(i >= src.length ? "truncated closing tag" : `bad closing tag </${name}`, pos);
        const open = this.stack.pop();
        if (open !== name) throw new XmlError(open === undefined ? `closing tag </${name}> without an opening tag` : `</${name}> closes <${open}>`, pos);
        this.pos = i + 1;
        this.name = name;
        this.depth = this.stack.length + 1;
        return Token.Close;
      }
      // An opening tag: name, attributes, optional "/", ">".
      let i = pos + 1;
      while (!isNameEnd(src.charCodeAt(i))) i++;
      if (i === pos + 1) throw new XmlError("bad tag", pos);
      const name = src.slice(pos + 1, i);
      const attrStart = i;
      // Attribute values may contain ">": walk quoted values.
      for (;;) {
        const ch = src.charCodeAt(i);
        if (ch === GT) break;
        if (ch === QUOT || ch === APOS) {
          const close = src.indexOf(ch === QUOT ? '"' : "'", i + 1);
          if (close < 0) throw new XmlError(`truncated attribute in <${name}>`, pos);
          i = close + 1;
          continue;
        }
        if (ch === LT) throw new XmlError(`"<" inside the tag <${name}>`, i);
        if (Number.isNaN(ch)) throw new XmlError(`truncated tag <${name}>`, pos);
        i++;
      }
      const selfClosing = src.charCodeAt(i - 1) === SLASH && i - 1 >= attrStart;
      if (this.stack.length === 0) {
        if (this.rootSeen) throw new XmlError(`a second root element <${name}>`, pos);
        this.rootSeen = true;
      }
      this.attrStart = attrStart;
      this.attrEnd = selfClosing ? i - 1 : i;
      this.pos = i + 1;
      this.name = name;
      this.selfClosing = selfClosing;
      if (selfClosing) {
        this.depth = this.stack.length + 1;
      } else {
        if (this.stack.length >= MAX_DEPTH) throw new XmlError("elements nested too deeply", pos);
        this.stack.push(name);
        this.depth = this.stack.length;
      }
      return Token.Open;
    }
  }

  /** The value of an attribute of the current opening tag, entities decoded. */
  attr(qname: string): string | undefined {
    const src = this.src;
    let i = this.attrStart;
    const end = this.attrEnd;
    while (i < end) {
      while (i < end && isSpace(src.charCodeAt(i))) i++;
      const nameStart = i;
      while (i < end && src.charCodeAt(i) !== EQ && !isSpace(src.charCodeAt(i))) i++;
      const nameEnd = i;
      while (i < end && isSpace(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) !== EQ) return undefined;
      i++;
      while (i < end && isSpace(src.charCodeAt(i))) i++;
      const quote = src.charCodeAt(i);
      if (quote !== QUOT && quote !== APOS) return undefined;
      const close = src.indexOf(quote === QUOT ? '"' : "'", i + 1);
      if (close < 0 || close > end) return undefined;
      if (nameEnd - nameStart === qname.length && src.startsWith(qname, nameStart)) return decodeEntities(this.slice(i + 1, close), 0, close - i - 1);
      i = close + 1;
    }
    return undefined;
  }

  /** Every attribute of the current opening tag (for the root's namespace declarations). */
  attributes(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const re = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    const raw = this.slice(this.attrStart, this.attrEnd);
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      const value = m[2] ?? m[3] ?? "";
      out.push([m[1], decodeEntities(value, 0, value.length)]);
    }
    return out;
  }

  /** The current text token, entities decoded. */
  text(): string {
    const raw = this.slice(this.textStart, this.textEnd);
    return this.cdata ? raw : decodeEntities(raw, 0, raw.length);
  }

  /** After an Open token: consume everything up to and including the element's Close. */
  skipElement(): void {
    if (this.selfClosing) return;
    const depth = this.depth;
    for (;;) {
      const t = this.next();
      if (t === Token.Close && this.depth === depth) return;
      if (t === Token.End) throw new XmlError("truncated element", this.pos);
    }
  }

  /** Where the scanner is (for error messages). */
  get offset(): number {
    return this.pos;
  }

  private doctypeEnd(pos: number): number {
    const src = this.src;
    let i = pos + 9;
    let bracket = 0;
    while (i < src.length) {
      const ch = src.charCodeAt(i);
      if (ch === 0x5b) bracket++;
      else if (ch === 0x5d) bracket--;
      else if (ch === GT && bracket <= 0) return i + 1;
      i++;
    }
    throw new XmlError("truncated DOCTYPE", pos);
  }
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The text of src[start, end) with the five named entities and character references decoded. */
export function decodeEntities(source: string, start: number, end: number): string {
  // Searched in the slice: indexOf on the whole part would run to its end for every text.
  const src = source.slice(start, end);
  let amp = src.indexOf("&");
  if (amp < 0) return src;
  end = src.length;
  let out = "";
  let from = 0;
  while (amp >= 0 && amp < end) {
    const semi = src.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 12) {
      // A bare "&": kept as written, as lenient readers do.
      amp = src.indexOf("&", amp + 1);
      continue;
    }
    const ref = src.slice(amp + 1, semi);
    let value: string | undefined;
    if (ref.charCodeAt(0) === 0x23) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) value = String.fromCodePoint(code);
    } else value = NAMED[ref];
    if (value !== undefined) {
      out += src.slice(from, amp) + value;
      from = semi + 1;
    }
    amp = src.indexOf("&", value !== undefined ? semi + 1 : amp + 1);
  }
  return out + src.slice(from, end);
}

/** A part to scan: its text, and for UTF-8 parts the bytes that text is the Latin-1 reading of. */
export interface XmlSource {
  text: string;
  bytes?: Buffer;
}

/**
 * Parts are UTF-8 in practice (the format allows UTF-16 too). Markup is ASCII, so a UTF-8 part
 * is scanned as its Latin-1 reading (one byte, one character: offsets are byte offsets) and only
 * text and attribute values are decoded as UTF-8: decoding a 5 MB document.xml whole took
 * longer than scanning it.
 */
export function decodeXml(bytes: Uint8Array): XmlSource {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return { text: buffer.toString("latin1"), bytes: buffer };
}

export const WORDML_NAMESPACES = new Set([
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  // ISO 29500 Strict, as Word's "Strict Open XML Document" saves it.
  "http://purl.oclc.org/ooxml/wordprocessingml/main",
]);

/**
 * The prefix (with its colon, or "" for the default namespace) the part's root declares for a
 * namespace: "w:" in every Word and WPS file seen, but the format lets a writer choose.
 */
export function prefixFor(scanner: XmlScanner, namespaces: ReadonlySet<string>, fallback: string): string {
  for (const [name, value] of scanner.attributes()) {
    if (!namespaces.has(value)) continue;
    if (name === "xmlns") return "";
    if (name.startsWith("xmlns:")) return name.slice(6) + ":";
  }
  return fallback;
}
