// Word's automatic numbering: the definitions of numbering.xml (abstract lists and their
// levels, list instances with their overrides), the numbering paragraph styles carry in
// styles.xml, and the counters that turn a numbered paragraph into the text Word shows
// ("一、", "（二）", "3.", "第四章").

import { bulletText, formatNumber } from "./formats";
import { Token, XmlScanner, prefixFor, WORDML_NAMESPACES, type XmlSource } from "./xml";

export interface Level {
  start?: number;
  numFmt?: string;
  /** w:numFmt/@w:format of a custom format. */
  customFormat?: string;
  lvlText?: string;
  /** 1-based level after whose use this level starts again; 0: never. Absent: after any higher level. */
  restart?: number;
  isLgl?: boolean;
  suff?: string;
  pStyle?: string;
}

interface AbstractNum {
  levels: Array<Level | undefined>;
  /** w:numStyleLink: the list is defined by the numbering style of this id. */
  numStyleLink?: string;
}

interface Num {
  abstractNumId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

export interface NumPr {
  numId?: string;
  ilvl?: number;
}

interface Style {
  basedOn?: string;
  numPr?: NumPr;
}

export interface Styles {
  paragraph: Map<string, Style>;
  /** Numbering styles (w:type="numbering"): their numId, for w:numStyleLink. */
  numbering: Map<string, Style>;
  defaultParagraph?: string;
}

export interface NumberingDefinitions {
  abstracts: Map<string, AbstractNum>;
  nums: Map<string, Num>;
}

const MAX_LEVELS = 9;

function intAttr(scanner: XmlScanner, name: string): number | undefined {
  const v = scanner.attr(name);
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

function onOff(scanner: XmlScanner, name: string): boolean {
  const v = scanner.attr(name);
  return v === undefined || !(v === "0" || v === "false" || v === "off");
}

/** Reads a w:lvl element's children (the scanner stands on its Open token). */
function readLevel(scanner: XmlScanner, w: string): Level {
  const level: Level = {};
  if (scanner.selfClosing) return level;
  const depth = scanner.depth;
  const val = w + "val";
  for (;;) {
    const t = scanner.next();
    if (t === Token.Close && scanner.depth === depth) return level;
    if (t !== Token.Open) continue;
    if (scanner.depth !== depth + 1) {
      scanner.skipElement();
      continue;
    }
    switch (scanner.name.slice(w.length)) {
      case "start":
        level.start = intAttr(scanner, val);
        break;
      case "numFmt":
        level.numFmt = scanner.attr(val);
        level.customFormat = scanner.attr(w + "format");
        break;
      case "lvlText":
        level.lvlText = scanner.attr(val) ?? "";
        break;
      case "lvlRestart":
        level.restart = intAttr(scanner, val);
        break;
      case "isLgl":
        level.isLgl = onOff(scanner, val);
        break;
      case "suff":
        level.suff = scanner.attr(val);
        break;
      case "pStyle":
        level.pStyle = scanner.attr(val);
        break;
    }
    scanner.skipElement();
  }
}

export function readNumbering(xml: string | XmlSource): NumberingDefinitions {
  const abstracts = new Map<string, AbstractNum>();
  const nums = new Map<string, Num>();
  const scanner = new XmlScanner(xml);
  let w = "w:";
  let abstract: AbstractNum | undefined;
  let num: Num | undefined;
  let overrideLevel: number | undefined;
  for (let t = scanner.next(); t !== Token.End; t = scanner.next()) {
    if (t !== Token.Open) continue;
    if (scanner.depth === 1) {
      w = prefixFor(scanner, WORDML_NAMESPACES, "w:");
      continue;
    }
    const local = scanner.name.startsWith(w) ? scanner.name.slice(w.length) : "";
    if (scanner.depth === 2) {
      abstract = undefined;
      num = undefined;
      if (local === "abstractNum") {
        abstract = { levels: [] };
        const id = scanner.attr(w + "abstractNumId");
        if (id !== undefined && !abstracts.has(id)) abstracts.set(id, abstract);
      } else if (local === "num") {
        num = { abstractNumId: "", overrides: new Map() };
        const id = scanner.attr(w + "numId");
        if (id !== undefined && !nums.has(id)) nums.set(id, num);
      } else scanner.skipElement();
      continue;
    }
    if (abstract && scanner.depth === 3) {
      if (local === "lvl") {
        const ilvl = intAttr(scanner, w + "ilvl") ?? 0;
        const level = readLevel(scanner, w);
        if (ilvl >= 0 && ilvl < MAX_LEVELS) abstract.levels[ilvl] = level;
        continue;
      }
      if (local === "numStyleLink") abstract.numStyleLink = scanner.attr(w + "val");
      scanner.skipElement();
      continue;
    }
    if (num) {
      if (scanner.depth === 3 && local === "abstractNumId") num.abstractNumId = scanner.attr(w + "val") ?? "";
      else if (scanner.depth === 3 && local === "lvlOverride") {
        overrideLevel = intAttr(scanner, w + "ilvl") ?? 0;
        if (!scanner.selfClosing && overrideLevel >= 0 && overrideLevel < MAX_LEVELS) continue;
      } else if (scanner.depth === 4 && overrideLevel !== undefined) {
        const override = num.overrides.get(overrideLevel) ?? {};
        num.overrides.set(overrideLevel, override);
        if (local === "startOverride") override.start = intAttr(scanner, w + "val");
        else if (local === "lvl") {
          override.level = readLevel(scanner, w);
          continue;
        }
      }
      scanner.skipElement();
      continue;
    }
    scanner.skipElement();
  }
  return { abstracts, nums };
}

/** Reads a w:numPr (the scanner stands on its Open token). */
export function readNumPr(scanner: XmlScanner, w: string): NumPr {
  const numPr: NumPr = {};
  if (scanner.selfClosing) return numPr;
  const depth = scanner.depth;
  for (;;) {
    const t = scanner.next();
    if (t === Token.Close && scanner.depth === depth) return numPr;
    if (t !== Token.Open) continue;
    if (scanner.depth === depth + 1 && scanner.name === w + "numId") numPr.numId = scanner.attr(w + "val");
    else if (scanner.depth === depth + 1 && scanner.name === w + "ilvl") numPr.ilvl = intAttr(scanner, w + "val");
    scanner.skipElement();
  }
}

export function readStyles(xml: string | XmlSource): Styles {
  const styles: Styles = { paragraph: new Map(), numbering: new Map() };
  const scanner = new XmlScanner(xml);
  let w = "w:";
  let style: Style | undefined;
  for (let t = scanner.next(); t !== Token.End; t = scanner.next()) {
    if (t !== Token.Open) continue;
    if (scanner.depth === 1) {
      w = prefixFor(scanner, WORDML_NAMESPACES, "w:");
      continue;
    }
    if (scanner.depth === 2) {
      style = undefined;
      if (scanner.name !== w + "style") {
        scanner.skipElement();
        continue;
      }
      const type = scanner.attr(w + "type");
      const id = scanner.attr(w + "styleId");
      if (id === undefined || (type !== "paragraph" && type !== "numbering")) {
        scanner.skipElement();
        continue;
      }
      style = {};
      const table = type === "paragraph" ? styles.paragraph : styles.numbering;
      if (!table.has(id)) table.set(id, style);
      if (type === "paragraph" && onOff(scanner, w + "default") && scanner.attr(w + "default") !== undefined) styles.defaultParagraph ??= id;
      continue;
    }
    if (style && scanner.depth === 3 && scanner.name === w + "basedOn") style.basedOn = scanner.attr(w + "val");
    else if (style && scanner.depth === 3 && scanner.name === w + "pPr") continue;
    else if (style && scanner.depth === 4 && scanner.name === w + "numPr") {
      style.numPr = readNumPr(scanner, w);
      continue;
    }
    scanner.skipElement();
  }
  return styles;
}

/** A paragraph style's numbering, inherited through w:basedOn (numId and ilvl separately). */
export function styleNumPr(styles: Styles | undefined, styleId: string | undefined): NumPr | undefined {
  if (!styles || styleId === undefined) return undefined;
  let numId: string | undefined;
  let ilvl: number | undefined;
  let id: string | undefined = styleId;
  for (let hops = 0; id !== undefined && hops < 32; hops++) {
    const style = styles.paragraph.get(id);
    if (!style) break;
    numId ??= style.numPr?.numId;
    ilvl ??= style.numPr?.ilvl;
    if (numId !== undefined && ilvl !== undefined) break;
    id = style.basedOn;
  }
  return numId === undefined && ilvl === undefined ? undefined : { numId, ilvl };
}

/** Counters of every list in the document, advanced paragraph by paragraph in reading order. */
export class NumberingState {
  private readonly counters = new Map<string | AbstractNum, Array<number | undefined>>();

  constructor(
    private readonly definitions: NumberingDefinitions,
    private readonly styles?: Styles,
  ) {}

  /** The abstract list of a num, following a w:numStyleLink to the style's own list. */
  private abstractOf(num: Num): AbstractNum | undefined {
    let abstract = this.definitions.abstracts.get(num.abstractNumId);
    for (let hops = 0; abstract?.numStyleLink !== undefined && hops < 8; hops++) {
      const linked = this.styles?.numbering.get(abstract.numStyleLink)?.numPr?.numId;
      const target = linked === undefined ? undefined : this.definitions.nums.get(linked);
      const next = target ? this.definitions.abstracts.get(target.abstractNumId) : undefined;
      if (!next || next === abstract) break;
      abstract = next;
    }
    return abstract;
  }

  /** The level a style-numbered paragraph without w:ilvl is at: the level naming its style. */
  levelOfStyle(numId: string, styleId: string | undefined): number {
    const num = this.definitions.nums.get(numId);
    const abstract = num && this.abstractOf(num);
    if (!abstract || styleId === undefined) return 0;
    const index = abstract.levels.findIndex((l) => l?.pStyle === styleId);
    return index >= 0 ? index : 0;
  }

  /**
   * Advances the list of `numId` at level `ilvl` and returns the label Word shows before the
   * paragraph's text, its separator (tab, space or nothing) included; undefined when the
   * paragraph is not numbered after all (numId 0, or a list that is not defined).
   */
  next(numId: string, ilvl: number): string | undefined {
    if (numId === "0") return undefined;
    const num = this.definitions.nums.get(numId);
    const abstract = num && this.abstractOf(num);
    if (!num || !abstract) return undefined;
    const level = Math.max(0, Math.min(MAX_LEVELS - 1, ilvl));
    const levelOf = (k: number): Level | undefined => num.overrides.get(k)?.level ?? abstract.levels[k];
    const startOf = (k: number): number => num.overrides.get(k)?.start ?? levelOf(k)?.start ?? 0;
    // A list instance with overrides ("restart numbering") counts on its own; the others of one
    // abstract list (reached directly or through a list style) share their counters, as Word
    // continues them.
    const key = num.overrides.size > 0 ? `n${numId}` : abstract;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = new Array<number | undefined>(MAX_LEVELS).fill(undefined);
      this.counters.set(key, counters);
    }
    const current = counters[level];
    counters[level] = current === undefined ? startOf(level) : current + 1;
    for (let k = level + 1; k < MAX_LEVELS; k++) {
      const restart = levelOf(k)?.restart;
      if (restart === undefined || (restart !== 0 && level < restart)) counters[k] = undefined;
    }
    const definition = levelOf(level);
    if (!definition) return undefined;
    const format = definition.numFmt ?? "decimal";
    const lvlText = definition.lvlText ?? "";
    let label: string;
    if (format === "bullet") label = bulletText(lvlText);
    else {
      label = lvlText.replace(/%([1-9])/g, (_, digit: string) => {
        const k = Number(digit) - 1;
        const value = counters[k] ?? startOf(k);
        const kLevel = levelOf(k);
        const kFormat = definition.isLgl ? "decimal" : (kLevel?.numFmt ?? "decimal");
        return kFormat === "bullet" ? "" : formatNumber(value, kFormat, kLevel?.customFormat);
      });
    }
    if (label === "") return "";
    const suff = definition.suff ?? "tab";
    return label + (suff === "nothing" ? "" : suff === "space" ? " " : "\t");
  }
}
