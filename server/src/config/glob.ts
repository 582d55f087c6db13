// A small glob matcher (`*`, `**`, `?`, `[…]`, `{a,b}`) for ignore lists and CLI arguments;
// paths use "/" whatever the platform, so callers convert Windows separators first.

const MAGIC = /[*?[{]/;

/** True when the string contains glob syntax (and so is not a plain path). */
export function hasMagic(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** Translates one glob to an anchored regular expression over "/"-separated paths. */
export function globToRegExp(pattern: string): RegExp {
  let re = "";
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        // "**/" matches zero or more whole directories; a trailing "**" matches everything below.
        const atStart = i === 0 || pattern[i - 1] === "/";
        i++;
        if (atStart && pattern[i + 1] === "/") {
          re += "(?:[^/]*/)*";
          i++;
        } else re += ".*";
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        let body = pattern.slice(i + 1, close).replace(/\\/g, "\\\\");
        if (body.startsWith("!")) body = "^" + body.slice(1);
        re += `[${body}]`;
        i = close;
      }
    } else if (c === "{") {
      braces++;
      re += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      re += ")";
    } else if (c === "," && braces > 0) re += "|";
    else if (c === "\\" && i + 1 < pattern.length) re += escape(pattern[++i]);
    else re += escape(c);
  }
  while (braces-- > 0) re += ")";
  const flags = process.platform === "win32" ? "i" : "";
  try {
    return new RegExp(`^${re}$`, flags);
  } catch {
    // An invalid class ("[z-a]") from a project file must not break loading the config: take the glob literally.
    return new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`, flags);
  }
}

function escape(c: string): string {
  return /[.+^$()|\\\]{}]/.test(c) ? "\\" + c : c;
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
      return anchored.includes("/") ? globToRegExp(anchored.replace(/^\//, "")) : globToRegExp("**/" + anchored);
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
