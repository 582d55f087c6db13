// --cross-file-duplicates: a paragraph of one file repeated in another file of the batch (this
// year's plan pasted from last year's), reported on the later file with the first as related.

import { findDuplicates, type DuplicateItem } from "../rules/duplicates";
import { severityOf, type LintConfig } from "../engine/lint";
import { findRule } from "../rules";
import type { FileResult, Finding, ParagraphInfo } from "./check";
import { displayPath } from "./format";

const RULE_ID = "duplicate-paragraph";

/** Adds the cross-file findings to `results` (in place); files are compared in batch order. */
export function crossFileDuplicates(results: FileResult[], configFor: (path: string) => { lint: LintConfig }, cwd: string): number {
  const rule = findRule(RULE_ID);
  if (!rule) return 0;
  const items: DuplicateItem[] = [];
  const where: Array<{ file: number; paragraph: ParagraphInfo }> = [];
  results.forEach((r, file) => {
    for (const paragraph of r.paragraphs ?? []) {
      items.push({ source: file, text: paragraph.normalized, length: paragraph.length });
      where.push({ file, paragraph });
    }
  });
  if (results.length < 2 || items.length === 0) return 0;
  // The batch shares one set of thresholds: those of the first file's configuration.
  const options = configFor(results[0].path).lint.rules?.[RULE_ID]?.options as { minLength?: number; similarity?: number } | undefined;
  let added = 0;
  const touched = new Set<number>();
  for (const m of findDuplicates(items, options)) {
    const later = where[m.item];
    const first = where[m.first];
    // Repeats inside one file are the rule's own findings already.
    if (later.file === first.file) continue;
    const severity = severityOf(rule, configFor(results[later.file].path).lint.rules?.[RULE_ID]);
    if (severity === "off") continue;
    const firstPath = displayPath(results[first.file].path, cwd);
    const line = first.paragraph.start.line;
    const percent = Math.floor(m.similarity * 100);
    // A Word document's places are paragraphs: "第12段", "paragraph 12".
    const firstInWord = results[first.file].unit === "paragraph";
    const place = firstInWord ? { zh: `第${line}段`, en: `paragraph ${line}` } : { zh: `第${line}行的段落`, en: `line ${line}` };
    const finding: Finding = {
      ruleId: RULE_ID,
      severity,
      message: m.exact
        ? { zh: `段落与其他文件重复：与 ${firstPath} ${place.zh}相同`, en: `Paragraph repeated from another file: same as ${firstPath} ${place.en}` }
        : { zh: `段落与其他文件近似重复：与 ${firstPath} ${place.zh}相似度${percent}%`, en: `Paragraph nearly repeated from another file: ${percent}% similar to ${firstPath} ${place.en}` },
      start: later.paragraph.start,
      end: later.paragraph.end,
      excerpt: later.paragraph.excerpt,
      fixable: false,
      related: [
        {
          path: results[first.file].path,
          start: first.paragraph.start,
          end: first.paragraph.end,
          message: { zh: "首次出现", en: "First occurrence" },
          ...(firstInWord ? { unit: "paragraph" as const, excerpt: first.paragraph.excerpt } : {}),
        },
      ],
    };
    results[later.file].findings.push(finding);
    touched.add(later.file);
    added++;
  }
  for (const file of touched) results[file].findings.sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column || a.ruleId.localeCompare(b.ruleId));
  return added;
}
