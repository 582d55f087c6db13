// The placeholder rule's user patterns (gongwen.placeholder.extraPatterns): validated, compiled
// and cached, then matched in a worker with a deadline so that no pattern can hang the checker.

import type { Line } from "../model/document";
import type { Message } from "../engine/rule";
import { matchAllBounded } from "../engine/bounded-regex";

const MAX_PATTERN_LENGTH = 200;
const MAX_PATTERNS = 50;
/** User patterns see lines in windows of this size, so no pattern works on more text at once. */
const WINDOW = 2000;
const WINDOW_OVERLAP = 200;
/** User-pattern findings reported per document at most; each pattern also stops matching after this many hits. */
export const MAX_EXTRA_MATCHES = 5000;

interface Rejected {
  source: string;
  reason: Message;
}

export interface CompiledExtra {
  patterns: RegExp[];
  rejected: Rejected[];
}

const compiledCache = new Map<string, CompiledExtra>();

/** Compiles, validates and caches the user's extra patterns (by their JSON text). */
export function compileExtraPatterns(sources: unknown): CompiledExtra {
  const list = Array.isArray(sources) ? sources : [];
  const key = JSON.stringify(list);
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const result: CompiledExtra = { patterns: [], rejected: [] };
  for (const source of list.slice(0, MAX_PATTERNS)) {
    if (typeof source !== "string" || source.length === 0) continue;
    const reason = rejectReason(source);
    if (reason) result.rejected.push({ source: source.length > 60 ? source.slice(0, 60) + "…" : source, reason });
    else result.patterns.push(new RegExp(source, "gu"));
  }
  if (compiledCache.size > 32) compiledCache.clear();
  compiledCache.set(key, result);
  return result;
}

/**
 * Why a user pattern is refused, or undefined when it is accepted. JavaScript regexes cannot be
 * interrupted, so patterns that can backtrack exponentially (a quantified group that itself
 * repeats or alternates, back-references) are refused up front, and matching is bounded by
 * the window size.
 */
export function rejectReason(source: string): Message | undefined {
  if (source.length > MAX_PATTERN_LENGTH) return { zh: `超过${MAX_PATTERN_LENGTH}个字符`, en: `longer than ${MAX_PATTERN_LENGTH} characters` };
  let re: RegExp;
  try {
    re = new RegExp(source, "gu");
  } catch (error) {
    return { zh: `不是有效的正则表达式：${(error as Error).message}`, en: `not a valid regular expression: ${(error as Error).message}` };
  }
  if (/\\[1-9]|\\k</.test(source)) return { zh: "不支持反向引用", en: "back-references are not supported" };
  if (nestedRepetition(source)) return { zh: "嵌套重复可能导致卡顿", en: "nested repetition could hang the checker" };
  re.lastIndex = 0;
  if (re.test("")) return { zh: "会匹配空文本", en: "it matches empty text" };
  return undefined;
}

/** A group that contains a quantifier or an alternation and is itself repeated without bound. */
function nestedRepetition(source: string): boolean {
  const stack: Array<{ risky: boolean }> = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "[") {
      // Skip a character class: quantifier characters inside it are literal.
      for (i++; i < source.length && source[i] !== "]"; i++) if (source[i] === "\\") i++;
      continue;
    }
    if (ch === "(") stack.push({ risky: false });
    else if (ch === ")") {
      const group = stack.pop();
      const next = source[i + 1];
      const unbounded = next === "*" || next === "+" || (next === "{" && /^\{\d*,\d*\}/.test(source.slice(i + 1)) && !/^\{\d+,\d+\}/.test(source.slice(i + 1)));
      const counted = next === "{" && /^\{\d+,(\d+)\}/.test(source.slice(i + 1));
      if (group?.risky && (unbounded || counted)) return true;
      if (group?.risky || unbounded) if (stack.length > 0) stack[stack.length - 1].risky = true;
    } else if ((ch === "*" || ch === "+" || ch === "?" || ch === "{" || ch === "|") && stack.length > 0) {
      stack[stack.length - 1].risky = true;
    }
  }
  return false;
}

/** Time a user pattern may take over a whole document: generous, plus 1 ms per 10 000 characters. */
const EXTRA_TIMEOUT_MS = 500;

/**
 * Matches every user pattern over the scanned lines in a worker with a deadline (JavaScript
 * cannot interrupt a backtracking regex, e.g. the polynomial "a*a*a*b" the static checks let
 * through). A pattern that times out is removed from the cached compilation and reported.
 */
export function scanExtraBounded(extra: CompiledExtra, lines: Line[]): Map<number, Array<{ start: number; end: number }>> {
  const byLine = new Map<number, Array<{ start: number; end: number }>>();
  if (extra.patterns.length === 0 || lines.length === 0) return byLine;
  const texts = lines.map((l) => l.text);
  const timeoutMs = EXTRA_TIMEOUT_MS + Math.ceil(texts.reduce((n, t) => n + t.length, 0) / 10_000);
  for (const re of [...extra.patterns]) {
    const result = matchAllBounded(re.source, re.flags, texts, { window: WINDOW, overlap: WINDOW_OVERLAP, maxHits: MAX_EXTRA_MATCHES, timeoutMs });
    if (result.timedOut || result.error !== undefined) {
      extra.patterns.splice(extra.patterns.indexOf(re), 1);
      const source = re.source.length > 60 ? re.source.slice(0, 60) + "…" : re.source;
      extra.rejected.push({
        source,
        reason: result.timedOut
          ? { zh: `匹配超过${timeoutMs}毫秒，可能存在灾难性回溯，已停用`, en: `matching took over ${timeoutMs} ms (catastrophic backtracking?), disabled` }
          : { zh: `匹配出错：${result.error}`, en: `matching failed: ${result.error}` },
      });
      continue;
    }
    result.hits.forEach((hits, i) => {
      if (hits.length === 0) return;
      let list = byLine.get(lines[i].index);
      if (!list) byLine.set(lines[i].index, (list = []));
      for (const [start, end] of hits) list.push({ start, end });
    });
  }
  return byLine;
}
