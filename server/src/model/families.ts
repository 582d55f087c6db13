// The families of heading markers and inline enumerations, and their ranks: shared by the model's
// types (document.ts) and the marker scanner (numbering.ts), importing neither.

/** Marker families in GB/T 9704 order, plus the chapter-like and circled forms in use. */
export type MarkerFamily =
  | "chapter" // 第一章 第一部分 第一篇
  | "section" // 第一节
  | "article" // 第一条
  | "cn" // 一、
  | "cn-paren" // （一）
  | "ar" // 1.
  | "ar-paren" // （1）
  | "circled" // ①
  | "decimal"; // 1.1 1.1.1 (outline numbering of 实施方案 and 预案)

/** Rank in the heading hierarchy; a smaller rank is a higher level. */
export const FAMILY_RANK: Record<MarkerFamily, number> = {
  chapter: 0,
  section: 0.5,
  article: 0.75,
  cn: 1,
  "cn-paren": 2,
  ar: 3,
  "ar-paren": 4,
  circled: 5,
  // One level per dot: 1.1 sits where （一） would, 1.1.1 where 1. would (see decimalRank).
  decimal: 1.9,
};

/** The rank of a decimal outline number: 1 + 0.9 per dot, so 1.1 < （一） and 1.1.1 < 1. */
export function decimalRank(dots: number): number {
  return 1 + 0.9 * dots;
}

/** The GB/T 9704 level (1-4) of the four standard families, 0 for others. */
export function standardLevel(family: MarkerFamily): number {
  return family === "cn" ? 1 : family === "cn-paren" ? 2 : family === "ar" ? 3 : family === "ar-paren" ? 4 : 0;
}

/** The families of inline enumerations: 一是, 一要, 第一，, 首先, ①, （1）. */
export type EnumerationFamily = "shi" | "yao" | "di" | "shouxian" | "circled" | "paren";
