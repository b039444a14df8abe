/**
 * MCP over stdio: stdout carries JSON-RPC and nothing else (every log line goes to stderr through
 * the logger). Resolves when the client closes the connection (stdin ends).
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext } from '../../tools/context.js';
import type { LineSource } from './logging.js';
import { createMcpServer } from './server.js';

export interface StdioOptions {
  stdin?: NodeJS.ReadableStream & { pause(): unknown };
  stdout?: NodeJS.WritableStream;
}

export async function runStdio(ctx: ToolContext, logger: LineSource, io: StdioOptions = {}): Promise<void> {
  const stdin = io.stdin ?? process.stdin;
  const server = createMcpServer(ctx, { logger });
  const transport = new StdioServerTransport(stdin as typeof process.stdin, (io.stdout ?? process.stdout) as typeof process.stdout);
  const closed = new Promise<void>((resolve) => {
    const previous = server.server.onclose;
    server.server.onclose = () => {
      previous?.();
      resolve();
    };
  });
  server.server.onerror = (e) => ctx.logger.debug('MCP stdio:', e.message);
  // The SDK's stdio transport does not notice end of input; a client that exits closes stdin.
  const end = () => void server.close().catch(() => undefined);
  stdin.once('end', end);
  stdin.once('close', end);
  await server.connect(transport);
  answerMalformedLines(transport);
  await closed;
  stdin.off('end', end);
  stdin.off('close', end);
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
