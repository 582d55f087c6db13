// placeholder: template leftovers and anonymisation markers (XX, 20__年, ××, 某某, X亿元, blank
// brackets …) found by one scan per line for trigger characters, the pattern table tried only
// there, plus user patterns (placeholder-extra-patterns.ts).

import type { DocumentModel, Line } from "../model/document";
import { defineRule, type Fix, type Message } from "../engine/rule";
import { Buffer } from "node:buffer";
import { LineMemo } from "../engine/memo";
import { emphasisDelimiters, overlapsSpans } from "../model/literal-spans";
import { defaultMessage, PLACEHOLDER_PATTERNS, type PlaceholderPattern } from "./placeholder-patterns";
import { compileExtraPatterns, MAX_EXTRA_MATCHES, scanExtraBounded } from "./placeholder-extra-patterns";

/**
 * A built-in match contains a trigger and starts at it or, for years, with a digit at most
 * TRIGGER_LEAD characters before it ("201X", "20__"). The triggers (the classes of the former
 * trigger regex, tested here on character codes):
 *   X x Ｘ ｘ × ○ 〇 ◯ 某 _ ＿ D * ＊   alone;
 *   zz / yy (either width)               two in a row;
 *   （ ( 【 〔 [                          before blanks and a closing bracket;
 *   a space or ideographic space        after a Han character or a closing parenthesis.
 * Lines are walked as UTF-16 codes in a typed array (several times faster than charCodeAt);
 * only at a trigger are the patterns that can start there tried, with one sticky regex.
 */
const SINGLE = 1;
const Z = 2;
const Y = 3;
const OPEN = 4;
const SPACE = 5;
const TRIGGER_KIND = new Uint8Array(0x10000);
for (const ch of "XxＸｘ×○〇◯某_＿D*＊") TRIGGER_KIND[ch.charCodeAt(0)] = SINGLE;
for (const ch of "zｚ") TRIGGER_KIND[ch.charCodeAt(0)] = Z;
for (const ch of "yｙ") TRIGGER_KIND[ch.charCodeAt(0)] = Y;
for (const ch of "（(【〔[") TRIGGER_KIND[ch.charCodeAt(0)] = OPEN;
for (const ch of " \u3000") TRIGGER_KIND[ch.charCodeAt(0)] = SPACE;
const isClosingBracket = (c: number) => c === 0xff09 || c === 0x29 || c === 0x3011 || c === 0x3015 || c === 0x5d; // ）)】〕]
const isBlank = (c: number) => c === 0x20 || c === 0x3000;
/** Han (basic block and extension A) or a closing parenthesis: what a blank-number space follows. */
const afterWord = (c: number) => (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || c === 0xff09 || c === 0x29;
/** Only year patterns start before their trigger, and always with a digit ("201X", "20__"). */
const TRIGGER_LEAD = 3;
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Per starting character, the patterns that can start with it, each as a sticky regex, in table
 * order: the first that matches at a position wins, as it did with all patterns joined in one
 * regex (the others cannot match where their first character is not). test() and lastIndex
 * give the match without a result array. Built on first use.
 */
interface StartMatcher {
  regexes: RegExp[];
  patterns: PlaceholderPattern[];
}
const matchers = new Map<number, StartMatcher | null>();
function matcherFor(code: number): StartMatcher | null {
  let matcher = matchers.get(code);
  if (matcher === undefined) {
    const ch = String.fromCharCode(code);
    const patterns = PLACEHOLDER_PATTERNS.filter((p) => p.starts.includes(ch));
    matcher = patterns.length === 0 ? null : { regexes: patterns.map((p) => new RegExp(p.source, "y")), patterns };
    matchers.set(code, matcher);
  }
  return matcher;
}

/** Room for this many characters of the text as UTF-16 codes (a window, re-filled as lines need it). */
const WINDOW_CHARS = 1 << 16;
const windowCodes = new Uint16Array(WINDOW_CHARS);
const windowBytes = Buffer.from(windowCodes.buffer, windowCodes.byteOffset, windowCodes.byteLength);

function encode(text: string): Uint16Array {
  const codes = new Uint16Array(text.length);
  Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength).write(text, "utf16le");
  return codes;
}

/** Where a text's lines are read from as codes: a window of the text copied into windowCodes. */
class CodeWindow {
  private from = 0;
  private to = 0;
  /** The codes of the last load(). */
  codes: Uint16Array = windowCodes;
  constructor(private readonly text: string) {}
  /** Makes `codes` hold the line [start, end) whose text is `line`; returns the index of start in it. */
  load(start: number, end: number, line: string): number {
    if (end - start !== line.length || end > this.text.length) {
      // Not a stretch of this text (never in a parsed model): the line's own codes.
      this.codes = encode(line);
      return 0;
    }
    if (start >= this.from && end <= this.to) {
      this.codes = windowCodes;
      return start - this.from;
    }
    if (end - start > WINDOW_CHARS) {
      // A line longer than the window: copied on its own.
      this.codes = encode(line);
      return 0;
    }
    this.from = start;
    this.to = Math.min(this.text.length, start + WINDOW_CHARS);
    windowBytes.write(this.text.slice(this.from, this.to), "utf16le");
    this.codes = windowCodes;
    return 0;
  }
}

