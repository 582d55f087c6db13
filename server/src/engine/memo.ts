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

/**
 * Results of a pure function of a line's text, attached to the line's analysis object (which the
 * per-document line cache shares between all versions in which the line is unchanged). No
 * string keys: a line is a slice that keeps its whole version's text alive, so keys taken from
 * lines would pin every version ever seen. An entry goes when the line cache lets its line go.
 */
export class LineMemo<V> {
  private map = new WeakMap<object, V>();
  constructor(private readonly compute: (text: string) => V) {
    onClearMemos(() => (this.map = new WeakMap()));
  }
  get(line: { text: string; facts: object }): V {
    let value = this.map.get(line.facts);
    if (value === undefined) {
      value = this.compute(line.text);
      this.map.set(line.facts, value);
    }
    return value;
  }
}
