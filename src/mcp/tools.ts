/**
 * The tools of the registry as MCP tools, and the MCP surface's one error boundary.
 *
 * tools/list and tools/call are served here rather than through McpServer.registerTool because the
 * SDK turns every failure, an unknown tool included, into an `isError` result; the contract is that
 * an unknown tool or a malformed request is a protocol error, and only a tool's own failure is a
 * result (call.ts). tools/list is answered from tool-list.ts, the registry's descriptions written
 * ahead (describe.ts), so a server answers it without loading the tools: the registry, its schemas,
 * renderers and the knowledge they use load on the first tools/call.
 */
import { z } from 'zod';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext } from '../../tools/context.js';
import { redactName } from '../../tools/domain/redact.js';
import type { AnyTool } from './describe.js';
import type { Extra } from './call.js';
import type { LogForwarding } from './logging.js';
import { TOOL_LIST } from './tool-list.js';

/** What a server offers: the descriptions tools/list answers with, and the tools, loaded when first called. */
export interface ToolSet {
  listed: readonly McpTool[];
  load(): Promise<readonly AnyTool[]>;
}

/** The product's tools: tools/index.ts, described by tool-list.ts. */
export const REGISTRY: ToolSet = {
  listed: TOOL_LIST,
  load: async () => (await import('../../tools/index.js')).TOOLS as readonly AnyTool[],
};

/**
 * tools/call is registered with a lenient request schema: the SDK's Server then validates the
 * request itself and answers a malformed one with InvalidParams (-32602) instead of an internal error.
 */
const AnyCallRequest = z.looseObject({ method: z.literal('tools/call'), params: z.unknown() });

export function registerTools(server: Server, tools: ToolSet, context: () => Promise<ToolContext>, logs: LogForwarding): void {
  const names = tools.listed.map((t) => t.name);
  if (new Set(names).size !== names.length) throw new Error('Two tools in the registry share a name.');
  let loaded: Promise<Map<string, AnyTool>> | undefined;
  const byName = () => (loaded ??= tools.load().then((list) => new Map(list.map((t) => [t.name, t]))));
  // Imported once: a dynamic import() resolves through the module loader on every call, even when cached.
  let callModule: Promise<typeof import('./call.js')> | undefined;
  const calls = () => (callModule ??= import('./call.js'));

  server.registerCapabilities({ tools: {} });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...tools.listed] }));
  server.setRequestHandler(AnyCallRequest, async (raw, extra): Promise<CallToolResult> => {
    const { params } = CallToolRequestSchema.parse(raw);
    if (!names.includes(params.name)) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${clip(params.name)}". Available: ${names.join(', ')}.`);
    }
    const [registry, ctx, call] = await Promise.all([byName(), context(), calls()]);
    const tool = registry.get(params.name);
    if (!tool) throw new Error(`Tool "${params.name}" is listed but not in the registry (run npm run tool-list).`);
    const outcome = await logs.within(extra.sendNotification, () => call.attempt(tool, params.arguments ?? {}, ctx, extra));
    // Outside the forwarding scope: failure details go to the server log only, never to the client.
    return call.toResult(tool, outcome, ctx);
  });
}

function clip(s: string): string {
  const clean = redactName(s).replace(/[\p{C}]/gu, '?');
  return clean.length > 64 ? `${clean.slice(0, 61)}…` : clean;
}