export default defineRule({
  id: "placeholder",
  meta: {
    name: { zh: "占位符", en: "placeholder" },
    description: { zh: "模板占位符（XX、××、20__年、某某等）付印前必须替换", en: "Template placeholders (XX, ××, 20__年, 某某 …) must be filled in before printing" },
    severity: "warning",
    fixable: true,
    tags: ["placeholder", "template"],
  },
  defaultOptions: { allow: [] as string[], extraPatterns: [] as string[] },
  *check(model, context) {
    const allow = context.options.allow.filter((w): w is string => typeof w === "string" && w.length > 0);
    const allowSet = new Set(allow);
    const extra = compileExtraPatterns(context.options.extraPatterns);
    // User patterns run in a worker under a deadline; one that overruns is dropped and reported.
    const extraHits = extra.patterns.length > 0 ? scanExtraBounded(extra, model.lines.filter((l) => isScanned(l, model))) : undefined;
    for (const bad of extra.rejected) {
      context.report({
        start: 0,
        end: 0,
        message: {
          zh: `自定义占位符正则已忽略：“${bad.source}”（${bad.reason.zh}）`,
          en: `Custom placeholder pattern ignored: "${bad.source}" (${bad.reason.en})`,
        },
      });
    }
    let extraBudget = MAX_EXTRA_MATCHES;
    const messages = new Map<PlaceholderPattern | undefined, Map<string, Message>>();
    let messageCount = 0;
    // The built-in matches depend on the line text alone: memoised per document, so a re-check
    // after an edit scans only the changed lines.
    const markdown = model.isMarkdown;
    const table = (markdown ? markdownHits : plainHits).table(model.uri, model.lines);
    let window: CodeWindow | undefined;
    for (const line of model.lines) {
      // A server's turn for other requests now and then on a big document (lint() goes straight on).
      if ((line.index & (STEP_LINES - 1)) === STEP_LINES - 1) yield;
      if (!isScanned(line, model)) continue;
      const text = line.text;
      let found = table.get(line.index);
      if (found === undefined) {
        window ??= new CodeWindow(model.text);
        const base = window.load(line.start, line.end, text);
        found = builtinHits(text, window.codes, base, markdown);
        table.set(line.index, found);
      }
      if (extraHits !== undefined && extraBudget > 0) {
        // Copied before user-pattern hits are added: the memoised list stays as it is.
        found = [...found];
        for (const hit of extraHits.get(line.index) ?? []) {
          if (extraBudget-- <= 0) break;
          // A built-in finding already covers this text.
          if (!found.some((f) => f.start < hit.end && hit.start < f.end)) found.push(hit);
        }
      }
      if (found.length === 0) continue;
      if (extraHits !== undefined) found.sort((a, b) => a.start - b.start);
      for (const f of found) {
        const word = text.slice(f.start, f.end);
        if (allow.length > 0 && (allowSet.has(word) || insideAllowed(text, f.start, f.end, allow))) continue;
        const start = line.start + f.start;
        const end = line.start + f.end;
        const replacement = f.pattern?.replacement;
        // The stand-in is only probably what it looks like: the user confirms each one.
        const fixes: Fix[] | undefined = replacement === undefined ? undefined : [{ title: fixTitle(replacement), edits: [{ start, end, newText: replacement }], safe: false, preferred: true }];
        // Documents repeat the same few leftovers thousands of times: one message object each.
        // By pattern too: the same text ("**") has a different message as 党 and as a name.
        let byWord = messages.get(f.pattern);
        if (byWord === undefined) messages.set(f.pattern, (byWord = new Map<string, Message>()));
        let message = byWord.get(word);
        if (message === undefined) {
          message = f.pattern?.message ? f.pattern.message(word) : defaultMessage(word);
          if (messageCount++ < 1000) byWord.set(word, message);
        }
        context.report({ start, end, message, fixes });
      }
    }
  },
});

/** Lines scanned between two of the check's pauses (a power of two). */
const STEP_LINES = 4096;

/** A fix's title, one object per replacement text (findings share it; nothing changes a title). */
const fixTitles = new Map<string, Message>();
function fixTitle(replacement: string): Message {
  let title = fixTitles.get(replacement);
  if (title === undefined) fixTitles.set(replacement, (title = { zh: `改为“${replacement}”`, en: `Change to "${replacement}"` }));
  return title;
}

interface Hit {
  start: number;
  end: number;
  pattern?: PlaceholderPattern;
}

const NO_HITS: Hit[] = [];

/**
 * The built-in patterns' matches in one line, in order (plain text, or Markdown with its
 * exclusions); the line's codes are codes[base …].
 */
