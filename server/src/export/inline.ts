// Markdown inline syntax → formatted runs (bold, italic, strike-through, code, links), so a
// Markdown document exports as Word formatting rather than literal `**` and backticks.
// A CommonMark subset: escapes, code spans, links and images, autolinks, emphasis by the
// flanking rules (so `20__年__月` stays literal: underscores inside words never emphasise).

export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  /** A link's target; the text is what the reader sees. */
  link?: string;
  /** A line break inside the paragraph (Markdown hard break, `<br>`). */
  break?: boolean;
}

/** Plain text (no Markdown): the text as one run. */
export function plainRuns(text: string): Inline[] {
  return text === "" ? [] : [{ text }];
}

interface TextNode {
  kind: "text";
  text: string;
  style?: Partial<Inline>;
}
interface DelimiterNode {
  kind: "delim";
  char: "*" | "_" | "~";
  count: number;
  canOpen: boolean;
  canClose: boolean;
  /** Styles this run opens / closes once matched. */
  opens: Array<"bold" | "italic" | "strike">;
  closes: Array<"bold" | "italic" | "strike">;
}
type Node = TextNode | DelimiterNode;

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const ESCAPABLE = /[!-/:-@[-`{-~]/;

function isWhite(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch) || ch === "\u3000";
}

/** Punctuation for the flanking rules: ASCII and the general punctuation of CJK text. */
function isPunctuation(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return ASCII_PUNCTUATION.test(ch) || /[\u2010-\u2027\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/.test(ch);
}

/** Markdown inline text → runs. */
export function markdownRuns(source: string): Inline[] {
  const nodes: Node[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") nodes.push({ kind: "text", text });
    text = "";
  };
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i];
    if (ch === "\\" && i + 1 < n && ESCAPABLE.test(source[i + 1])) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === "`") {
      let run = 1;
      while (source[i + run] === "`") run++;
      const fence = "`".repeat(run);
      const close = findCodeClose(source, i + run, fence);
      if (close >= 0) {
        flush();
        let code = source.slice(i + run, close).replace(/\n/g, " ");
        if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "") code = code.slice(1, -1);
        nodes.push({ kind: "text", text: code, style: { code: true } });
        i = close + run;
        continue;
      }
      text += fence;
      i += run;
      continue;
    }
    if (ch === "!" && source[i + 1] === "[" || ch === "[") {
      const image = ch === "!";
      const link = matchLink(source, image ? i + 1 : i);
      if (link) {
        flush();
        if (image) {
          if (link.label !== "") nodes.push({ kind: "text", text: link.label });
        } else {
          for (const run of markdownRuns(link.label)) nodes.push({ kind: "text", text: run.text, style: { ...run, link: link.target } });
        }
        i = link.end;
        continue;
      }
    }
    if (ch === "<") {
      const auto = /^<((?:https?|mailto|ftp):[^\s<>]*)>/i.exec(source.slice(i, i + 2048));
      if (auto) {
        flush();
        nodes.push({ kind: "text", text: auto[1], style: { link: auto[1] } });
        i += auto[0].length;
        continue;
      }
      const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/.exec(source.slice(i, i + 512));
      if (tag) {
        // Inline HTML is markup, not text: a <br> breaks the line, other tags are dropped.
        flush();
        if (tag[1].toLowerCase() === "br") nodes.push({ kind: "text", text: "", style: { break: true } });
        i += tag[0].length;
        continue;
      }
    }
    if (ch === "*" || ch === "_" || (ch === "~" && source[i + 1] === "~")) {
      let run = 1;
      while (source[i + run] === ch) run++;
      if (ch === "~" && run !== 2) {
        text += source.slice(i, i + run);
        i += run;
        continue;
      }
      const before = i > 0 ? source[i - 1] : undefined;
      const after = source[i + run];
      const leftFlanking = !isWhite(after) && (!isPunctuation(after) || isWhite(before) || isPunctuation(before));
      const rightFlanking = !isWhite(before) && (!isPunctuation(before) || isWhite(after) || isPunctuation(after));
      let canOpen = leftFlanking;
      let canClose = rightFlanking;
      if (ch === "_") {
        canOpen = leftFlanking && (!rightFlanking || isPunctuation(before));
        canClose = rightFlanking && (!leftFlanking || isPunctuation(after));
      }
      flush();
      nodes.push({ kind: "delim", char: ch, count: run, canOpen, canClose, opens: [], closes: [] });
      i += run;
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  matchEmphasis(nodes);
  return toRuns(nodes);
}

