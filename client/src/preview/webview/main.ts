// The preview webview's script: places the pages the server rendered, keeps the scroll position,
// and tells the extension what is in view, where the reader scrolled and what was clicked. It
// lays out nothing itself: page HTML and its stylesheet come from the server (server/src/preview/).
// Every page has a placeholder of the page's size; only the pages near the view hold their HTML.

import type { FromWebview, Labels, PageInfo, PreviewState, ToWebview } from "./messages";

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: FromWebview) => vscode.postMessage(message);
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? "";

const container = document.getElementById("pages") as HTMLDivElement;
const status = document.getElementById("status") as HTMLDivElement;
/** Pages drawn away from the view beyond this many are emptied again (bounded DOM for long documents). */
const KEEP_AROUND = 12;
/** Pages past the view whose HTML is asked for ahead. */
const AHEAD = 2;

let uri = "";
let version = -1;
let pages: PageInfo[] = [];
let labels: Labels = { page: "", findings: "" };
/** Page number → the key of the HTML it shows. */
const drawn = new Map<number, string>();
let layoutCss = "";
/** Scrolling we caused (following the editor) is not reported back as the reader's. */
let ignoreScrollUntil = 0;
let restoredLine = vscode.getState()?.line ?? -1;

function setStylesheet(css: string): void {
  if (css === layoutCss) return;
  layoutCss = css;
  // A new element each time: the content-security policy admits styles by this script's nonce.
  const style = document.createElement("style");
  style.nonce = nonce;
  style.id = "layout";
  style.textContent = css;
  document.getElementById("layout")?.remove();
  document.head.appendChild(style);
}

function pageElement(number: number): HTMLDivElement | undefined {
  return container.children[number - 1] as HTMLDivElement | undefined;
}

/** As many page placeholders as there are pages, each labelled with its number until drawn. */
function placePages(): void {
  while (container.children.length > pages.length) container.lastElementChild?.remove();
  while (container.children.length < pages.length) {
    const page = document.createElement("div");
    const n = container.children.length + 1;
    page.className = "gw-page empty";
    page.dataset.page = String(n);
    container.appendChild(page);
  }
  for (const [n] of drawn) if (n > pages.length) drawn.delete(n);
}

function draw(html: Array<{ number: number; key: string; html: string }>): void {
  for (const h of html) {
    const page = pageElement(h.number);
    if (!page || pages[h.number - 1]?.key !== h.key) continue;
    page.innerHTML = h.html;
    page.classList.remove("empty", "stale");
    drawn.set(h.number, h.key);
  }
}

/** Pages [first, last] in view (1-based), from the container's geometry (pages are all one size). */
function pagesInView(): { first: number; last: number } {
  const first = container.firstElementChild as HTMLElement | null;
  if (!first || pages.length === 0) return { first: 1, last: 0 };
  const rect = first.getBoundingClientRect();
  const step = pageStep();
  const top = Math.floor(-rect.top / step) + 1;
  const bottom = Math.floor((window.innerHeight - rect.top) / step) + 1;
  return { first: Math.max(1, Math.min(pages.length, top)), last: Math.max(1, Math.min(pages.length, bottom)) };
}

/** Distance from one page's top to the next one's, in viewport pixels. */
function pageStep(): number {
  const a = pageElement(1);
  const b = pageElement(2);
  if (a && b) return b.getBoundingClientRect().top - a.getBoundingClientRect().top;
  return a ? a.getBoundingClientRect().height + 16 : 1;
}

/** Asks for the pages in view that are not drawn with their current key; empties far pages. */
function requestView(): void {
  const view = pagesInView();
  const from = Math.max(1, view.first - AHEAD);
  const to = Math.min(pages.length, view.last + AHEAD);
  const keys: Record<number, string> = {};
  let missing = false;
  for (let n = from; n <= to; n++) {
    const key = drawn.get(n);
    if (key !== undefined) keys[n] = key;
    if (key !== pages[n - 1]?.key) missing = true;
  }
  for (const [n] of drawn) {
    if (n < view.first - KEEP_AROUND || n > view.last + KEEP_AROUND) {
      const page = pageElement(n);
      if (page) {
        page.innerHTML = "";
        page.classList.add("empty");
      }
      drawn.delete(n);
    }
  }
  if (missing) post({ type: "view", from, to, keys });
}

function fitToWidth(): void {
  // The page is 210 mm wide at 96 px an inch; it shrinks to the window, never grows past 1.5 x.
  const pagePx = (pages.length > 0 ? (pageElement(1)?.offsetWidth ?? 794) : 794);
  const scale = Math.max(0.25, Math.min(1.5, (document.documentElement.clientWidth - 32) / pagePx));
  document.documentElement.style.setProperty("--scale", scale.toFixed(4));
}

/** Printed lines with their source line, in page order. */
function lineElements(): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(".l[data-line]"));
}

/** The viewport position (px from the document's top) where source `line` is printed. */
function positionOfLine(line: number): number | undefined {
  if (pages.length === 0) return undefined;
  // The page it is on, from each page's first line.
  let page = 1;
  for (const p of pages) if (p.line >= 0 && p.line <= line) page = p.number;
  const element = pageElement(page);
  if (!element) return undefined;
  let best: HTMLElement | undefined;
  let bestLine = -1;
  for (const l of element.querySelectorAll<HTMLElement>(".l[data-line]")) {
    const at = Number(l.dataset.line);
    if (at <= line && at >= bestLine) {
      if (at > bestLine) best = l;
      bestLine = at;
    }
  }
  const base = window.scrollY;
  if (best) return best.getBoundingClientRect().top + base;
  return element.getBoundingClientRect().top + base;
}

