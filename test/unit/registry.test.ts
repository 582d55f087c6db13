// The rule registry stays honest: unique ids equal to file names, sorted, each with its doc
// page, bilingual description, a severity setting in package.json and a README table row.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../../server/src/rules";
import { REPO_ROOT } from "../support/fixtures";

/** A block of package.json's contributes.configuration (an object or an array of them). */
type Configuration = { properties?: Record<string, unknown> } | undefined;

const HELPERS = new Set(["index.ts", "sequence.ts", "heading-runs.ts"]);

test("every rule file is registered under its own name, in sorted order", () => {
  const ids = RULES.map((r) => r.id);
  assert.deepEqual(ids, [...ids].sort(), "registry is sorted");
  assert.equal(new Set(ids).size, ids.length, "ids are unique");
  const files = readdirSync(join(REPO_ROOT, "server", "src", "rules"))
    .filter((f) => f.endsWith(".ts") && !HELPERS.has(f) && !f.startsWith("_"))
    .map((f) => f.replace(/\.ts$/, ""))
    .filter((name) => /export default defineRule/.test(readFileSync(join(REPO_ROOT, "server", "src", "rules", name + ".ts"), "utf8")));
  assert.deepEqual(files.sort(), ids);
});

test("every rule has a doc page, both languages, and a severity setting", () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { contributes?: { configuration?: Configuration | Configuration[] } };
  const properties: Record<string, unknown> = {};
  const configuration = manifest.contributes?.configuration;
  for (const block of Array.isArray(configuration) ? configuration : [configuration]) Object.assign(properties, block?.properties ?? {});
  for (const rule of RULES) {
    assert.ok(existsSync(join(REPO_ROOT, "docs", "rules", `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
    assert.match(rule.meta.description.zh, /[\u4e00-\u9fff]/, `${rule.id} has a Chinese description`);
    assert.match(rule.meta.description.en, /[A-Za-z]{3,}/, `${rule.id} has an English description`);
    // The short name is what the export's check lists ("占位符 3 处"): short, in each language.
    assert.match(rule.meta.name.zh, /^[\u4e00-\u9fff、]{2,10}$/, `${rule.id} has a short Chinese name`);
    assert.match(rule.meta.name.en, /^[\w 、-]{4,40}$/u, `${rule.id} has a short English name`);
    assert.ok(properties[`gongwen.rules.${rule.id}`], `package.json declares gongwen.rules.${rule.id}`);
  }
});

test("the README's rule table lists every rule", () => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  for (const rule of RULES) assert.ok(readme.includes(`\`${rule.id}\``), `README mentions ${rule.id}`);
});

test("every rule has a .gongwenrc.json schema entry, and its setting offers its default severity", () => {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, "schemas", "gongwenrc.schema.json"), "utf8")) as {
    properties: { rules: { properties: Record<string, unknown> } };
    definitions: { severity: { enum: string[] } };
  };
  const inSchema = Object.keys(schema.properties.rules.properties).sort();
  assert.deepEqual(inSchema, RULES.map((r) => r.id).sort(), "the schema lists exactly the registered rules");
  assert.ok(schema.definitions.severity.enum.includes("hint"), "the schema accepts the hint severity");
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { contributes: { configuration: { properties: Record<string, { enum?: string[] }> } } };
  const properties = manifest.contributes.configuration.properties;
  for (const rule of RULES) {
    const setting = properties[`gongwen.rules.${rule.id}`];
    assert.ok(setting?.enum?.includes(rule.meta.severity), `gongwen.rules.${rule.id} offers "${rule.meta.severity}"`);
  }
});