function findCodeClose(source: string, from: number, fence: string): number {
  let at = source.indexOf(fence, from);
  while (at >= 0) {
    // The closing run must be exactly as long as the opening one.
    if (source[at + fence.length] !== "`" && source[at - 1] !== "`") return at;
    let end = at;
    while (source[end] === "`") end++;
    at = source.indexOf(fence, end);
  }
  return -1;
}

/** `[label](target "title")` starting at `at` (the "["); nested brackets allowed. */
function matchLink(source: string, at: number): { label: string; target: string; end: number } | undefined {
  let depth = 0;
  let j = at;
  for (; j < source.length; j++) {
    const c = source[j];
    if (c === "\\") {
      j++;
      continue;
    }
    if (c === "[") depth++;
    else if (c === "]" && --depth === 0) break;
  }
  if (j >= source.length || source[j + 1] !== "(") return undefined;
  const m = /^\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/.exec(source.slice(j + 1, j + 2049));
  if (!m) return undefined;
  const target = m[1].startsWith("<") ? m[1].slice(1, -1) : m[1];
  return { label: source.slice(at + 1, j), target, end: j + 1 + m[0].length };
}

/** CommonMark's delimiter matching, simplified: nearest opener of the same character wins. */
function matchEmphasis(nodes: Node[]): void {
  for (let c = 0; c < nodes.length; c++) {
    const closer = nodes[c];
    if (closer.kind !== "delim" || !closer.canClose) continue;
    while (closer.count > 0) {
      let o = c - 1;
      for (; o >= 0; o--) {
        const opener = nodes[o];
        if (opener.kind !== "delim" || opener.char !== closer.char || !opener.canOpen || opener.count === 0) continue;
        // The "multiple of three" rule: a run that can both open and close does not pair with
        // one whose lengths add up to a multiple of three (keeps `*a**b*` sane).
        if ((opener.canClose || closer.canOpen) && (opener.count + closer.count) % 3 === 0 && !(opener.count % 3 === 0 && closer.count % 3 === 0)) continue;
        break;
      }
      if (o < 0) break;
      const opener = nodes[o] as DelimiterNode;
      const use = closer.char === "~" ? 2 : closer.count >= 2 && opener.count >= 2 ? 2 : 1;
      const style = closer.char === "~" ? "strike" : use === 2 ? "bold" : "italic";
      opener.count -= use;
      closer.count -= use;
      // Inner styles close first: the opener's list is read from the end when applying.
      opener.opens.push(style);
      closer.closes.push(style);
      // Delimiters between the pair can no longer match across it.
      for (let k = o + 1; k < c; k++) {
        const between = nodes[k];
        if (between.kind === "delim") {
          between.canOpen = false;
          between.canClose = false;
        }
      }
      if (opener.count === 0) opener.canOpen = false;
    }
  }
}

function toRuns(nodes: Node[]): Inline[] {
  const depth = { bold: 0, italic: 0, strike: 0 };
  const runs: Inline[] = [];
  const push = (text: string, extra?: Partial<Inline>) => {
    if (text === "" && !extra?.break) return;
    const run: Inline = { text };
    if (depth.bold > 0) run.bold = true;
    if (depth.italic > 0) run.italic = true;
    if (depth.strike > 0) run.strike = true;
    if (extra) Object.assign(run, extra);
    const last = runs[runs.length - 1];
    if (last && !run.break && !last.break && sameStyle(last, run)) last.text += run.text;
    else runs.push(run);
  };
  for (const node of nodes) {
    if (node.kind === "text") {
      push(node.text, node.style);
      continue;
    }
    // A closer's literal rest comes before what it closes ends … in practice runs are either
    // fully used or not at all; the remainder is printed where the run stood.
    for (const s of node.closes) depth[s]--;
    if (node.count > 0) push(node.char.repeat(node.count));
    for (const s of node.opens) depth[s]++;
  }
  return runs;
}

function sameStyle(a: Inline, b: Inline): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.strike === !!b.strike && !!a.code === !!b.code && a.link === b.link;
}

/** The visible text of runs (for width estimates and tests). */
export function runsText(runs: readonly Inline[]): string {
  return runs.map((r) => (r.break ? "\n" : r.text)).join("");
}
