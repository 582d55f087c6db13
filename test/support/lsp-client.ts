// A minimal LSP client for tests: spawns `node dist/server.js --stdio` and speaks JSON-RPC.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./fixtures";

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    message: string;
    code?: string | number;
    source?: string;
    severity?: number;
    codeDescription?: { href: string };
    relatedInformation?: Array<{ location: { uri: string; range: unknown }; message: string }>;
    data?: unknown;
  }>;
}

/** A JSON-RPC message from the server: a request or notification (method) or a response (id). */
type Message = { id?: number; method?: string; params?: unknown; result?: unknown; error?: { code: number; message: string } };
type Waiter = { predicate: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void };

export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private waiters: Waiter[] = [];
  readonly published: PublishedDiagnostics[] = [];
  /** What the client answers to workspace/configuration (the `gongwen` section). */
  settings: unknown = null;
  /** Requests the server sent to the client (applyEdit, configuration …). */
  readonly serverRequests: Array<{ method: string; params: unknown }> = [];
  /** Notifications other than diagnostics the server sent (window/showMessage, logMessage …). */
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** Answers to requests from the server by method (default: null; configuration and applyEdit are answered). */
  readonly answers = new Map<string, (params: unknown) => unknown>();
  stderr = "";
  exitCode: number | null | undefined = undefined;

  /** `env` is added to this process's environment for the server (fault injection in tests). */
  constructor(args: string[] = ["--stdio"], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, [join(REPO_ROOT, "dist", "server.js"), ...args], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
    this.child.stdout.on("data", (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on("data", (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-20000)));
    this.child.on("exit", (code) => {
      this.exitCode = code;
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code})`));
      this.pending.clear();
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const match = /Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString("ascii"));
      if (!match) throw new Error("header without Content-Length");
      const length = Number(match[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8")) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(message);
    }
  }

  private onMessage(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!p) return;
      if (message.error) p.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else p.resolve(message.result);
    } else if (message.method === "textDocument/publishDiagnostics") {
      const params = message.params as PublishedDiagnostics;
      this.published.push(params);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(params)) return true;
        w.resolve(params);
        return false;
      });
    } else if (message.id === undefined && message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
    } else if (message.id !== undefined && message.method !== undefined) {
      this.serverRequests.push({ method: message.method, params: message.params });
      let result: unknown = null;
      const answer = this.answers.get(message.method);
      if (answer) {
        const id = message.id;
        void Promise.resolve(answer(message.params)).then((value) => this.send({ id, result: value ?? null }));
        return;
      } else if (message.method === "workspace/configuration") {
        result = (message.params as { items: unknown[] }).items.map(() => this.settings);
      } else if (message.method === "workspace/applyEdit") {
        result = { applied: true };
      }
      this.send({ id: message.id, result });
    }
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 15000): Promise<T> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(id, {
        resolve: (v) => { clearTimeout(timer); resolve(v as T); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Resolves with the first publication (past or future) for `uri` that satisfies `predicate`. */
  diagnostics(uri: string, predicate: (p: PublishedDiagnostics) => boolean = () => true, timeoutMs = 15000): Promise<PublishedDiagnostics> {
    const test = (p: PublishedDiagnostics) => p.uri === uri && predicate(p);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ predicate: test, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  async initialize(options: { locale?: string; configuration?: boolean; showDocument?: boolean } = {}): Promise<unknown> {
    const result = await this.request("initialize", {
      processId: process.pid,
      rootUri: null,
      locale: options.locale ?? "zh-cn",
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: { lineFoldingOnly: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source", "source.fixAll"] } } },
        },
        workspace: { configuration: options.configuration ?? true, applyEdit: true, workspaceEdit: { documentChanges: true } },
        window: { showDocument: { support: options.showDocument ?? false } },
      },
    });
    this.notify("initialized", {});
    return result;
  }

  open(uri: string, text: string, languageId = "plaintext", version = 1): void {
    this.notify("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
  }

  async shutdown(): Promise<void> {
    if (this.exitCode !== undefined) return;
    try {
      await this.request("shutdown", null, 5000);
      this.notify("exit", null);
    } catch {
      /* the process is killed below */
    }
    await new Promise<void>((resolve) => {
      if (this.exitCode !== undefined) return resolve();
      const timer = setTimeout(() => { this.child.kill(); resolve(); }, 2000);
      this.child.on("exit", () => { clearTimeout(timer); resolve(); });
    });
  }
}
