// Gives memory back once a burst of work is over.
//
// A check of a 10 MB document, its 15 000 diagnostics and a few outline requests allocate
// hundreds of megabytes that die within the burst, while what stays live is ~70 MB (the text, the
// model, the duplicate detector's tables). V8 collects the old generation when it reaches a limit
// set at the previous collection (2–4 × what was live then), not when the program goes idle: a
// server that has just answered sits on that garbage indefinitely (measured: 300 MB resident,
// 72 MB live, unchanged after 16 s idle, with `scripts/mem-probe.mjs`). An editor holds several
// documents and leaves the server idle most of the time, so the server runs one full collection
// when it has been idle for a moment after allocating a lot — the pause (~30–60 ms at ~70 MB live)
// falls where nobody waits, and nothing is collected while edits keep coming.

import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { constants, PerformanceObserver } from "node:perf_hooks";

/** Idle time after the last piece of work before collecting (edits and requests re-arm it). */
const IDLE_MS = 300;
/**
 * Collect only when the heap grew this much since the last full collection (work on small
 * documents never does) and by half of what was live then: a full collection costs in proportion
 * to the live heap, so with several big documents open it runs no more often per byte of garbage.
 */
const MIN_GROWTH_BYTES = 48 * 1024 * 1024;
const MIN_GROWTH_OF_LIVE = 0.5;

type Collect = () => void;

/**
 * V8's full collection: `gc` when node runs with --expose-gc, otherwise the same function taken
 * from a fresh context with the flag set for that moment only. Undefined if the runtime refuses.
 */
function fullCollection(): Collect | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === "function") return exposed as Collect;
  try {
    setFlagsFromString("--expose-gc");
    const collect = runInNewContext("gc") as unknown;
    return typeof collect === "function" ? (collect as Collect) : undefined;
  } catch {
    return undefined;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}

/**
 * Old-generation memory V8 holds but does not use. Its own full collections free objects but may
 * keep the pages (a bench reading: 360 MB resident after one, with the heap's use back under
 * 100 MB); a forced collection gives them back.
 */
function slackBytes(): number {
  let slack = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === "old_space" || space.space_name === "large_object_space") slack += space.space_size - space.space_used_size;
  }
  return slack;
}

function heapBytes(): number {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  /** Checks under way: a sliced check of a big document lets timers run between its slices. */
  private running = 0;
  private readonly observer: PerformanceObserver | undefined;
  private readonly collect: Collect | undefined;
  private readonly idleMs: number;
  private readonly minGrowth: number;
  private readonly heapBytes: () => number;
  private readonly slackBytes: () => number;
  /** Unused old-generation memory right after the last collection of ours (what V8 keeps anyway). */
  private slackAfterCollect = 0;
  /** Heap (JS objects + array buffers) right after the last full collection: roughly what is live. */
  private baseline: number;

  /** The options are for tests; the server uses the defaults. */
  constructor(options: { collect?: Collect; idleMs?: number; minGrowth?: number; heapBytes?: () => number; slackBytes?: () => number } = {}) {
    this.collect = "collect" in options ? options.collect : fullCollection();
    this.idleMs = options.idleMs ?? IDLE_MS;
    this.minGrowth = options.minGrowth ?? MIN_GROWTH_BYTES;
    this.heapBytes = options.heapBytes ?? heapBytes;
    this.slackBytes = options.slackBytes ?? slackBytes;
    this.baseline = this.heapBytes();
    if (this.collect === undefined) return;
    // V8's own full collections count too: no second one right after them.
    this.observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) this.baseline = this.heapBytes();
    });
    this.observer.observe({ entryTypes: ["gc"] });
  }

  /**
   * Called after each piece of work (a published check, an answered request, a closed document).
   * `releasedBytes`: memory the work let go of (a closed document's text and model), counted as
   * growth — closing a big document frees much without the heap having grown.
   */
  noteWork(releasedBytes = 0): void {
    if (this.collect === undefined) return;
    this.baseline -= releasedBytes;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onIdle(), this.idleMs);
    // An idle server must still be able to exit.
    this.timer.unref();
  }

  /** Marks a piece of work that spans turns of the event loop; call the result when it ends. */
  begin(): () => void {
    this.running++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running--;
      this.noteWork();
    };
  }

  private onIdle(): void {
    this.timer = undefined;
    if (this.running > 0 || this.collect === undefined) return;
    const grew = this.heapBytes() - this.baseline >= Math.max(this.minGrowth, this.baseline * MIN_GROWTH_OF_LIVE);
    // Or V8 collected on its own during the burst (the growth then counts from there) and kept
    // the freed pages: resident memory stays high for nothing.
    const kept = this.slackBytes() - this.slackAfterCollect >= this.minGrowth;
    if (!grew && !kept) return;
    this.collect();
    this.baseline = this.heapBytes();
    this.slackAfterCollect = this.slackBytes();
  }

  dispose(): void {
    this.observer?.disconnect();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
