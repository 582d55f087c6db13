// Runs a user-supplied regular expression under a deadline. A JavaScript regex cannot be
// interrupted once it starts backtracking, but a worker thread can be terminated: so user
// patterns run in a worker while this thread waits (synchronously, rules are synchronous)
// for at most the deadline, and a pattern that overruns is reported instead of hanging.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

export interface BoundedOptions {
  /** Each text is matched in windows of this many UTF-16 units, overlapping by `overlap`. */
  window: number;
  overlap: number;
  /** Stop after this many matches over all texts. */
  maxHits: number;
  timeoutMs: number;
}

export interface BoundedResult {
  /** Per text: match ranges as [start, end] offsets into that text. */
  hits: Array<Array<[number, number]>>;
  timedOut: boolean;
  /** The pattern failed to compile or threw in the worker. */
  error?: string;
}

interface Job {
  id: number;
  source: string;
  flags: string;
  texts: string[];
  window: number;
  overlap: number;
  maxHits: number;
}

/**
 * The worker's matching loop, kept free of imports so its source can be shipped to the worker
 * as text (the bundle has no separate worker file).
 */
function matchTexts(job: Job): { hits: Array<Array<[number, number]>>; error?: string } {
  const hits: Array<Array<[number, number]>> = [];
  let re: RegExp;
  try {
    re = new RegExp(job.source, job.flags.includes("g") ? job.flags : job.flags + "g");
  } catch (e) {
    return { hits: job.texts.map(() => []), error: String(e) };
  }
  let total = 0;
  for (const text of job.texts) {
    const found: Array<[number, number]> = [];
    hits.push(found);
    if (total > job.maxHits) continue;
    const step = Math.max(1, job.window - job.overlap);
    for (let from = 0; from < text.length; from += step) {
      const slice = text.slice(from, from + job.window);
      const last = from + job.window >= text.length;
      re.lastIndex = 0;
      for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        // Matches starting in the overlap belong to the next window.
        if (!last && m.index >= step) break;
        found.push([from + m.index, from + m.index + m[0].length]);
        if (++total > job.maxHits) break;
      }
      if (last || total > job.maxHits) break;
    }
  }
  return { hits };
}

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const flag = new Int32Array(workerData.shared);
Atomics.store(flag, 1, 1);
Atomics.notify(flag, 1);
const matchTexts = ${matchTexts.toString()};
workerData.port.on("message", (job) => {
  let result;
  try { result = matchTexts(job); } catch (e) { result = { hits: job.texts.map(() => []), error: String(e) }; }
  workerData.port.postMessage({ id: job.id, hits: result.hits, error: result.error });
  Atomics.store(flag, 0, job.id);
  Atomics.notify(flag, 0);
});
`;

interface Runner {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
  nextId: number;
}

let runner: Runner | undefined;
/** How long a worker may take to start before user patterns are given up. */
const STARTUP_MS = 15_000;

function start(): Runner {
  // [0]: the id of the last job answered; [1]: 1 once the worker runs.
  const shared = new SharedArrayBuffer(8);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared, port: port2 }, transferList: [port2] });
  // Neither the worker nor its port may keep a CLI process alive.
  worker.unref();
  port1.unref();
  worker.on("error", () => stop());
  return { worker, port: port1, flag: new Int32Array(shared), nextId: 1 };
}

function stop(): void {
  if (!runner) return;
  const r = runner;
  runner = undefined;
  r.port.close();
  void r.worker.terminate();
}

/**
 * Matches `source` against every text, in windows, within `timeoutMs` (the worker's start-up
 * is not counted). On timeout the worker is terminated and `timedOut` is set; the caller should stop
 * using the pattern.
 */
export function matchAllBounded(source: string, flags: string, texts: string[], options: BoundedOptions): BoundedResult {
  if (texts.length === 0) return { hits: [], timedOut: false };
  if (!runner) runner = start();
  const r = runner;
  // A thread starting on a busy machine can take longer than a pattern's whole budget: the
  // deadline counts matching only (a worker that never starts is given up after STARTUP_MS).
  if (Atomics.load(r.flag, 1) === 0 && Atomics.wait(r.flag, 1, 0, STARTUP_MS) === "timed-out") {
    stop();
    return { hits: texts.map(() => []), timedOut: true };
  }
  const id = r.nextId;
  r.nextId = (r.nextId % 0x3fffffff) + 1;
  Atomics.store(r.flag, 0, 0);
  r.port.postMessage({ id, source, flags, texts, window: options.window, overlap: options.overlap, maxHits: options.maxHits } satisfies Job);
  const deadline = Date.now() + options.timeoutMs;
  for (let left = options.timeoutMs; left > 0; left = deadline - Date.now()) {
    // Sleeps until the worker raises the flag (or the time is up), then collects the reply.
    if (Atomics.load(r.flag, 0) === 0) Atomics.wait(r.flag, 0, 0, left);
    for (let message = receiveMessageOnPort(r.port); message; message = receiveMessageOnPort(r.port)) {
      const reply = message.message as { id: number; hits: Array<Array<[number, number]>>; error?: string };
      if (reply.id === id) return { hits: reply.hits, timedOut: false, error: reply.error };
    }
    // Flag raised, reply not delivered yet: give the port a millisecond.
    if (Atomics.load(r.flag, 0) !== 0) Atomics.wait(r.flag, 0, Atomics.load(r.flag, 0), 1);
  }
  stop();
  return { hits: texts.map(() => []), timedOut: true };
}

/** Ends the worker (tests and shutdown); the next call starts a new one. */
export function stopBoundedRegexWorker(): void {
  stop();
}
