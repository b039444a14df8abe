/**
 * createMcpServer(ctx): the MCP surface over the tool registry. A thin adapter: tools, resources,
 * prompts, logging and progress; no business logic. Importing it starts nothing; stdio.ts and
 * http.ts connect it to a transport. The context may be given as a function that builds it: it is
 * then built on the first request that needs it, and `sent-doctor mcp` answers initialize and
 * tools/list without loading the tools, the knowledge base or the Sent client.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ToolContext } from '../../tools/context.js';
import { PACKAGE_ROOT } from '../paths.js';
import { INSTRUCTIONS } from './instructions.js';
import { attachLogForwarding, type LineSource } from './logging.js';
import { REGISTRY, registerTools, type ToolSet } from './tools.js';
import { registerResources } from './resources.js';
import { registerPrompts } from './prompts.js';
import { redactName } from '../../tools/domain/redact.js';

export interface McpServerOptions {
  /** Log lines written while a request runs go to that client as MCP log notifications. Defaults to ctx.logger when it can. */
  logger?: LineSource;
  /** The tools offered; the registry unless a bench or a test adds its own. */
  tools?: ToolSet;
  /** The connection lasts (stdio), so resources/subscribe is offered; false for stateless HTTP. Default true. */
  lasting?: boolean;
}

/** A context, or how to build it when a request first needs it (once). */
export type ContextSource = ToolContext | (() => ToolContext | Promise<ToolContext>);

export const SERVER_NAME = 'sent-doctor';
export const SERVER_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export function createMcpServer(source: ContextSource, opts: McpServerOptions = {}): McpServer {
  const mcp = new McpServer(
    { name: SERVER_NAME, title: 'sent-doctor: Sent delivery diagnostics', version: SERVER_VERSION },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  const lines = opts.logger ?? (typeof source !== 'function' && isLineSource(source.logger) ? source.logger : undefined);
  const logs = attachLogForwarding(mcp.server, lines);
  const context = once(source);
  registerTools(mcp.server, opts.tools ?? REGISTRY, context, logs);
  registerResources(mcp, context, { subscriptions: opts.lasting ?? true });
  registerPrompts(mcp);
  redactProtocolErrors(mcp);
  const previous = mcp.server.onclose;
  mcp.server.onclose = () => {
    logs.detach();
    previous?.();
  };
  return mcp;
}

function once(source: ContextSource): () => Promise<ToolContext> {
  if (typeof source !== 'function') {
    const ready = Promise.resolve(source);
    return () => ready;
  }
  let built: Promise<ToolContext> | undefined;
  return () => (built ??= Promise.resolve().then(source));
}

function isLineSource(l: unknown): l is LineSource {
  return typeof (l as Partial<LineSource>).onLine === 'function';
}

/**
 * JSON-RPC errors leave through the same redaction as everything else: the SDK's own errors echo
 * what the client sent (an unknown prompt or resource name, a bad argument), which may be a key.
 */
function redactProtocolErrors(mcp: McpServer): void {
  const connect = mcp.connect.bind(mcp);
  mcp.connect = async (transport: Transport) => {
    const send = transport.send.bind(transport);
    transport.send = (message, options) => {
      const err = (message as { error?: { message?: unknown } }).error;
      if (err && typeof err.message === 'string') err.message = redactName(err.message);
      return send(message, options);
    };
    return connect(transport);
  };
}
