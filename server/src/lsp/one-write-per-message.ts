// One write per LSP message on stdout. vscode-jsonrpc writes a message's header and its body in
// two calls; on a pipe each is a system call that wakes the editor, which reads the header alone
// and sleeps again until the body comes — two wake-ups and two scheduler decisions per
// diagnostics message on a 2-core machine. Here the header is held until its body is written
// (the next write, in the same turn of the event loop) and both go out in one write.

/** The part of a stream this needs: Node's `write(chunk, [encoding], [callback])`. */
export interface WriteTarget {
  write(chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean;
}

type Callback = (error?: Error | null) => void;

/** Whether `chunk` is a whole LSP header ("Content-Length: …\r\n\r\n"), written alone. */
function isHeader(chunk: unknown): chunk is string {
  return typeof chunk === "string" && chunk.startsWith("Content-Length:") && chunk.endsWith("\r\n\r\n") && chunk.length < 256;
}

/**
 * Makes `stream.write` send each header together with the body written after it. Any other
 * write passes through unchanged; a header still held on the next turn of the event loop
 * (no body came) is written alone, so nothing is ever kept back.
 */
export function writeMessagesWhole(stream: WriteTarget): void {
  const write: (chunk: string | Uint8Array, encoding?: BufferEncoding | Callback, callback?: Callback) => boolean = stream.write.bind(stream);
  let held: Buffer | undefined;
  const flushAlone = () => {
    if (held === undefined) return;
    const header = held;
    held = undefined;
    write(header);
  };
  stream.write = (chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | Callback, callback?: Callback): boolean => {
    const encoding = typeof encodingOrCallback === "string" ? encodingOrCallback : undefined;
    const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
    if (held === undefined && isHeader(chunk)) {
      held = Buffer.from(chunk, encoding ?? "ascii");
      setImmediate(flushAlone);
      // Accepted: the writer goes on to the body.
      if (done) process.nextTick(done);
      return true;
    }
    if (held !== undefined) {
      const body = typeof chunk === "string" ? Buffer.from(chunk, encoding ?? "utf8") : chunk;
      const whole = Buffer.concat([held, body]);
      held = undefined;
      return write(whole, done);
    }
    return write(chunk, encodingOrCallback, callback);
  };
}
