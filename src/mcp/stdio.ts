/**
 * MCP over stdio: stdout carries JSON-RPC and nothing else (every log line goes to stderr through
 * the logger). Resolves when the client closes the connection (stdin ends).
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
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
  // The SDK's stdio transport does not notice end of input; a client that exits closes stdin.
  const end = () => void server.close().catch(() => undefined);
  stdin.once('end', end);
  stdin.once('close', end);
  await server.connect(transport);
  await closed;
  stdin.off('end', end);
  stdin.off('close', end);
}
