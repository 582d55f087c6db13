// Builds benchmark documents: compilations of work plans assembled from the corpus sentences,
// varied (shuffled, recombined) so that duplicate detection has real work, with a few
// deliberate mistakes of every kind the rules look for. Deterministic for a given seed.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same documents. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"];
const UNITS = ["区", "县", "市", "镇", "街道"];
const OFFICES = ["统计局", "司法局", "民政局", "应急管理局", "残联", "审计局", "税务局", "财政局", "农业农村局", "文化旅游局", "卫生健康委", "教育局", "人社局", "生态环境局", "住建局", "交通运输局", "市场监管局", "医保局", "水利局", "科技局"];
const PLACES = ["城关", "东城", "西湖", "南山", "北塘", "青山", "河口", "新桥", "白沙", "长宁", "平安", "永和", "金山", "清水", "桃源", "石门"];
const KINDS = ["工作计划", "工作总结", "工作要点", "实施方案", "工作总结和下一年工作计划"];

/** Sentences and short heading texts from the corpus, markers stripped. */
export function loadCorpus(corpusDir) {
  const sentences = [];
  const headings = [];
  for (const name of readdirSync(corpusDir).sort()) {
    if (!name.endsWith(".txt")) continue;
    for (const raw of readFileSync(join(corpusDir, name), "utf8").split(/\r?\n/)) {
      const line = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "").replace(/^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])/, "");
      if (line.length === 0) continue;
      if (line.length <= 24 && !/[。；，]/.test(line)) {
        if (!/\d{4}年|目录|汇编|\t/.test(line)) headings.push(line);
        continue;
      }
      for (const s of line.split(/(?<=[。！？])/)) {
        const t = s.trim();
        // Placeholders and enumeration words of the corpus would turn into uncontrolled mistakes.
        if (t.length >= 12 && t.length <= 160 && /。$/.test(t) && !/[XＸ×x]{1,}|某某|○|〇〇|[一二三四五六七八九十]是|[一二三四五六七八九十]要|第[一二三四五六七八九十][，、]|[①-⑳]|首先|其次|最后|[（(]\d/.test(t)) sentences.push(t);
      }
    }
  }
  return { sentences: [...new Set(sentences)], headings: [...new Set(headings)] };
}

/**
 * A compilation of plans of about `targetBytes` UTF-8 bytes. Returns the text and what was
 * injected (counts per kind), so a reader can see the findings are not all noise.
 */
export function buildPlanDocument(corpus, targetBytes, seed = 1) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const { sentences, headings } = corpus;
  const injected = { gap: 0, style: 0, enumeration: 0, placeholder: 0, duplicate: 0, nearDuplicate: 0 };
  const earlier = [];
  const paragraph = (min, max) => {
    const n = min + Math.floor(rand() * (max - min + 1));
    let p = "";
    for (let i = 0; i < n; i++) p += pick(sentences);
    return p;
  };
  const docs = [];
  let bytes = 0;
  let docIndex = 0;
  while (bytes < targetBytes) {
    docIndex++;
    const title = `${pick(PLACES)}${pick(UNITS)}${pick(OFFICES)}${2020 + (docIndex % 6)}年${pick(KINDS)}`;
    const out = [title, ""];
    let pre = paragraph(2, 4);
    if (rand() < 0.2) { pre = pre.replace(/^(.{4,20}?)([市区县])/, "$1XX$2"); injected.placeholder++; }
    out.push("　　" + pre);
    const top = 3 + Math.floor(rand() * 3);
    const gapAt = rand() < 0.15 ? 2 + Math.floor(rand() * (top - 1)) : -1;
    let shift = 0;
    sections: for (let a = 1; a <= top; a++) {
      if (a === gapAt) { shift = 1; injected.gap++; }
      out.push(`${CN[a + shift]}、${pick(headings)}`);
      const subs = 2 + Math.floor(rand() * 3);
      const styleAt = rand() < 0.1 ? 2 + Math.floor(rand() * (subs - 1)) : -1;
      for (let b = 1; b <= subs; b++) {
        const paren = b === styleAt ? ["(", ")"] : ["（", "）"];
        if (b === styleAt) injected.style++;
        // Run-in heading: a short heading sentence, then the body.
        out.push(`　　${paren[0]}${CN[b]}${paren[1]}${pick(headings)}。${paragraph(1, 3)}`);
        const items = rand() < 0.5 ? 2 + Math.floor(rand() * 3) : 0;
        for (let c = 1; c <= items; c++) out.push(`　　${c}.${paragraph(1, 3)}`);
        if (rand() < 0.4) {
          const k = 2 + Math.floor(rand() * 3);
          // A repeat from the third item on ("一是……二是……二是"): an item numbered 1 would start a new run.
          const repeatAt = k >= 3 && rand() < 0.3 ? 3 + Math.floor(rand() * (k - 2)) : -1;
          let text = "　　";
          for (let e = 1; e <= k; e++) {
            const v = e === repeatAt ? e - 1 : e;
            if (e === repeatAt) injected.enumeration++;
            text += `${CN[v]}是${pick(sentences)}`;
          }
          out.push(text);
        }
        let body = paragraph(2, 5);
        if (rand() < 0.05 && earlier.length > 0) {
          const source = earlier[Math.floor(rand() * earlier.length)];
          if (rand() < 0.5) { body = source; injected.duplicate++; }
          else {
            // A near duplicate: the same paragraph but for a few characters.
            const at = Math.floor(source.length / 2);
            body = source.slice(0, at) + "进一步" + source.slice(at + 3);
            injected.nearDuplicate++;
          }
        } else earlier.push(body);
        if (earlier.length > 400) earlier.splice(0, 200);
        out.push("　　" + body);
        // A document no bigger than asked for: one plan is about 27 KB, so a 10 KB one ends
        // after the item that reaches the size (then its sign-off), as a short plan would.
        if (bytes + Buffer.byteLength(out.join("\n"), "utf8") >= targetBytes) break sections;
      }
    }
    out.push("", `${pick(PLACES)}${pick(UNITS)}${pick(OFFICES)}`, `${2020 + (docIndex % 6)}年${1 + (docIndex % 12)}月${1 + (docIndex % 28)}日`, "", "");
    const text = out.join("\n");
    docs.push(text);
    bytes += Buffer.byteLength(text, "utf8") + 1;
  }
  return { text: docs.join("\n"), documents: docs.length, injected };
}
