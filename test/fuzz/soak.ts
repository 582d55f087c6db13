// The soak run behind `npm run fuzz`: the robustness properties over freshly generated documents
// until a time limit, with a random seed printed first so any failure can be replayed.
//   node out/fuzz/soak.js [--minutes 5] [--seed 123]

import fc from "fast-check";
import { LineFactsCache } from "../../server/src/model/parse";
import { stopBoundedRegexWorker } from "../../server/src/engine/bounded-regex";
import { anyDocumentArb, datedDocumentArb, outlineDocumentArb } from "../support/generators";
import { checkDocument } from "../support/properties";

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const minutes = Number(argument("--minutes") ?? process.env.FUZZ_MINUTES ?? 5);
const seed = Number(argument("--seed") ?? Math.floor(Math.random() * 2 ** 31));
const deadline = Date.now() + minutes * 60_000;
const BATCH = 200;

console.log(`gongwen fuzz: seed ${seed}, ${minutes} min (replay: npm run fuzz -- --seed ${seed} --minutes ${minutes})`);
const warmed = new LineFactsCache(20_000);
const positions = fc.array(fc.tuple(fc.integer({ min: -2, max: 80 }), fc.integer({ min: -2, max: 300 })), { maxLength: 4 });
const property = fc.property(
  fc.oneof(
    anyDocumentArb,
    outlineDocumentArb.map((text) => ({ text, languageId: "plaintext" })),
    fc.tuple(datedDocumentArb, fc.constantFrom("plaintext", "markdown")).map(([text, languageId]) => ({ text, languageId })),
  ),
  positions,
  (doc, at) => {
    checkDocument(doc, warmed, at);
  },
);

let documents = 0;
let batch = 0;
while (Date.now() < deadline) {
  // Each batch has its own seed derived from the printed one, so a failure names what to replay.
  const batchSeed = (seed + batch * 7919) | 0;
  const result = fc.check(property, { seed: batchSeed, numRuns: BATCH });
  documents += result.numRuns;
  if (result.failed) {
    console.error(`FAILED after ${documents} documents (batch seed ${batchSeed}, path ${result.counterexamplePath})`);
    console.error(`counterexample: ${JSON.stringify(result.counterexample)}`);
    console.error(String(result.errorInstance instanceof Error ? result.errorInstance.stack : result.errorInstance));
    stopBoundedRegexWorker();
    process.exit(1);
  }
  batch++;
  if (batch % 10 === 0) console.log(`  ${documents} documents, no failure (${Math.round((deadline - Date.now()) / 1000)} s left)`);
}
console.log(`gongwen fuzz: ${documents} documents in ${minutes} min, seed ${seed}: no property failed`);
stopBoundedRegexWorker();
