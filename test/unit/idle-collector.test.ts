// The server's idle full collection (server/src/lsp/memory.ts): when it runs and when it must not.
// A fake heap figure and a counting collect function; no timing is asserted, only what happened
// once the idle delay has passed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { IdleCollector } from "../../server/src/lsp/memory";

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(start: number) {
  let heap = start;
  let slack = 0;
  let collections = 0;
  const collector = new IdleCollector({
    idleMs: 5,
    minGrowth: 48 * MB,
    heapBytes: () => heap,
    slackBytes: () => slack,
    collect: () => {
      collections++;
      heap = start;
      slack = 4 * MB;
    },
  });
  return {
    collector,
    grow: (bytes: number) => (heap += bytes),
    // V8's own collection: the heap's use falls back, the pages stay.
    ownCollection: () => {
      slack += heap - start;
      heap = start;
    },
    collections: () => collections,
  };
}

test("collects once idle after the heap grew a lot, and only once", async () => {
  const s = setup(60 * MB);
  s.grow(100 * MB);
  s.collector.noteWork();
  await sleep(40);
  assert.equal(s.collections(), 1);
  s.collector.noteWork();
  await sleep(40);
  assert.equal(s.collections(), 1, "nothing grew since");
  s.collector.dispose();
});

test("does not collect after little growth, or while a check is under way", async () => {
  const s = setup(60 * MB);
  s.grow(20 * MB);
  s.collector.noteWork();
  await sleep(40);
  assert.equal(s.collections(), 0, "20 MB of growth");
  s.grow(200 * MB);
  const end = s.collector.begin();
  s.collector.noteWork();
  await sleep(40);
  assert.equal(s.collections(), 0, "a check is running");
  end();
  await sleep(40);
  assert.equal(s.collections(), 1, "idle after the check");
  s.collector.dispose();
});

test("a closed document's memory counts as growth", async () => {
  const s = setup(200 * MB);
  s.collector.noteWork(120 * MB);
  await sleep(40);
  assert.equal(s.collections(), 1);
  s.collector.dispose();
});

test("the real collection is available to the server", () => {
  const collector = new IdleCollector();
  assert.equal(typeof (collector as unknown as { collect: unknown }).collect, "function");
  collector.dispose();
});

test("collects when V8's own collection kept the freed memory, and not again while nothing changes", async () => {
  const s = setup(60 * MB);
  s.grow(200 * MB);
  s.ownCollection();
  // The growth since V8's collection is small, but 200 MB of pages are held for nothing.
  s.grow(10 * MB);
  s.collector.noteWork();
  await sleep(40);
  assert.equal(s.collections(), 1);
  s.collector.noteWork();
  await sleep(40);
  assert.equal(s.collections(), 1, "what V8 keeps after our collection does not trigger another");
  s.collector.dispose();
});