/** The source line printed at the top of the view. */
function lineAtTop(): number | undefined {
  const view = pagesInView();
  for (let n = view.first; n <= view.last; n++) {
    const page = pageElement(n);
    if (!page) continue;
    for (const l of page.querySelectorAll<HTMLElement>(".l[data-line]")) {
      if (l.getBoundingClientRect().bottom > 4) return Number(l.dataset.line);
    }
  }
  return pages[view.first - 1]?.line;
}

function scrollToLine(line: number): void {
  const y = positionOfLine(line);
  if (y === undefined) return;
  ignoreScrollUntil = Date.now() + 150;
  window.scrollTo({ top: Math.max(0, y - 8) });
  saveState(line);
  requestView();
}

function saveState(line: number): void {
  if (uri) vscode.setState({ uri, line });
}

let scrollTimer: number | undefined;
window.addEventListener("scroll", () => {
  if (scrollTimer !== undefined) window.clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => {
    scrollTimer = undefined;
    requestView();
    const line = lineAtTop();
    if (line === undefined) return;
    saveState(line);
    if (Date.now() >= ignoreScrollUntil) post({ type: "scrolled", line });
  }, 50);
});

window.addEventListener("resize", () => {
  fitToWidth();
  requestView();
});

/** The source offset under a point: the span's data-o plus the characters before the caret. */
function sourceAt(x: number, y: number, target: Element): { offset?: number; line: number } | undefined {
  const line = target.closest<HTMLElement>(".l[data-line]");
  if (!line) return undefined;
  const result: { offset?: number; line: number } = { line: Number(line.dataset.line) };
  const range = document.caretRangeFromPoint?.(x, y);
  if (range && range.startContainer.nodeType === Node.TEXT_NODE) {
    const span = range.startContainer.parentElement?.closest<HTMLElement>("[data-o]");
    if (span && line.contains(span)) {
      // Characters of the span before the caret (its text may be split over nested nodes).
      const before = document.createRange();
      before.setStart(span, 0);
      before.setEnd(range.startContainer, range.startOffset);
      result.offset = Number(span.dataset.o) + before.toString().length;
    }
  }
  return result;
}

container.addEventListener("click", (event) => {
  // Selecting text to copy it is not a click to jump.
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed) return;
  const target = event.target as Element;
  const at = sourceAt(event.clientX, event.clientY, target);
  if (at) post({ type: "click", ...at });
});

/** How long the last message took to draw (placing pages and setting their HTML, layout included). */
let lastDrawMs = 0;

function report(): void {
  const list: Array<{ number: number; key: string; text: string; findings: number }> = [];
  for (const [n, key] of drawn) {
    const page = pageElement(n);
    if (!page) continue;
    const text = Array.from(page.querySelectorAll<HTMLElement>(".gw-text .l")).map((l) => l.textContent ?? "").join("\n");
    list.push({ number: n, key, text, findings: page.querySelectorAll(".f, .fm").length });
  }
  list.sort((a, b) => a.number - b.number);
  post({ type: "drawn", version, pages: pages.length, drawn: list, drawMs: lastDrawMs });
}

window.addEventListener("message", (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case "update": {
      const started = performance.now();
      const switched = message.uri !== uri;
      uri = message.uri;
      version = message.version;
      labels = message.labels;
      pages = message.pages;
      setStylesheet(message.css);
      if (switched) {
        container.innerHTML = "";
        drawn.clear();
      }
      placePages();
      // Pages whose key changed keep their old picture until the new one comes (no flicker).
      for (const [n, key] of drawn) if (pages[n - 1]?.key !== key) pageElement(n)?.classList.add("stale");
      draw(message.html);
      status.textContent = message.empty ?? "";
      status.hidden = !message.empty;
      document.body.setAttribute("aria-label", labels.page);
      fitToWidth();
      if (restoredLine >= 0) {
        const line = restoredLine;
        restoredLine = -1;
        scrollToLine(line);
      } else if (switched) saveState(lineAtTop() ?? 0);
      requestView();
      // Reading a box's position makes the browser lay the pages out now: that is part of drawing.
      container.lastElementChild?.getBoundingClientRect();
      lastDrawMs = performance.now() - started;
      report();
      break;
    }
    case "html":
      if (message.version === version) draw(message.html);
      report();
      break;
    case "scroll":
      scrollToLine(message.line);
      break;
    case "status":
      status.textContent = message.text;
      status.hidden = message.text === "";
      break;
    case "testScroll": {
      const y = positionOfLine(message.line);
      if (y !== undefined) window.scrollTo({ top: y });
      break;
    }
    case "testClick": {
      const target = lineElements().find((l) => Number(l.dataset.line) === message.line);
      if (!target) break;
      target.scrollIntoView({ block: "center" });
      const rect = target.getBoundingClientRect();
      const x = rect.left + Math.min(rect.width / 2, 60);
      const y = rect.top + rect.height / 2;
      (document.elementFromPoint(x, y) ?? target).dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: x, clientY: y }));
      break;
    }
  }
});

fitToWidth();
post({ type: "ready" });
