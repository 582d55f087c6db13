// numbering-hierarchy: a higher level nested under a lower one, or a jump of two or more levels.

import { FAMILY_RANK, standardLevel, type Heading } from "../model/document";
import { defineRule } from "../engine/rule";

export default defineRule({
  id: "numbering-hierarchy",
  meta: {
    name: { zh: "标题层级", en: "heading level order" },
    description: { zh: "标题层级应按“一、（一）1.（1）”的次序逐级嵌套", en: "Heading levels nest in the order 一、（一）1.（1）" },
    severity: "warning",
    fixable: false,
    tags: ["numbering"],
  },
  defaultOptions: {
    /** Allow skipping one level (一、 directly followed by 1.), as many real documents do. */
    allowSkip: true,
  },
  check(model, context) {
    // The deepest heading seen so far under each parent (by the parent's index).
    const deeperSeen = new Array<Heading | undefined>(model.headings.length);
    const reported = new Set<string>();
    const markerText = (h: Heading) => model.text.slice(h.marker.start, h.marker.end);
    for (const h of model.headings) {
      const level = standardLevel(h.family);
      if (level === 0) continue;
      const parent = h.parent >= 0 ? model.headings[h.parent] : undefined;
      if (parent && standardLevel(parent.family) > 0 && FAMILY_RANK[h.family] > FAMILY_RANK[parent.family]) {
        const jump = standardLevel(h.family) - standardLevel(parent.family);
        // Keys and texts only for what is about to be reported: most headings nest properly.
        if (jump >= 3 || (jump === 2 && !context.options.allowSkip)) {
          const jumpKey = `jump|${parent.index}|${h.family}`;
          if (!reported.has(jumpKey)) {
            reported.add(jumpKey);
            const skipped = jump - 1;
            const text = markerText(h);
            const parentText = markerText(parent);
            context.report({
              start: h.marker.start,
              end: h.marker.end,
              message: {
                zh: `标题层级跳跃：“${text}”直接位于“${parentText}”之下，跳过了${skipped === 1 ? "一" : skipped === 2 ? "两" : String(skipped)}级`,
                en: `Heading level jump: "${text}" sits directly under "${parentText}", skipping ${skipped} level${skipped > 1 ? "s" : ""}`,
              },
            });
          }
        }
      }
      // A higher level after deeper items of the same section: those items lack their parent.
      if (parent) {
        const earlier = deeperSeen[parent.index];
        if (earlier && FAMILY_RANK[earlier.family] > FAMILY_RANK[h.family] && standardLevel(earlier.family) > 0) {
          const key = `${parent.index}|${h.family}`;
          if (!reported.has(key)) {
            reported.add(key);
            const text = markerText(h);
            const earlierText = markerText(earlier);
            context.report({
              start: h.marker.start,
              end: h.marker.end,
              message: {
                zh: `标题层级颠倒：“${text}”出现在同一节的下级序号“${earlierText}”之后`,
                en: `Heading levels reversed: "${text}" comes after the lower-level "${earlierText}" in the same section`,
              },
            });
          }
        }
        if (!earlier || FAMILY_RANK[h.family] > FAMILY_RANK[earlier.family]) deeperSeen[parent.index] = h;
      }
    }
  },
});
