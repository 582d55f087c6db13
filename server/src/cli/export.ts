// `gongwen export FILE… [-o OUT]`: each document to a .docx laid out per GB/T 9704, beside it
// or where -o says. What is still wrong in a document is printed as a warning (it is exported
// anyway); a file that cannot be exported is reported and the others still are.
// Exit codes: 0 every file exported, 2 usage error or any file not exported.

import { readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { lint } from "../engine/lint";
import { RULES } from "../rules";
import { ConfigResolver, formatConfigProblem, mergeLintConfig, readConfig, type ConfigLookup } from "../config/project";
import { parseDocument } from "../model/parse";
import { docxPathFor, ExportFailure, isExportFailure, writeFileAtomically } from "../export/files";
import { loadExportPipeline } from "../export/load-pipeline";
import { readExportSettings } from "../export/layout";
import { describeFindings, summarizeFindings } from "../export/preflight";
import type { Language } from "../i18n";
import { localeFromEnv, scanArgs, UsageError } from "./args";
import { DecodeError, decode } from "./encoding";
import { displayPath } from "./format";
import { expandPaths, languageOfPath } from "./files";

export interface ExportOptions {
  paths: string[];
  output?: string;
  config?: string;
  useConfig: boolean;
  locale: Language;
  help: boolean;
}

export function parseExportArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ExportOptions {
  const options: ExportOptions = { paths: [], useConfig: true, locale: localeFromEnv(env), help: false };
  scanArgs(
    argv,
    (path) => {
      if (path === "-") throw new UsageError("export reads files, not standard input");
      options.paths.push(path);
    },
    (arg, value) => {
      switch (arg) {
        case "-h":
        case "--help":
          options.help = true;
          break;
        case "-o":
        case "--output":
          options.output = value();
          break;
        case "-c":
        case "--config":
          options.config = value();
          break;
        case "--no-config":
          options.useConfig = false;
          break;
        case "--locale": {
          const l = value().toLowerCase();
          if (!l.startsWith("zh") && !l.startsWith("en")) throw new UsageError(`--locale must be zh or en, not "${l}"`);
          options.locale = l.startsWith("zh") ? "zh" : "en";
          break;
        }
        default:
          throw new UsageError(`unknown option for export: ${arg}`);
      }
    },
  );
  if (!options.help && options.paths.length === 0) throw new UsageError("export needs at least one file");
  return options;
}

export function exportHelp(language: Language): string {
  if (language === "zh") {
    return `用法：gongwen export 文件… [-o 输出]

把公文导出为按 GB/T 9704-2012 排版的 Word 文档（.docx）：A4，版心 156×225 毫米，
每页 22 行、每行 28 字，标题小标宋、正文仿宋、各级标题黑体/楷体/仿宋，页码“— 1 —”单右双左。

选项：
  -o, --output 输出      一个文件时为输出文件名（或文件夹）；多个文件时为输出文件夹（须已存在）
                         默认写在原文件旁边，文件名相同、扩展名为 .docx；已有的同名文件将被覆盖
  -c, --config 文件      使用指定的配置文件（其中 export 一节为版式设置）
      --no-config        不读取配置文件
      --locale zh|en     消息语言
  -h, --help             显示帮助

文档中仍有占位符或其他问题时照常导出，并以警告列出问题的种类和数量。
退出码：0 全部导出成功；2 用法错误或有文件未能导出（其余文件照常导出）。
`;
  }
  return `usage: gongwen export FILE… [-o OUT]

Exports documents as Word files (.docx) laid out per GB/T 9704-2012: A4, a 156 × 225 mm text
block of 22 lines × 28 characters, 小标宋 title, 仿宋 body, 黑体/楷体/仿宋 headings, "— 1 —"
page numbers right on odd and left on even pages.

options:
  -o, --output OUT       one file: the output file (or a folder); several: an existing folder
                         default: beside each document, same name with .docx (replaced if present)
  -c, --config FILE      use this configuration file (its "export" section sets the layout)
      --no-config        read no configuration file
      --locale zh|en     message language
  -h, --help             show this help

Documents that still have placeholders or other problems are exported, with a warning naming
their kinds and counts.
exit codes: 0 every file exported; 2 usage error or a file not exported (the others still are).
`;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function runExport(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let options: ExportOptions;
  try {
    options = parseExportArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`gongwen export: ${error.message}\n${localeFromEnv(env) === "zh" ? "用 gongwen export --help 查看用法" : "Try gongwen export --help"}\n`);
    return 2;
  }
  const zh = options.locale === "zh";
  if (options.help) {
    out(exportHelp(options.locale));
    return 0;
  }
  const explicitConfig = options.config ? resolve(cwd, options.config) : undefined;
  if (explicitConfig) {
    const lookup = readConfig(explicitConfig);
    if (lookup.error) {
      err(`gongwen: ${formatConfigProblem({ ...lookup.error, path: displayPath(lookup.error.path, cwd) }, options.locale)}\n`);
      return 2;
    }
  }
  const expansion = expandPaths(options.paths, cwd);
  let failed = expansion.errors.length > 0;
  for (const e of expansion.errors) err(`${e.path}: ${zh ? "错误" : "error"}: ${e.message}\n`);
  const files = expansion.files;
  // -o: a folder (existing, or written with a trailing separator), or the file of a single export.
  let outDir: string | undefined;
  let outFile: string | undefined;
  if (options.output !== undefined) {
    const target = resolve(cwd, options.output);
    if (isFolder(target) || /[\\/]$/.test(options.output)) outDir = target;
    else if (files.length > 1) {
      err(`gongwen export: ${zh ? `导出多个文件时 -o 应为已存在的文件夹：${options.output}` : `with several files, -o must be an existing folder: ${options.output}`}\n`);
      return 2;
    } else outFile = target;
  }
  const resolver = new ConfigResolver();
  const reported = new Set<string>();
  const configOf = (path: string): ConfigLookup => {
    if (!options.useConfig && !explicitConfig) return { warnings: [] };
    const lookup = resolver.lookup(path, explicitConfig);
    for (const p of [...(lookup.error ? [lookup.error] : []), ...lookup.warnings]) {
      const line = formatConfigProblem({ ...p, path: displayPath(p.path, cwd) }, options.locale);
      if (!reported.has(line)) err(`gongwen: ${line}\n`);
      reported.add(line);
    }
    return lookup;
  };

  const targets = new Set<string>();
  for (const path of files) {
    const shown = displayPath(path, cwd);
    const target = outFile ?? (outDir ? join(outDir, basename(docxPathFor(path))) : docxPathFor(path));
    try {
      // Two documents of one name exported into one folder would overwrite each other.
      if (targets.has(target)) throw new ExportFailure({ zh: `另一个文档已导出为 ${displayPath(target, cwd)}`, en: `another document was already exported as ${displayPath(target, cwd)}` });
      targets.add(target);
      let text: string;
      try {
        text = decode(readFileSync(path)).text;
      } catch (error) {
        const reason = error instanceof DecodeError ? error.message : (error as NodeJS.ErrnoException).code ?? String(error);
        throw new ExportFailure({ zh: `无法读取：${reason}`, en: `cannot read: ${reason}` });
      }
      const config = configOf(path).config;
      const settings = readExportSettings(config?.export);
      const model = parseDocument({ text, uri: path, languageId: languageOfPath(path) });
      // What is still wrong is said before the file leaves, as the editor's command does.
      const problems = lint(model, RULES, mergeLintConfig({ rules: {} }, config?.lint));
      const summary = summarizeFindings(model, problems, RULES);
      const { bytes } = await (await loadExportPipeline()).renderModel(model, settings, basename(path));
      writeFileAtomically(target, bytes);
      const findings = describeFindings(summary, options.locale);
      if (findings) err(`${shown}: ${zh ? "警告" : "warning"}: ${findings}${zh ? "（已照常导出）" : " (exported anyway)"}\n`);
      out(`${shown} → ${displayPath(target, cwd)}\n`);
    } catch (error) {
      failed = true;
      const reason = isExportFailure(error) ? (zh ? error.reason.zh : error.reason.en) : error instanceof Error ? error.message : String(error);
      err(`${shown}: ${zh ? "错误" : "error"}: ${reason}${zh ? "（未导出）" : " (not exported)"}\n`);
    }
  }
  if (files.length === 0 && expansion.errors.length === 0) {
    err(zh ? "gongwen export: 没有找到要导出的文档（.txt .md .gw）\n" : "gongwen export: no documents found (.txt .md .gw)\n");
    return 2;
  }
  return failed ? 2 : 0;
}
