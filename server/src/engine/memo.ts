// Memo tables for pure per-text work (a paragraph's fingerprint, a line's matches) that rules
// keep across checks, so an edit recomputes only what it changed. All of them can be emptied at
// once: the benchmark does so to measure a cold first check honestly.

const clears: (() => void)[] = [];

/** Registers a memo's way of emptying itself with clearMemos(). */
export function onClearMemos(clear: () => void): void {
  clears.push(clear);
}

/** Empties every memo table (benchmarks and tests of cold behaviour). */
export function clearMemos(): void {
  for (const clear of clears) clear();
}

const lineMemos: LineMemo<unknown>[] = [];

/**
 * Drops what the line memos keep for a document (its last version's line analyses and values):
 * for a server to call when the document closes, else they stay until MAX_DOCUMENTS others
 * have been checked.
 */
export function forgetDocumentMemos(uri: string): void {
  for (const memo of lineMemos) memo.forget(uri);
  for (const forget of forgets) forget(uri);
}

const forgets: ((uri: string) => void)[] = [];

/** Registers what a memo not kept per document (e.g. one keyed by text) lets go of when a document closes. */
export function onForgetDocument(forget: (uri: string) => void): void {
  forgets.push(forget);
}

interface MemoLine {
  facts: object;
}

/** One version's values, by line index, with the line analyses (facts) they were computed for. */
interface Generation<V> {
  facts: object[];
  values: (V | undefined)[];
}

/** Documents whose last version's values are kept (the server's open documents, a CLI's workers). */
const MAX_DOCUMENTS = 4;

/**
 * Results of a pure function of a line's text, kept per document from one version to the next.
 * A line's analysis object (facts) is the identity of its text: the per-document line cache
 * hands out the same object for the same text in every version. A new version takes over the
 * values of the unchanged lines before and after the edited stretch by comparing facts in
 * place (a pointer comparison per line, no hashing); lines inside the stretch are looked up
 * by facts in the previous version's stretch, so an edit recomputes only the lines it changed.
 * No string keys and no Line objects are kept: a line's text is a slice that keeps its whole
 * version's text alive.
 */
export class LineMemo<V> {
  private documents = new Map<string, Generation<V>>();
  constructor() {
    onClearMemos(() => this.documents.clear());
    lineMemos.push(this);
  }

  forget(uri: string): void {
    this.documents.delete(uri);
  }

  /** The table for this version of a document, carrying over what the previous version computed. */
  table(uri: string, lines: readonly MemoLine[]): LineTable<V> {
    const previous = this.documents.get(uri);
    const n = lines.length;
    const facts = new Array<object>(n);
    const values = new Array<V | undefined>(n).fill(undefined);
    for (let i = 0; i < n; i++) facts[i] = lines[i].facts;
    let middle: Generation<V> | undefined;
    let from = 0;
    let to = n;
    if (previous !== undefined) {
      const m = previous.facts.length;
      while (from < n && from < m && facts[from] === previous.facts[from]) {
        values[from] = previous.values[from];
        from++;
      }
      let tail = 0;
      while (tail < n - from && tail < m - from && facts[n - 1 - tail] === previous.facts[m - 1 - tail]) {
        values[n - 1 - tail] = previous.values[m - 1 - tail];
        tail++;
      }
      to = n - tail;
      if (from < to && from < m - tail) middle = { facts: previous.facts.slice(from, m - tail), values: previous.values.slice(from, m - tail) };
    }
    const generation = { facts, values };
    // Most recently checked last: the oldest document is forgotten first.
    this.documents.delete(uri);
    this.documents.set(uri, generation);
    if (this.documents.size > MAX_DOCUMENTS) this.documents.delete(this.documents.keys().next().value as string);
    return new LineTable(generation, from, to, middle);
  }
}

/** A version's values by line index (see LineMemo.table). */
export class LineTable<V> {
  private byFacts: Map<object, V> | undefined;
  constructor(
    private readonly generation: Generation<V>,
    private readonly changedFrom: number,
    private readonly changedTo: number,
    private middle: Generation<V> | undefined,
  ) {}

  /** The value of line `index`, or undefined when it has to be computed (then set() it). */
  get(index: number): V | undefined {
    const value = this.generation.values[index];
    if (value !== undefined || this.middle === undefined || index < this.changedFrom || index >= this.changedTo) return value;
    // Inside the edited stretch: a line may have moved (lines inserted or removed above it).
    if (this.byFacts === undefined) {
      this.byFacts = new Map();
      const { facts, values } = this.middle;
      for (let k = 0; k < facts.length; k++) {
        const v = values[k];
        if (v !== undefined) this.byFacts.set(facts[k], v);
      }
      this.middle = { facts: [], values: [] };
    }
    const moved = this.byFacts.get(this.generation.facts[index]);
    if (moved !== undefined) this.generation.values[index] = moved;
    return moved;
  }

  set(index: number, value: V): void {
    this.generation.values[index] = value;
  }
}

/**
 * A value derived from a model once and shared by the rules of one check (they run one after the
 * other on the same model). Only the last model's value is kept, by a plain reference. Not a
 * WeakMap keyed by the model: V8's young-generation collections treat an entry whose key is
 * young as live (only a full collection clears it), so such a table kept every version checked
 * since the last full collection — at 10 KB each young collection copied and promoted 1.4 MB of
 * old models instead of ~70 KB (docs/benchmark.md, "Typical documents").
 */
export function perModel<K extends { uri: string }, T>(compute: (model: K) => T): (model: K) => T {
  let lastModel: K | undefined;
  let lastValue: T | undefined;
  const drop = () => {
    lastModel = undefined;
    lastValue = undefined;
  };
  onClearMemos(drop);
  // A closed document's model must not stay behind in this slot.
  onForgetDocument((uri) => {
    if (lastModel?.uri === uri) drop();
  });
  return (model) => {
    if (model !== lastModel) {
      // Cleared first: a compute that throws leaves no stale pair behind.
      drop();
      lastValue = compute(model);
      lastModel = model;
    }
    return lastValue as T;
  };
}
