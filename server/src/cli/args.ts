// Command-line arguments → CliOptions, with usage errors as exceptions (exit code 2).

import type { RuleSeverity } from "../engine/lint";
import { findRule, RULES } from "../rules";
import type { Language } from "../i18n";

export type Format = "text" | "json" | "sarif";
export type Threshold = "error" | "warning" | "info";

export interface CliOptions {
  paths: string[];
  format: Format;
  fix: boolean;
  config?: string;
  /** Whether to look for .gongwenrc.json at all (--no-config turns it off). */
  useConfig: boolean;
  useIgnore: boolean;
  rules: Record<string, RuleSeverity>;
  failOn: Threshold;
  /** Warnings tolerated before failing; undefined: as --fail-on says. */
  maxWarnings?: number;
  stdin: boolean;
  stdinFilename?: string;
  locale: Language;
  crossFileDuplicates: boolean;
  output?: string;
  /** Worker threads: 0 = decide by batch size, 1 = none. */
  jobs: number;
  color: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

/** Language from the environment: LC_ALL, then LC_MESSAGES, then LANG; Chinese when it starts with "zh". */
export function localeFromEnv(env: NodeJS.ProcessEnv): Language {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return value.toLowerCase().startsWith("zh") ? "zh" : "en";
}

const SEVERITIES = ["off", "info", "warning", "error"];

/**
 * Walks command-line arguments: paths (and "-"), everything after "--" a path; options with their
 * value given inline (`--name=value`) or as the next argument, read through `value()`.
 */
export function scanArgs(argv: readonly string[], onPath: (path: string) => void, onOption: (name: string, value: () => string) => void): void {
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (onlyPaths || !arg.startsWith("-") || arg === "-") {
      onPath(arg);
      continue;
    }
    if (arg === "--") {
      onlyPaths = true;
      continue;
    }
    let inline: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const name = arg;
    onOption(name, () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`option ${name} needs a value`);
      return next;
    });
  }
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv, stdoutIsTty: boolean): CliOptions {
  const options: CliOptions = {
    paths: [],
    format: "text",
    fix: false,
    useConfig: true,
    useIgnore: true,
    rules: {},
    failOn: "warning",
    stdin: false,
    locale: localeFromEnv(env),
    crossFileDuplicates: false,
    jobs: 0,
    color: stdoutIsTty && !env.NO_COLOR && env.TERM !== "dumb",
    help: false,
    version: false,
  };
  scanArgs(
    argv,
    (path) => {
      if (path === "-") options.stdin = true;
      else options.paths.push(path);
    },
    (arg, value) => {
      switch (arg) {
        case "-h":
        case "--help":
          options.help = true;
          break;
        case "-v":
        case "--version":
          options.version = true;
          break;
        case "-f":
        case "--format": {
          const f = value();
          if (f !== "text" && f !== "json" && f !== "sarif") throw new UsageError(`--format must be text, json or sarif, not "${f}"`);
          options.format = f;
          break;
        }
        case "--fix":
          options.fix = true;
          break;
        case "-c":
        case "--config":
          options.config = value();
          break;
        case "--no-config":
          options.useConfig = false;
          break;
        case "--no-ignore":
          options.useIgnore = false;
          break;
        case "-r":
        case "--rule": {
          const spec = value();
          for (const part of spec.split(",").filter((s) => s.trim() !== "")) {
            const m = /^\s*([a-z][a-z0-9-]*)\s*[=:]\s*([a-z]+)\s*$/.exec(part);
            if (!m) throw new UsageError(`--rule expects id=off|info|warning|error, not "${part}"`);
            if (!findRule(m[1])) throw new UsageError(`unknown rule "${m[1]}" (known: ${RULES.map((r) => r.id).join(", ")})`);
            if (!SEVERITIES.includes(m[2])) throw new UsageError(`--rule ${m[1]}: severity must be off, info, warning or error, not "${m[2]}"`);
            options.rules[m[1]] = m[2] as RuleSeverity;
          }
          break;
        }
        case "--fail-on": {
          const t = value();
          if (t !== "error" && t !== "warning" && t !== "info") throw new UsageError(`--fail-on must be error, warning or info, not "${t}"`);
          options.failOn = t;
          break;
        }
        case "--max-warnings": {
          const n = value();
          if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings expects a number, not "${n}"`);
          options.maxWarnings = Number(n);
          break;
        }
        case "--stdin":
          options.stdin = true;
          break;
        case "--stdin-filename":
          options.stdinFilename = value();
          break;
        case "--locale": {
          const l = value().toLowerCase();
          if (!l.startsWith("zh") && !l.startsWith("en")) throw new UsageError(`--locale must be zh or en, not "${l}"`);
          options.locale = l.startsWith("zh") ? "zh" : "en";
          break;
        }
        case "--cross-file-duplicates":
          options.crossFileDuplicates = true;
          break;
        case "-o":
        case "--output":
          options.output = value();
          break;
        case "-j":
        case "--jobs": {
          const n = value();
          if (!/^\d+$/.test(n)) throw new UsageError(`--jobs expects a number, not "${n}"`);
          options.jobs = Number(n);
          break;
        }
        case "--color":
          options.color = true;
          break;
        case "--no-color":
          options.color = false;
          break;
        default:
          throw new UsageError(`unknown option ${arg}`);
      }
    },
  );
  if (options.stdin && options.paths.length > 0) throw new UsageError("standard input (- or --stdin) cannot be combined with paths");
  if (options.stdinFilename !== undefined && !options.stdin) throw new UsageError("--stdin-filename needs --stdin or -");
  if (!options.stdin && options.paths.length === 0) options.paths.push(".");
  return options;
}

export function helpText(language: Language, version: string): string {
  const rules = RULES.map((r) => `  ${r.id.padEnd(24)}${language === "zh" ? r.meta.description.zh : r.meta.description.en}`).join("\n");
  if (language === "zh") {
    return `gongwen ${version} — 公文检查命令行工具

用法：gongwen [选项] [文件、文件夹或通配符…]        （不给路径时检查当前文件夹）
      gongwen [选项] --stdin [--stdin-filename 名称]   （或用 - 表示标准输入）
      gongwen export 文件… [-o 输出]                   （导出为 Word 文档，见 gongwen export --help）

选项：
  -f, --format text|json|sarif  输出格式（默认 text）
      --fix                     把安全的自动修复写回文件（保留原编码、BOM 与换行符；Word 文件除外）
  -c, --config 文件             使用指定的配置文件，不再查找 .gongwenrc.json
      --no-config               不读取任何配置文件
      --no-ignore               不理会配置文件中的 ignore
  -r, --rule 规则=级别          设置规则级别：off|info|warning|error（可重复）
      --fail-on error|warning|info  达到该级别的问题使退出码为 1（默认 warning）
      --max-warnings N          警告数超过 N 时退出码为 1（此时警告数不超过 N 不算失败）
      --stdin                   从标准输入读取文档
      --stdin-filename 名称     标准输入文档的文件名（决定语言与配置文件查找）
      --cross-file-duplicates   报告不同文件之间重复的段落
  -o, --output 文件             把报告写入文件而不是标准输出
  -j, --jobs N                  并行检查的线程数（默认：4 核以上且 40 个文件以上时自动启用）
      --locale zh|en            消息语言（默认取 LC_ALL/LANG）
      --color / --no-color      是否着色（默认在终端中着色）
  -h, --help                    显示帮助
  -v, --version                 显示版本

退出码：0 没有达到阈值的问题；1 有达到阈值的问题；2 用法错误或文件读取错误。
行号、列号从 1 开始，列号按字符（Unicode 码位）计。
Word 文件（.docx）按段报告：第几段及该处的几个字；--fix 不改写 Word 文件。

规则：
${rules}
`;
  }
  return `gongwen ${version} — checks Chinese official documents (公文)

usage: gongwen [options] [files, folders or globs…]      (the current folder when none)
       gongwen [options] --stdin [--stdin-filename NAME] (or - for standard input)
       gongwen export FILE… [-o OUT]                     (to Word: see gongwen export --help)

options:
  -f, --format text|json|sarif  output format (default text)
      --fix                     write safe fixes back (same encoding, BOM and line breaks; not Word files)
  -c, --config FILE             use this configuration file instead of .gongwenrc.json
      --no-config               read no configuration file
      --no-ignore               disregard the configuration's ignore globs
  -r, --rule ID=SEVERITY        off|info|warning|error for a rule (repeatable)
      --fail-on error|warning|info  findings at this level or above exit 1 (default warning)
      --max-warnings N          exit 1 when there are more than N warnings (fewer do not fail)
      --stdin                   read the document from standard input
      --stdin-filename NAME     its file name (picks the language and the config file)
      --cross-file-duplicates   report paragraphs repeated across the files checked
  -o, --output FILE             write the report to FILE instead of standard output
  -j, --jobs N                  worker threads (default: automatic on 4+ cores for 40+ files)
      --locale zh|en            message language (default from LC_ALL/LANG)
      --color / --no-color      colour the output (default: on a terminal)
  -h, --help                    show this help
  -v, --version                 show the version

exit codes: 0 no finding at or above the threshold; 1 findings at or above it; 2 usage or I/O error.
Lines and columns are 1-based; columns count characters (Unicode code points).
Word files (.docx) are reported by paragraph, with a few words from it; --fix never rewrites them.

rules:
${rules}
`;
}
