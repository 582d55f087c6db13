// The command palette in an English UI finds our commands by their Chinese names too: command
// titles follow VS Code's display language, not gongwen.locale, so the English ones carry both.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../support/fixtures";

const read = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, name), "utf8")) as Record<string, string>;

test("every English command title carries its Chinese title, and the category says 公文", () => {
  const en = read("package.nls.json");
  const zh = read("package.nls.zh-cn.json");
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { contributes: { commands: Array<{ title: string; category: string }> } };
  for (const command of manifest.contributes.commands) {
    const key = command.title.replace(/^%|%$/g, "");
    const chinese = zh[key].replace(/…$/, "");
    assert.ok(en[key].includes(chinese), `${key}: "${en[key]}" lacks "${chinese}"`);
    assert.ok(en[command.category.replace(/^%|%$/g, "")].includes("公文"));
  }
});
