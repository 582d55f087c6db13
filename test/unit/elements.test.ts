// The 公文 elements the model finds (版头, 主送, 附件说明, 署名, 成文日期, 版记) on the
// documents in test/fixtures/elements/, each beside a `.elements` sidecar listing them.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../../server/src/model/parse";
import type { DocumentModel } from "../../server/src/model/document";
import { parseDateAt, parseWholeDate } from "../../server/src/model/dates";
import { FIXTURE_ROOT } from "../support/fixtures";

const update = process.env.UPDATE_EXPECTED === "1";
const DIR = join(FIXTURE_ROOT, "elements");

/** One line per element, 1-based line numbers: what a reader of the sidecar can check by eye. */
function describe(model: DocumentModel): string[] {
  const out: string[] = [];
  const date = (d: { year: number; month: number; day?: number; form: string }) => `${d.year}-${d.month}-${d.day ?? ""} ${d.form}`;
  for (const doc of model.documents) {
    const e = doc.elements;
    out.push(`document ${doc.startLine + 1}-${doc.endLine + 1} title ${doc.titleLine + 1} ${doc.title} | body ends ${doc.bodyEndLine + 1}`);
    if (doc.titleYears.length > 0) out.push(`  title-years ${doc.titleYears.map((y) => `${y.year} ${y.kind}${y.partial ? " (part)" : ""} [${model.text.slice(y.start, y.end)}]`).join(", ")}`);
    if (e.masthead) out.push(`  masthead ${e.masthead.line + 1} ${e.masthead.text}`);
    if (e.docNumber) out.push(`  doc-number ${e.docNumber.line + 1} ${e.docNumber.text}`);
    if (e.addressee) out.push(`  addressee ${e.addressee.line + 1} ${e.addressee.text}`);
    if (e.attachments) {
      out.push(`  attachments ${e.attachments.startLine + 1}-${e.attachments.endLine + 1}`);
      for (const item of e.attachments.items) out.push(`    ${item.line + 1} ${item.number ?? "-"} ${item.name} [${model.text.slice(item.start, item.end)}]`);
    }
    for (const s of e.signature) out.push(`  signature ${s.line + 1} ${s.text}`);
    if (e.date) out.push(`  date ${e.date.line + 1} ${e.date.text} = ${date(e.date.date)}`);
    if (e.attachmentLabel) out.push(`  attachment-label ${e.attachmentLabel.line + 1} ${e.attachmentLabel.text}`);
    if (e.colophon) {
      const c = e.colophon;
      out.push(`  colophon ${c.startLine + 1}-${c.endLine + 1} copy-to ${c.copyTo?.text ?? "-"} | issuer ${c.issuer?.text ?? "-"} | ${c.issueDate ? date(c.issueDate.date) : "-"}`);
    }
  }
  for (const h of model.headings) out.push(`heading ${h.line + 1} section ends ${h.sectionEndLine + 1}`);
  return out;
}

for (const name of readdirSync(DIR).filter((n) => /\.(txt|md|gw)$/.test(n) && !n.includes(".fixed.")).sort()) {
  test(`elements of ${name}`, () => {
    const text = readFileSync(join(DIR, name), "utf8");
    const model = parseDocument({ text, languageId: name.endsWith(".md") ? "markdown" : "plaintext" });
    const actual = describe(model);
    const sidecar = join(DIR, name.replace(/\.\w+$/, ".elements"));
    if (update || !existsSync(sidecar)) writeFileSync(sidecar, actual.join("\n") + "\n");
    assert.deepEqual(actual, readFileSync(sidecar, "utf8").trimEnd().split("\n"));
  });
}

test("each line of an element has its kind; the body's lines keep theirs", () => {
  const model = parseDocument({ text: readFileSync(join(DIR, "full-document.txt"), "utf8") });
  const kinds = model.lines.map((l) => l.kind);
  assert.deepEqual(kinds.slice(0, 6), ["masthead", "doc-number", "markup", "title", "blank", "addressee"]);
  assert.deepEqual(kinds.slice(13, 17), ["blank", "attachment", "attachment", "blank"]);
  assert.deepEqual(kinds.slice(17, 19), ["signature", "date"]);
  assert.deepEqual(kinds.slice(20, 22), ["colophon", "colophon"]);
  // Numbers inside the attachment note are never headings.
  assert.ok(model.headings.every((h) => h.line < 13));
});

test("an element-free document: no elements, the body runs to the last line", () => {
  const model = parseDocument({ text: "区统计局2024年工作计划\n\n一、总体要求\n坚持依法统计。\n" });
  assert.deepEqual(model.documents[0].elements, { signature: [] });
  assert.equal(model.documents[0].bodyEndLine, 3);
});

test("dates: the forms drafts use are read, impossible dates are not", () => {
  assert.deepEqual(parseWholeDate("2024年3月5日"), { year: 2024, month: 3, day: 5, form: "ymd", leadingZeros: false, length: 9 });
  assert.equal(parseWholeDate("2024年03月05日")?.leadingZeros, true);
  assert.deepEqual(parseWholeDate("二〇二四年五月二十日"), { year: 2024, month: 5, day: 20, form: "chinese", leadingZeros: false, length: 10 });
  assert.equal(parseWholeDate("二零二四年十二月三十一日")?.day, 31);
  assert.equal(parseWholeDate("2024.3.5")?.separator, ".");
  assert.equal(parseWholeDate("2024-03-05")?.leadingZeros, true);
  assert.equal(parseWholeDate("2024/3/5")?.form, "numeric");
  assert.equal(parseWholeDate("2023年2月29日"), undefined);
  assert.equal(parseWholeDate("2024年2月29日")?.day, 29);
  assert.equal(parseWholeDate("2024年13月1日"), undefined);
  assert.equal(parseWholeDate("二〇二四年三十二月一日"), undefined);
  assert.equal(parseWholeDate("2024年3月5日印发"), undefined);
  assert.equal(parseDateAt("2024年3月5日印发")?.length, 9);
  assert.equal(parseDateAt("1.2.3.4"), undefined);
  assert.equal(parseDateAt("9".repeat(100000)), undefined);
});
