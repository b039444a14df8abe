/**
 * MCP over stdio: stdout carries JSON-RPC and nothing else (every log line goes to stderr through
 * the logger). Resolves when the client closes the connection (stdin ends) and the requests it
 * already sent have been answered.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { AppLogger } from '../log.js';
import { createMcpServer, type ContextSource } from './server.js';

export interface StdioOptions {
  stdin?: NodeJS.ReadableStream & { pause(): unknown };
  stdout?: NodeJS.WritableStream;
  /** How long requests still running at end of input may take before the server closes anyway. */
  drainMs?: number;
}

export async function runStdio(context: ContextSource, logger: AppLogger, io: StdioOptions = {}): Promise<void> {
  const stdin = io.stdin ?? process.stdin;
  const stdout = io.stdout ?? process.stdout;
  const server = createMcpServer(context, { logger });
  const transport = new StdioServerTransport(stdin as typeof process.stdin, stdout as typeof process.stdout);
  const closed = new Promise<void>((resolve) => {
    const previous = server.server.onclose;
    server.server.onclose = () => {
      previous?.();
      resolve();
    };
  });
  server.server.onerror = (e) => logger.debug('MCP stdio:', e.message);
  const close = () => void server.close().catch(() => undefined);

  await server.connect(transport);
  answerMalformedLines(transport);
  const drain = trackPending(transport);
  // The SDK's transport does not notice end of input. A client that writes its requests and closes
  // stdin (`… | sent-doctor mcp`) still gets its answers: close once they are out, or after drainMs.
  const end = () => drain(io.drainMs ?? 15_000).then(close);
  stdin.once('end', end);
  stdin.once('close', end);
  // A client that died leaves a broken pipe: stop serving instead of dying on EPIPE.
  stdout.on('error', close);
  await closed;
  stdin.off('end', end);
  stdin.off('close', end);
  stdout.off('error', close);
}

/** Counts requests in and responses out; the returned function resolves when none is pending (or at the deadline). */
function trackPending(transport: StdioServerTransport): (maxMs: number) => Promise<void> {
  let pending = 0;
  let idle: (() => void) | undefined;
  const onmessage = transport.onmessage;
  transport.onmessage = (m: JSONRPCMessage) => {
    if ('method' in m && 'id' in m) pending++;
    onmessage?.(m);
  };
  const send = transport.send.bind(transport);
  transport.send = async (m: JSONRPCMessage) => {
    await send(m);
    if (('result' in m || 'error' in m) && 'id' in m && m.id !== undefined) {
      pending = Math.max(0, pending - 1);
      if (pending === 0) idle?.();
    }
  };
  return (maxMs) =>
    new Promise<void>((resolve) => {
      if (pending === 0) return resolve();
      const timer = setTimeout(resolve, maxMs);
      timer.unref();
      idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
}

/**
 * The SDK drops a line that is not JSON-RPC without a word; the client then waits for an answer
 * that never comes. Answer it with the JSON-RPC error instead. The id is left out rather than null:
 * there is none to echo, and the SDK's own clients reject `id: null`.
 */
function answerMalformedLines(transport: StdioServerTransport): void {
  const inner = transport.onerror;
  transport.onerror = (err) => {
    const parse = err instanceof SyntaxError;
    const invalid = !parse && (err as { name?: string }).name === 'ZodError';
    if (parse || invalid) {
      const error = parse
        ? { code: ErrorCode.ParseError, message: 'Parse error: a line on stdin is not JSON.' }
        : { code: ErrorCode.InvalidRequest, message: 'Invalid request: a line on stdin is JSON but not a JSON-RPC message.' };
      void transport.send({ jsonrpc: '2.0', error } as JSONRPCMessage).catch(() => undefined);
    }
    inner?.(err);
  };
}
