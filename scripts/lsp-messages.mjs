// Reads LSP messages (Content-Length framing) from a server's stdout for the bench and the memory
// probe. Chunks are kept in a list until a whole message is there: joining every 64 KB chunk to
// what came before copied a 7 MB message a hundred times, and the bench measured itself.

export class MessageReader {
  /** `onMessage(message)` is called with each parsed message, in order. */
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.chunks = [];
    this.received = 0;
    this.needed = undefined;
  }

  push(chunk) {
    this.chunks.push(chunk);
    this.received += chunk.length;
    for (;;) {
      if (this.needed === undefined) {
        if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
        const head = this.chunks[0] ?? Buffer.alloc(0);
        const headerEnd = head.indexOf("\r\n\r\n");
        if (headerEnd < 0) return;
        this.needed = Number(/Content-Length: *(\d+)/i.exec(head.subarray(0, headerEnd).toString("ascii"))[1]);
        this.chunks = [head.subarray(headerEnd + 4)];
        this.received = head.length - headerEnd - 4;
      }
      if (this.received < this.needed) return;
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      const body = all.subarray(0, this.needed).toString("utf8");
      const rest = all.subarray(this.needed);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.received = rest.length;
      this.needed = undefined;
      this.onMessage(JSON.parse(body));
    }
  }
}

/** The initialize request's parameters of the bench's client (the memory probe replays the bench). */
export function benchInitializeParams() {
  return {
    processId: process.pid,
    rootUri: null,
    locale: "zh-cn",
    capabilities: {
      textDocument: { publishDiagnostics: { versionSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true }, foldingRange: { lineFoldingOnly: true } },
      workspace: { configuration: true },
    },
  };
}

/** A JSON-RPC message framed for the server's stdin. */
export function frame(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]);
}

/** The offsets where the lines of `text` start (for positionOf). */
export function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The LSP position (line, UTF-16 character) of `offset` in a text whose line starts are `starts`. */
export function positionOf(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}
