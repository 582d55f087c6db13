// The server's side of the page preview (request gongwen/previewPages): the open document's
// model → the export's plan and layout → printed paragraphs → pages, with the findings marked.
// The pages of the last version asked for are kept, so the webview's scrolling (asking for the
// HTML of other pages) costs no new layout; the HTML is made only for the pages it shows.

import type { Problem } from "../engine/rule";
import { planExport } from "../export/blocks";
import { resolveLayout, type ExportSettings } from "../export/layout";
import { localize, type Language } from "../i18n";
import type { DocumentModel } from "../model/document";
import { lineOfOffset } from "../model/offsets";
import { coverOf, previewFindings, renderPages, summarize, type PageSummary, type RenderContext, type Summary, type UsedGeometry } from "./html";
import { paginate } from "./paginate";
import { LayoutCache } from "./cache";
import { printPlan } from "./paragraphs";
import { geometryRules, layoutStylesheet } from "./style";
import type { PreviewParams } from "./protocol";

const geometryRulesOf = (used: UsedGeometry): string => geometryRules(used.indents, used.tabs, used.rightTabs);

export { PREVIEW_REQUEST, type PreviewParams } from "./protocol";

export interface PreviewAnswer {
  uri: string;
  version: number;
  /** Every page: its key (changes when what it prints changes) and first source line. */
  pages: PageSummary[];
  /** The HTML of the pages asked for (those whose key the client does not hold). */
  html: Array<{ number: number; key: string; html: string }>;
  /** The stylesheet of the layout and of the geometry the pages use. */
  css: string;
  /** Findings marked (carried over from the last check while it catches up). */
  findings: number;
  /** The findings are those of this version (not carried over from an earlier one). */
  findingsCurrent: boolean;
  /** Why nothing is printed (an empty document), in the user's language. */
  empty?: string;
  /** Milliseconds the server spent (layout, HTML). */
  ms: number;
}

interface Rendered {
  model: DocumentModel;
  settingsKey: string;
  problems: readonly Problem[];
  ctx: RenderContext;
  summary: Summary;
  cssBase: string;
}

export interface PreviewInput {
  model: DocumentModel;
  settings: ExportSettings;
  problems: readonly Problem[];
  findingsCurrent: boolean;
  language: Language;
}

/** Most pages turned into HTML for one request (the webview asks for what it shows). */
const MAX_PAGES_PER_ANSWER = 40;

export class PreviewService {
  /** The last render per document (one per previewed document; dropped on close). */
  private readonly rendered = new Map<string, Rendered>();
  /**
   * Indent and tab classes the document's pages have used, across versions: the stylesheet sent
   * defines them all, so pages the webview drew from an earlier answer keep their geometry.
   */
  private readonly geometry = new Map<string, UsedGeometry>();
  /** Laid-out blocks of each document's last render, taken again where an edit did not reach. */
  private readonly caches = new Map<string, LayoutCache>();

  forget(uri: string): void {
    this.rendered.delete(uri);
    this.geometry.delete(uri);
    this.caches.delete(uri);
  }

  answer(params: PreviewParams, input: PreviewInput): PreviewAnswer {
    const started = performance.now();
    const { model, language } = input;
    const r = this.render(input);
    const answer: PreviewAnswer = {
      uri: model.uri,
      version: model.version,
      pages: r.summary.pages,
      html: [],
      css: this.geometry.has(model.uri) ? `${r.cssBase}\n${geometryRulesOf(this.geometry.get(model.uri)!)}` : r.cssBase,
      findings: input.problems.length,
      findingsCurrent: input.findingsCurrent,
      ms: 0,
    };
    if (r.ctx.paged.pages.length === 1 && r.ctx.paged.pages[0].slices.length === 0) {
      answer.empty = localize({ zh: "文档中没有可打印的内容", en: "Nothing to print in this document" }, language);
    }
    if (params.from !== undefined && params.to !== undefined && params.to >= params.from) {
      let used = this.geometry.get(model.uri);
      if (!used) {
        used = { indents: new Set<string>(), tabs: new Set<number>(), rightTabs: new Set<number>() };
        this.geometry.set(model.uri, used);
      }
      const from = Math.max(1, Math.floor(params.from));
      const to = Math.min(Math.floor(params.to), from + MAX_PAGES_PER_ANSWER - 1);
      const known = typeof params.known === "object" && params.known !== null ? params.known : {};
      const keys = r.summary.pages;
      answer.html = renderPages(r.ctx, r.summary, from, to, used, (n) => known[n] !== keys[n - 1]?.key).map((h) => ({ ...h, key: keys[h.number - 1].key }));
      answer.css = `${r.cssBase}\n${geometryRulesOf(used)}`;
    }
    answer.ms = Math.round((performance.now() - started) * 10) / 10;
    return answer;
  }

  private render(input: PreviewInput): Rendered {
    const { model, settings, problems, language } = input;
    const settingsKey = JSON.stringify(settings);
    const kept = this.rendered.get(model.uri);
    if (kept && kept.model === model && kept.settingsKey === settingsKey && kept.problems === problems) return kept;
    const layout = resolveLayout(settings);
    const plan = planExport(model, {
      newPagePerDocument: settings.newPagePerDocument,
      tableOfContents: settings.tableOfContents,
      // As export/export.ts prepareExport: title characters a line holds.
      titleCharsPerLine: Math.floor(layout.textWidth / Math.max(1, Math.round(settings.titleSizePt * 20))),
    });
    const groups = printPlan(plan, layout);
    const lines = model.lines;
    const lineStart = (line: number) => (line < lines.length ? lines[line].start : model.text.length);
    let cache = this.caches.get(model.uri);
    if (!cache) {
      cache = new LayoutCache();
      this.caches.set(model.uri, cache);
    }
    const paged = paginate(groups, layout, model.text, lineStart, {}, cache);
    const lineAt = (offset: number) => lineOfOffset(model, offset);
    // Blank lines belong with the block after them (scrolling lands on what follows).
    const groupLine = new Int32Array(groups.length);
    let next = lines.length > 0 ? lines.length - 1 : 0;
    for (let g = groups.length - 1; g >= 0; g--) {
      const block = groups[g].block;
      if (block) next = block.line;
      groupLine[g] = next;
    }
    const findings = previewFindings(problems, (p) => localize(p.message, language));
    const ctx: RenderContext = {
      paged,
      layout,
      lineAt,
      itemLine: (item) => groupLine[paged.items[item].group],
      findings,
      cover: coverOf(findings, model.text.length),
    };
    const rendered: Rendered = { model, settingsKey, problems, ctx, summary: summarize(ctx), cssBase: layoutStylesheet(layout) };
    this.rendered.set(model.uri, rendered);
    return rendered;
  }
}
