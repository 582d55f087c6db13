// A small glob matcher (`*`, `**`, `?`, `[…]`, `{a,b}`) for ignore lists and CLI arguments;
// paths use "/" whatever the platform, so callers convert Windows separators first.

const MAGIC = /[*?[{]/;

/** True when the string contains glob syntax (and so is not a plain path). */
export function hasMagic(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** A compiled glob; `test` runs in time linear in pattern × path (no backtracking). */
export interface GlobMatcher {
  test(path: string): boolean;
}

type Token =
  | { kind: "char"; c: string }
  | { kind: "one" } // ?
  | { kind: "class"; negate: boolean; body: string } // [abc] [a-z] [!x]
  | { kind: "star" } // * within one path segment
  | { kind: "dirs" } // **/ : zero or more whole folders
  | { kind: "all" }; // ** elsewhere: anything

const MAX_ALTERNATIVES = 64;

/**
 * Compiles a glob (`*`, `**`, `?`, `[…]`, `{a,b}`) over "/"-separated paths. Matching walks
 * all pattern positions at once instead of backtracking, so a pattern from a project file
 * such as `*a*a*a*a*a*a*b` cannot stall the server.
 */
export function compileGlob(pattern: string): GlobMatcher {
  const fold = process.platform === "win32" ? (t: string) => t.toLowerCase() : (t: string) => t;
  const alternatives = expandBraces(fold(pattern)).map(tokenize);
  return { test: (path: string) => alternatives.some((tokens) => matchTokens(tokens, fold(path))) };
}

function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf("{");
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) { close = i; break; }
    else if (c === "," && depth === 1) commas.push(i);
  }
  if (close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const cuts = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < cuts.length && out.length < MAX_ALTERNATIVES; k++) {
    for (const expanded of expandBraces(head + pattern.slice(cuts[k] + 1, cuts[k + 1]) + tail)) {
      if (out.length >= MAX_ALTERNATIVES) break;
      out.push(expanded);
    }
  }
  return out;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        const atStart = i === 0 || pattern[i - 1] === "/";
        i++;
        while (pattern[i + 1] === "*") i++;
        if (atStart && pattern[i + 1] === "/") {
          tokens.push({ kind: "dirs" });
          i++;
        } else tokens.push({ kind: "all" });
      } else if (tokens[tokens.length - 1]?.kind !== "star") tokens.push({ kind: "star" });
    } else if (c === "?") tokens.push({ kind: "one" });
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) tokens.push({ kind: "char", c });
      else {
        const body = pattern.slice(i + 1, close);
        tokens.push({ kind: "class", negate: body.startsWith("!") || body.startsWith("^"), body: body.replace(/^[!^]/, "") });
        i = close;
      }
    } else if (c === "\\" && i + 1 < pattern.length) tokens.push({ kind: "char", c: pattern[++i] });
    else tokens.push({ kind: "char", c });
  }
  return tokens;
}

function inClass(body: string, ch: string): boolean {
  for (let k = 0; k < body.length; k++) {
    if (body[k + 1] === "-" && k + 2 < body.length) {
      if (ch >= body[k] && ch <= body[k + 2]) return true;
      k += 2;
    } else if (body[k] === ch) return true;
  }
  return false;
}

/** NFA simulation: state 2i is "at token i", 2i+1 is "inside a folder name of the ** / at i". */
function matchTokens(tokens: Token[], path: string): boolean {
  const n = tokens.length;
  let current = new Uint8Array(2 * n + 2);
  let next = new Uint8Array(2 * n + 2);
  const close = (states: Uint8Array) => {
    // Tokens that may match nothing let the walk step past them.
    for (let i = 0; i < n; i++) {
      if (!states[2 * i]) continue;
      const k = tokens[i].kind;
      if (k === "star" || k === "dirs" || k === "all") states[2 * (i + 1)] = 1;
    }
  };
  current[0] = 1;
  close(current);
  for (let p = 0; p < path.length; p++) {
    const ch = path[p];
    next.fill(0);
    let any = false;
    for (let i = 0; i < n; i++) {
      const t = tokens[i];
      if (current[2 * i + 1] && t.kind === "dirs") {
        if (ch === "/") next[2 * i] = 1;
        else next[2 * i + 1] = 1;
        any = true;
      }
      if (!current[2 * i]) continue;
      switch (t.kind) {
        case "char":
          if (t.c === ch) { next[2 * (i + 1)] = 1; any = true; }
          break;
        case "one":
          if (ch !== "/") { next[2 * (i + 1)] = 1; any = true; }
          break;
        case "class":
          if (ch !== "/" && inClass(t.body, ch) !== t.negate) { next[2 * (i + 1)] = 1; any = true; }
          break;
        case "star":
          if (ch !== "/") { next[2 * i] = 1; any = true; }
          break;
        case "all":
          next[2 * i] = 1;
          any = true;
          break;
        case "dirs":
          if (ch === "/") next[2 * i] = 1;
          else next[2 * i + 1] = 1;
          any = true;
          break;
      }
    }
    if (!any) return false;
    close(next);
    [current, next] = [next, current];
  }
  return current[2 * n] === 1;
}

/**
 * Matcher for ignore lists, gitignore-like: a pattern without "/" matches a file or folder
 * name at any depth; one with "/" is anchored at the base folder; a match on a folder
 * covers everything inside it.
 */
export function ignoreMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const compiled = patterns
    .map((p) => p.trim().replace(/\\/g, "/"))
    .filter((p) => p !== "" && !p.startsWith("#"))
    .map((p) => {
      const anchored = p.replace(/^\.\//, "").replace(/\/+$/, "");
      return anchored.includes("/") ? compileGlob(anchored.replace(/^\//, "")) : compileGlob("**/" + anchored);
    });
  return (relativePath: string) => {
    if (compiled.length === 0) return false;
    const path = relativePath.replace(/\\/g, "/").replace(/^\.\//, "");
    // The path itself or any folder above it.
    let prefix = path;
    for (;;) {
      if (compiled.some((re) => re.test(prefix))) return true;
      const slash = prefix.lastIndexOf("/");
      if (slash <= 0) return false;
      prefix = prefix.slice(0, slash);
    }
  };
}

/** Splits a glob into the folder to walk (no glob syntax) and the pattern below it. */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const parts = pattern.replace(/\\/g, "/").split("/");
  const magicAt = parts.findIndex((p) => hasMagic(p));
  if (magicAt < 0) return { base: pattern, rest: "" };
  const base = parts.slice(0, magicAt).join("/");
  return { base: base === "" ? (pattern.startsWith("/") ? "/" : ".") : base, rest: parts.slice(magicAt).join("/") };
}
