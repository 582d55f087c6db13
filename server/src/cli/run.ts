// Runs the checks of a batch: in this thread for small batches, in worker threads for large
// ones (300 documents / 22 MB take about 2.2 s of CPU in one thread; numbers in the README).

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Rule } from "../engine/rule";
import { checkFile, type CheckRequest, type FileResult } from "./check";
import { checkWordDocument, isWordRequest } from "./word";

export type RuleErrorHandler = (path: string, ruleId: string, message: string) => void;

/** One document: a Word document through the Word reader, any other read as text. Never throws. */
function checkDocument(request: CheckRequest, rules: readonly Rule<object>[], onRuleError: (ruleId: string, error: unknown) => void): Promise<FileResult> {
  return isWordRequest(request) ? checkWordDocument(request, rules, onRuleError) : checkFile(request, rules, onRuleError);
}

/** Below this many documents a worker's start-up (about 60 ms) costs more than it saves. */
const WORKER_THRESHOLD = 40;

interface WorkerReply {
  index: number;
  result: FileResult;
  ruleErrors: Array<[string, string]>;
}

export function workerCount(files: number, jobs: number): number {
  if (jobs > 0) return Math.min(jobs, Math.max(1, files));
  // On two cores, workers measured no faster than one thread (and cost ~40 % more CPU): only
  // machines with more cores get them by default.
  const cores = availableParallelism();
  if (files < WORKER_THRESHOLD || cores < 4) return 1;
  return Math.max(1, Math.min(cores - 1, 8, Math.floor(files / 20)));
}

/** Checks the files with `rules`; a worker thread gets its rules from serveWorker's caller (rules cannot be posted). */
export async function runChecks(requests: readonly CheckRequest[], rules: readonly Rule<object>[], jobs: number, onRuleError: RuleErrorHandler, onProgress: (done: number) => void): Promise<FileResult[]> {
  const count = workerCount(requests.length, jobs);
  return count > 1 ? inWorkers(requests, count, onRuleError, onProgress) : inThisThread(requests, rules, onRuleError, onProgress);
}

async function inThisThread(requests: readonly CheckRequest[], rules: readonly Rule<object>[], onRuleError: RuleErrorHandler, onProgress: (done: number) => void): Promise<FileResult[]> {
  const results = new Array<FileResult>(requests.length);
  let next = 0;
  let done = 0;
  // A few files in flight so reading the next file overlaps with checking this one.
  const lane = async () => {
    while (next < requests.length) {
      const i = next++;
      const request = requests[i];
      results[i] = await checkDocument(request, rules, (ruleId, error) => onRuleError(request.path, ruleId, error instanceof Error ? error.message : String(error)));
      onProgress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, requests.length) }, lane));
  return results;
}

/** Hands files out one at a time to each worker (documents differ a lot in size). */
function inWorkers(requests: readonly CheckRequest[], count: number, onRuleError: RuleErrorHandler, onProgress: (done: number) => void): Promise<FileResult[]> {
  const results = new Array<FileResult>(requests.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    let running = count;
    for (let w = 0; w < count; w++) {
      // The bundle itself is the worker script: main.ts branches on workerData.
      const worker = new Worker(__filename, { workerData: { gongwenWorker: true } });
      let inFlight = 0;
      const feed = () => {
        if (next < requests.length) {
          const index = next++;
          inFlight++;
          worker.postMessage({ index, request: requests[index] });
        } else if (inFlight === 0) void worker.terminate();
      };
      worker.on("message", (reply: WorkerReply) => {
        inFlight--;
        results[reply.index] = reply.result;
        for (const [ruleId, message] of reply.ruleErrors) onRuleError(reply.result.path, ruleId, message);
        onProgress(++done);
        feed();
      });
      worker.on("error", reject);
      worker.on("exit", () => {
        if (--running === 0) {
          // A worker that died leaves holes: those files are reported, not lost.
          for (let i = 0; i < results.length; i++) results[i] ??= { path: requests[i].path, findings: [], fixed: 0, error: "internal error: worker stopped" };
          resolve(results);
        }
      });
      // Two files in flight per worker keep it busy while the reply travels.
      feed();
      feed();
    }
  });
}

/** The worker side: checks each file it is sent with `rules` and posts the result back. */
export function serveWorker(port: { on(event: "message", listener: (m: { index: number; request: CheckRequest }) => void): void; postMessage(m: WorkerReply): void }, rules: readonly Rule<object>[]): void {
  port.on("message", ({ index, request }) => {
    const ruleErrors: Array<[string, string]> = [];
    void checkDocument(request, rules, (ruleId, error) => ruleErrors.push([ruleId, error instanceof Error ? error.message : String(error)])).then((result) => port.postMessage({ index, result, ruleErrors }));
  });
}
