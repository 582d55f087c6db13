// Strict JSON parsing that says where it failed (line and column), which JSON.parse in
// Node 20 does not always do; used for .gongwenrc.json so a broken file can be named exactly.

export interface JsonError {
  /** 1-based line and column (in characters) of the offending character. */
  line: number;
  column: number;
  message: string;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: JsonError };

class Failure extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

export function parseJson(text: string): JsonResult {
  // A BOM is allowed at the start (Windows editors write one).
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const describe = () => (i >= text.length ? "end of file" : `"${text[i]}"`);
  const fail = (expected: string): never => {
    throw new Failure(i, `expected ${expected}, found ${describe()}`);
  };

  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail("a value");
  };

  const object = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    i++;
    ws();
    if (text[i] === "}") {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail('a property name in double quotes');
      const key = string();
      ws();
      if (text[i] !== ":") fail('":"');
      i++;
      out[key] = value();
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return out;
      }
      fail('"," or "}"');
    }
  };

  const array = (): unknown[] => {
    const out: unknown[] = [];
    i++;
    ws();
    if (text[i] === "]") {
      i++;
      return out;
    }
    for (;;) {
      out.push(value());
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return out;
      }
      fail('"," or "]"');
    }
  };

  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail("a closing quote");
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) fail("a closing quote");
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      throw new Failure(start, "invalid escape in string");
    }
  };

  const number = (): number => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!m) return fail("a number");
    i += m[0].length;
    return Number(m[0]);
  };

  try {
    const v = value();
    ws();
    if (i < text.length) fail("end of file");
    return { ok: true, value: v };
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    return { ok: false, error: { ...lineColumn(text, e.offset), message: e.message } };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === "\n") {
      line++;
      lineStart = k + 1;
    }
  }
  // Columns count characters (code points), as people do.
  let column = 1;
  for (let k = lineStart; k < offset && k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xdc00 && c <= 0xdfff && k > lineStart) continue;
    column++;
  }
  return { line, column };
}
