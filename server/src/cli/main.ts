// The command-line checker: `gongwen [options] [files, folders, globs]`; see the README.
// Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or I/O error.

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { version as VERSION } from "../../../package.json";
import type { LintConfig } from "../engine/lint";
import { ConfigResolver, formatConfigProblem, mergeLintConfig, readConfig, type ConfigLookup, type ConfigProblem } from "../config/project";
import { helpText, parseArgs, UsageError, localeFromEnv, type CliOptions } from "./args";
import type { CheckRequest, FileResult } from "./check";
import { decode } from "./encoding";
import { isWordName, looksLikeZip } from "../docx/names";
import { expandPaths } from "./files";
import { displayPath, formatJson, formatSarif, formatText, summarize } from "./format";
import { crossFileDuplicates } from "./cross-file";
import { runChecks, serveWorker } from "./run";
import { RULES } from "../rules";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { runExport } from "./export";

function stdinBytes(): Promise<Buffer> {
  return new Promise((resolveBytes, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (c: Buffer) => chunks.push(c));
    process.stdin.on("end", () => resolveBytes(Buffer.concat(chunks)));
    process.stdin.on("error", reject);
  });
}

/** Whether the run fails: findings at or above --fail-on, or more warnings than --max-warnings. */
export function failed(options: CliOptions, results: readonly FileResult[]): boolean {
  const s = summarize(results);
  const rank = { info: 0, warning: 1, error: 2 } as const;
  const threshold = rank[options.failOn];
  if (s.errors > 0 && threshold <= rank.error) return true;
  if (s.infos > 0 && threshold <= rank.info) return true;
  if (options.maxWarnings !== undefined) return s.warnings > options.maxWarnings;
  return s.warnings > 0 && threshold <= rank.warning;
}

