// Reading what the Word writer produced: unzip the package and look at its XML parts as a
// reader of the OOXML would (paragraph styles, indents, runs, fonts), with small regex helpers.

import { strFromU8, unzipSync } from "fflate";
import { parseDocument } from "../../server/src/model/parse";
import { renderModel } from "../../server/src/export/pipeline";
import { defaultExportSettings, type ExportSettings } from "../../server/src/export/layout";

export type Parts = Record<string, string>;

export function unzipDocx(bytes: Uint8Array): Parts {
  const files = unzipSync(bytes);
  const parts: Parts = {};
  for (const [name, data] of Object.entries(files)) if (/\.(xml|rels)$/.test(name)) parts[name] = strFromU8(data);
  return parts;
}

/** Exports a text as the CLI and the server do, and returns the package's XML parts. */
export async function exportParts(text: string, languageId = "plaintext", settings: Partial<ExportSettings> = {}): Promise<Parts> {
  const model = parseDocument({ text, languageId });
  const { bytes } = await renderModel(model, { ...defaultExportSettings(), ...settings });
  return unzipDocx(bytes);
}

export interface WordParagraph {
  xml: string;
  style?: string;
  text: string;
}

/** The body's paragraphs (outside tables and the TOC field's content control too), in order. */
export function paragraphs(documentXml: string): WordParagraph[] {
  const body = documentXml.slice(documentXml.indexOf("<w:body>"));
  const out: WordParagraph[] = [];
  for (const m of body.matchAll(/<w:p(?: [^>]*)?>.*?<\/w:p>|<w:p(?: [^>]*)?\/>/gs)) {
    const xml = m[0];
    out.push({ xml, style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1], text: textOf(xml) });
  }
  return out;
}

/** The visible text of a piece of WordprocessingML: w:t contents, tabs as \t, breaks as \n. */
export function textOf(xml: string): string {
  let text = "";
  for (const m of xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
    if (m[1] !== undefined) text += m[1].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"');
    else text += m[0] === "<w:tab/>" ? "\t" : "\n";
  }
  return text;
}

/** The attributes of the first `<tag …>` in xml, as a record (w: prefixes dropped). */
export function attrs(xml: string, tag: string): Record<string, string> | undefined {
  const m = new RegExp(`<${tag}((?:\\s+[\\w:]+="[^"]*")*)\\s*/?>`).exec(xml);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const a of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) out[a[1].replace(/^w:/, "")] = a[2];
  return out;
}

/** A style's definition in styles.xml by id. */
export function style(stylesXml: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`, "s").exec(stylesXml);
  if (!m) throw new Error(`no style ${id}`);
  return m[0];
}

/** The paragraph whose text starts with `prefix`. */
export function paragraphStarting(all: WordParagraph[], prefix: string): WordParagraph {
  const p = all.find((x) => x.text.startsWith(prefix));
  if (!p) throw new Error(`no paragraph starting with ${prefix}: ${all.map((x) => x.text).join(" | ")}`);
  return p;
}