function builtinHits(text: string, codes: Uint16Array, base: number, markdown: boolean): Hit[] {
  const length = text.length;
  let found: Hit[] | undefined;
  let covered = 0;
  let next = 0;
  for (;;) {
    // The next trigger at or after `next`: its start t and end.
    let t = -1;
    let triggerEnd = 0;
    for (let i = next; i < length; i++) {
      const kind = TRIGGER_KIND[codes[base + i]];
      if (kind === 0) continue;
      if (kind === SINGLE) triggerEnd = i + 1;
      else if (kind === SPACE) {
        if (i > 0 && afterWord(codes[base + i - 1])) triggerEnd = i + 1;
        else continue;
      } else if (kind === OPEN) {
        let j = i + 1;
        while (j < length && isBlank(codes[base + j])) j++;
        if (j < length && isClosingBracket(codes[base + j])) triggerEnd = i + 1;
        else continue;
      } else if (i + 1 < length && TRIGGER_KIND[codes[base + i + 1]] === kind) triggerEnd = i + 2; // zz, yy
      else continue;
      t = i;
      break;
    }
    if (t < 0) break;
    next = triggerEnd;
    for (let at = Math.max(covered, t - TRIGGER_LEAD); at <= t; at++) {
      const code = codes[base + at];
      if (at < t && !isDigitCode(code)) continue;
      const matcher = matcherFor(code);
      if (matcher === null) continue;
      let end = -1;
      let k = 0;
      for (; k < matcher.regexes.length; k++) {
        const regex = matcher.regexes[k];
        regex.lastIndex = at;
        if (regex.test(text)) {
          end = regex.lastIndex;
          break;
        }
      }
      if (end < 0) continue;
      const pattern = matcher.patterns[k];
      if (!excluded(pattern, text, at, end, markdown)) (found ??= []).push({ start: at, end, pattern });
      covered = at + Math.max(1, end - at);
      if (next < covered) next = covered;
      break;
    }
  }
  // A lone star after a word is usually a footnote mark; it masks a place only in a line that
  // masks other names or figures with stars too ("今年以来，*镇在*市委…").
  if (found?.some((h) => h.pattern?.id === "star-place-after-word")) {
    const companion = found.some((h) => h.pattern !== undefined && STAR_MASKS.has(h.pattern.id));
    found = found.filter((h) => companion || h.pattern?.id !== "star-place-after-word");
  }
  // Markdown bold pasted into plain text ("**组织开展“质量月”活动**") is not a star mask.
  if (!markdown && found !== undefined && text.includes("**")) {
    const delimiters = emphasisDelimiters(text);
    if (delimiters.length > 0) found = found.filter((h) => !(h.pattern !== undefined && isStarPattern(h.pattern.id) && overlapsSpans(delimiters, h.start, h.end)));
  }
  // Matches come in order of position already (the scan only moves forward).
  return found !== undefined && found.length > 0 ? found : NO_HITS;
}

const plainHits = new LineMemo<Hit[]>();
const markdownHits = new LineMemo<Hit[]>();

/** Prose lines: not code, front matter or Markdown markup other than table rows. */
function isScanned(line: Line, model: DocumentModel): boolean {
  switch (line.kind) {
    case "blank":
    case "code":
    case "front-matter":
      return false;
    case "markup":
      return model.isMarkdown && line.text.trimStart().startsWith("|");
    default:
      return true;
  }
}

const isStarPattern = (id: string): boolean => STAR_MASKS.has(id) || id === "star-place-after-word";

/** Star masks that vouch for a lone star after a word in the same line being a mask too. */
const STAR_MASKS = new Set(["star-year", "star-place", "star-amount", "star-party", "star-run"]);

/** Markdown syntax that looks like a blank: "__bold__" delimiters, task-list boxes "- [ ]", "*" emphasis. */
function excluded(pattern: PlaceholderPattern, text: string, at: number, end: number, markdown: boolean): boolean {
  if (!markdown) return false;
  const found = text.slice(at, end);
  // "*" is emphasis or a bullet in Markdown ("**20**年", "*市级*项目", "*月*日" is an emphasised
  // 月; a literal star is written "\*"): no star form counts there.
  if (STAR_MASKS.has(pattern.id) || pattern.id === "star-place-after-word") return true;
  if (pattern.id === "underscores") return found === "__";
  if (pattern.id === "blank-brackets" && found.startsWith("[")) return /^\s*(?:[-*+]|\d+[.)])\s+$/.test(text.slice(0, at));
  return false;
}

function insideAllowed(text: string, start: number, end: number, allow: readonly string[]): boolean {
  for (const word of allow) {
    // Occurrences of the allowed word that could contain [start, end).
    for (let i = text.indexOf(word, Math.max(0, end - word.length)); i >= 0 && i <= start; i = text.indexOf(word, i + 1)) {
      if (i + word.length >= end) return true;
    }
  }
  return false;
}
