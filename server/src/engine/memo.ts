// Bounded memo tables for pure per-text work (a paragraph's sketch, a line's matches) that
// rules keep across checks, so an edit recomputes only what it changed. All of them can be
// emptied at once: the benchmark does so to measure a cold first check honestly.

const all = new Set<TextMemo<unknown>>();

/**
 * A copy of `text` that does not keep a larger string alive. A line taken from a document is a
 * slice that references the whole text of that version: kept as a memo key, every edit would pin
 * one more full copy of the document (35 MB after 50 edits of a 1 MB text). Concatenation then
 * slicing makes V8 flatten the text into a string of its own.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

/** Results of a pure function of a string, keyed by that string; two generations bound the size. */
export class TextMemo<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  constructor(private readonly compute: (text: string) => V, private readonly limit = 100_000) {
    all.add(this as TextMemo<unknown>);
  }
  get(text: string): V {
    let value = this.current.get(text);
    if (value === undefined) {
      value = this.previous.get(text);
      if (value === undefined) value = this.compute(text);
      this.current.set(detached(text), value);
      // Entries unused for a whole generation are dropped.
      if (this.current.size > this.limit) {
        this.previous = this.current;
        this.current = new Map();
      }
    }
    return value;
  }
  clear(): void {
    this.current = new Map();
    this.previous = new Map();
  }
}

const others: (() => void)[] = [];

/** Registers another memo (one that is not a TextMemo) to be emptied by clearMemos(). */
export function onClearMemos(clear: () => void): void {
  others.push(clear);
}

/** Empties every memo table (benchmarks and tests of cold behaviour). */
export function clearMemos(): void {
  for (const memo of all) memo.clear();
  for (const clear of others) clear();
}

/**
 * Results of a pure function of a line's text, attached to the line's analysis object (which the
 * per-document line cache shares between all versions in which the line is unchanged). No
 * string keys to copy or to keep alive, and an entry goes when the line cache lets its line go.
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

