// Mocha bridge: VS Code (desktop via @vscode/test-electron, or the code-server workbench
// via the `payload` URL parameter) loads this module as extensionTestsPath and calls run().
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import Mocha from "mocha";

export function run(): Promise<void> {
  // In the workbench, console arguments arrive already joined ("%s,x"): format first.
  const log = console.log.bind(console);
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => log(format(...args));
  const mocha = new Mocha({
    ui: "bdd",
    color: false,
    timeout: 60_000,
  });
  if (process.env.GONGWEN_E2E_GREP) mocha.grep(process.env.GONGWEN_E2E_GREP);
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith(".test.js")).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