async function main(argv: string[]): Promise<number> {
  const cwd = process.cwd();
  if (argv[0] === "export") return runExport(argv.slice(1), process.env, cwd, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  let options: CliOptions;
  try {
    options = parseArgs(argv, process.env, process.stdout.isTTY === true);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const zh = localeFromEnv(process.env) === "zh";
    process.stderr.write(`gongwen: ${error.message}\n${zh ? "用 gongwen --help 查看用法" : "Try gongwen --help"}\n`);
    return 2;
  }
  const language = options.locale;
  if (options.help) {
    process.stdout.write(helpText(language, VERSION));
    return 0;
  }
  if (options.version) {
    process.stdout.write(VERSION + "\n");
    return 0;
  }

  const stderrLines: string[] = [];
  const note = (line: string) => process.stderr.write(line + "\n");

  // Configuration: --config replaces the search; a broken explicit file is a usage error.
  let explicitConfig: string | undefined;
  if (options.config) {
    explicitConfig = resolve(cwd, options.config);
    const lookup = readConfig(explicitConfig);
    if (lookup.error) {
      note(`gongwen: ${formatConfigProblem({ ...lookup.error, path: displayPath(lookup.error.path, cwd) }, language)}`);
      return 2;
    }
  }
  const resolver = new ConfigResolver();
  const reported = new Set<string>();
  const reportConfig = (lookup: ConfigLookup) => {
    const problems: ConfigProblem[] = [...(lookup.error ? [lookup.error] : []), ...lookup.warnings];
    for (const p of problems) {
      const key = `${p.path}:${p.line}:${p.column}:${p.message.en}`;
      if (reported.has(key)) continue;
      reported.add(key);
      note(`gongwen: ${formatConfigProblem({ ...p, path: displayPath(p.path, cwd) }, language)}`);
    }
  };
  const cliLint: LintConfig = { rules: Object.fromEntries(Object.entries(options.rules).map(([id, severity]) => [id, { severity }])) };
  const configFor = (path: string): { lint: LintConfig; ignored: boolean } => {
    if (!options.useConfig && !explicitConfig) return { lint: cliLint, ignored: false };
    const lookup = resolver.lookup(path, explicitConfig);
    reportConfig(lookup);
    const project = lookup.config;
    // Defaults, then the project file, then --rule: the most specific wins.
    return { lint: mergeLintConfig(mergeLintConfig({ rules: {} }, project?.lint), cliLint), ignored: options.useIgnore && project !== undefined && project.isIgnored(path) };
  };

  const requests: CheckRequest[] = [];
  const results: FileResult[] = [];
  let ioError = false;
  if (options.stdin) {
    const name = options.stdinFilename ? resolve(cwd, options.stdinFilename) : resolve(cwd, "<stdin>.txt");
    let text: string;
    let bytes: Buffer;
    try {
      bytes = await stdinBytes();
    } catch (error) {
      note(`<stdin>: error: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    // Standard input is always checked: the caller asked for it, whatever `ignore` says.
    if (isWordName(name) || looksLikeZip(bytes)) {
      // A Word document piped in (`gongwen - --stdin-filename 计划.docx < 计划.docx`).
      requests.push({ path: name, bytes, fix: options.fix, paragraphs: false, lint: configFor(name).lint, language });
    } else {
      try {
        text = decode(bytes).text;
      } catch (error) {
        note(`<stdin>: error: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
      requests.push({ path: name, text, fix: options.fix, paragraphs: false, lint: configFor(name).lint });
    }
  } else {
    const expansion = expandPaths(options.paths, cwd);
    for (const e of expansion.errors) {
      note(`${e.path}: error: ${e.message}`);
      ioError = true;
    }
    for (const path of expansion.files) {
      const { lint, ignored } = configFor(path);
      if (ignored) {
        if (expansion.explicit.has(path)) note(`${displayPath(path, cwd)}: ${language === "zh" ? "已按配置文件的 ignore 跳过（用 --no-ignore 可检查）" : "skipped: ignored by the configuration (--no-ignore checks it)"}`);
        continue;
      }
      requests.push({ path, lint, fix: options.fix, paragraphs: options.crossFileDuplicates, language });
    }
  }

  const progress = process.stderr.isTTY === true && requests.length >= 50;
  const ruleErrors = new Set<string>();
  const onRuleError = (path: string, ruleId: string, message: string) => {
    if (ruleErrors.has(ruleId + message)) return;
    ruleErrors.add(ruleId + message);
    stderrLines.push(`gongwen: rule ${ruleId} failed on ${displayPath(path, cwd)} and was skipped: ${message}`);
  };
  const checked = await runChecks(requests, RULES, options.jobs, onRuleError, (done) => {
    if (progress) process.stderr.write(`\r${language === "zh" ? "检查中" : "checking"} ${done}/${requests.length}`);
  });
  if (progress) process.stderr.write("\r\x1b[K");
  results.push(...checked);
  for (const line of stderrLines) note(line);

  if (options.crossFileDuplicates) crossFileDuplicates(results, configFor, cwd);

  for (const r of results) {
    if (!r.error) continue;
    ioError = true;
    note(`${displayPath(r.path, cwd)}: error: ${r.error}`);
  }
  if (!options.stdin && requests.length === 0 && !ioError) {
    note(language === "zh" ? "gongwen: 没有找到要检查的文档（.txt .md .gw .docx）" : "gongwen: no documents found (.txt .md .gw .docx)");
  }

  const shown = results.map((r) => (options.stdin && !options.stdinFilename ? { ...r, path: "<stdin>" } : r));
  const report =
    options.format === "json" ? formatJson(shown, language, cwd, VERSION) : options.format === "sarif" ? formatSarif(shown, language, cwd, VERSION) : formatText(shown, language, cwd, options.color && !options.output);
  const fixedStdin = options.stdin && options.fix;
  // A Word document on standard input is never rewritten: nothing to echo.
  if (fixedStdin && requests[0]?.bytes === undefined) process.stdout.write(results[0]?.fixedText ?? requests[0]?.text ?? "");
  if (options.output) {
    try {
      writeFileSync(resolve(cwd, options.output), report);
    } catch (error) {
      note(`${options.output}: error: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return 2;
    }
  } else if (fixedStdin) process.stderr.write(report);
  else process.stdout.write(report);

  if (ioError) return 2;
  return failed(options, results) ? 1 : 0;
}

if (!isMainThread && parentPort && (workerData as { gongwenWorker?: boolean } | null)?.gongwenWorker) serveWorker(parentPort, RULES);
else
  main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`gongwen: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
