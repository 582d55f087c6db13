// Placeholder until the cross-file duplicate search lands (see the duplicate-paragraph rule).

import type { LintConfig } from "../engine/lint";
import type { FileResult } from "./check";

export function crossFileDuplicates(_results: FileResult[], _configFor: (path: string) => { lint: LintConfig }): void {
  void _results;
  void _configFor;
}
