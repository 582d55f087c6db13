// The server's stdout sends each LSP message in one write: an editor reading the pipe wakes once
// per message, not once for the header and again for the body.

import { test } from "node:test";
import assert from "node:assert/strict";
import { writeMessagesWhole } from "../../server/src/lsp/one-write-per-message";

/** A stream that records what reaches it, as bytes. */
function recordingStream() {
  const writes: string[] = [];
  const stream = {
    write(chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean {
      const encoding = typeof encodingOrCallback === "string" ? encodingOrCallback : "utf8";
      writes.push(typeof chunk === "string" ? Buffer.from(chunk, encoding).toString("utf8") : Buffer.from(chunk).toString("utf8"));
      const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
      if (done) process.nextTick(done);
      return true;
    },
  };
  return { stream, writes };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

test("a header and the body written after it reach the stream as one write, bytes and order intact", async () => {
  const { stream, writes } = recordingStream();
  writeMessagesWhole(stream);
  const body = JSON.stringify({ jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri: "file:///计划.txt", diagnostics: [{ message: "序号跳号" }] } });
  const header = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const called: string[] = [];
  await new Promise<void>((resolve) => stream.write(header, "ascii", () => { called.push("header"); resolve(); }));
  assert.deepEqual(writes, [], "the header waits for its body");
  await new Promise<void>((resolve) => stream.write(Buffer.from(body, "utf8"), () => { called.push("body"); resolve(); }));
  assert.deepEqual(writes, [header + body]);
  assert.deepEqual(called, ["header", "body"], "both writers' callbacks are called");
  // Two messages in a row: two writes.
  stream.write(header, "ascii");
  stream.write(body);
  assert.equal(writes.length, 2);
  assert.equal(writes[1], header + body);
});

test("anything else passes through as written, and a header left alone still goes out on the next turn", async () => {
  const { stream, writes } = recordingStream();
  writeMessagesWhole(stream);
  stream.write("plain text");
  stream.write(Buffer.from("bytes"));
  assert.deepEqual(writes, ["plain text", "bytes"]);
  stream.write("Content-Length: 2\r\n\r\n", "ascii");
  assert.equal(writes.length, 2);
  await turn();
  assert.deepEqual(writes, ["plain text", "bytes", "Content-Length: 2\r\n\r\n"], "never kept back");
  // A text that merely starts like a header, without the blank line, is not held.
  stream.write("Content-Length: is a header name");
  assert.equal(writes.at(-1), "Content-Length: is a header name");
});
