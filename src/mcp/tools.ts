/**
 * The tools of the registry as MCP tools, and the MCP surface's one error boundary.
 *
 * tools/list and tools/call are served here rather than through McpServer.registerTool because the
 * SDK turns every failure, an unknown tool included, into an `isError` result; the contract is that
 * an unknown tool or a malformed request is a protocol error, and only a tool's own failure is a
 * result. Schemas come from the tool objects (nothing is declared twice) and are converted the way
 * the SDK converts zod 4 (JSON Schema draft-07).
 */
import { z } from 'zod';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type ServerNotification,
  type Tool as McpTool,
} from '@modelcontextprotocol/sdk/types.js';
import type { Tool } from '../../tools/define.js';
import { callTool } from '../../tools/define.js';
import type { RunOptions, ToolContext } from '../../tools/context.js';
import { isDoctorError } from '../../tools/errors.js';
import { renderToolError, renderToolOutput } from '../render/markdown.js';
import type { LogForwarding } from './logging.js';

type AnyTool = Tool<z.ZodObject, z.ZodObject>;

const described = new WeakMap<AnyTool, McpTool>();

/** The wire description of one tool: what tools/list returns and the snapshot test pins. Built once per tool. */
export function describeTool(tool: AnyTool): McpTool {
  const hit = described.get(tool);
  if (hit) return hit;
  const d: McpTool = {
    name: tool.name,
    title: tool.annotations.title,
    description: tool.description,
    inputSchema: toJsonSchema(tool.input, 'input') as McpTool['inputSchema'],
    outputSchema: toJsonSchema(tool.output, 'output') as McpTool['outputSchema'],
    annotations: { ...tool.annotations },
  };
  described.set(tool, d);
  return d;
}

function toJsonSchema(schema: z.ZodObject, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * tools/call is registered with a lenient request schema: the SDK's Server then validates the
 * request itself and answers a malformed one with InvalidParams (-32602) instead of an internal error.
 */
const AnyCallRequest = z.looseObject({ method: z.literal('tools/call'), params: z.unknown() });

interface Extra {
  signal: AbortSignal;
  _meta?: { progressToken?: string | number };
  sendNotification: (n: ServerNotification) => Promise<void>;
}

export function registerTools(server: Server, tools: readonly AnyTool[], ctx: ToolContext, logs: LogForwarding): void {
  const byName = new Map(tools.map((t) => [t.name, t]));
  if (byName.size !== tools.length) throw new Error('Two tools in the registry share a name.');
  const listed = tools.map(describeTool);

  server.registerCapabilities({ tools: {} });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));
  server.setRequestHandler(AnyCallRequest, async (raw, extra): Promise<CallToolResult> => {
    const { params } = CallToolRequestSchema.parse(raw);
    const tool = byName.get(params.name);
    if (!tool) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${clip(params.name)}". Available: ${[...byName.keys()].join(', ')}.`);
    }
    const outcome = await logs.within(extra.sendNotification, () => attempt(tool, params.arguments ?? {}, ctx, extra));
    // Outside the forwarding scope: failure details go to the server log only, never to the client.
    return toResult(tool, outcome, ctx);
  });
}

type Outcome = { ok: true; data: Record<string, unknown> } | { ok: false; error: unknown };

async function attempt(tool: AnyTool, args: Record<string, unknown>, ctx: ToolContext, extra: Extra): Promise<Outcome> {
  const token = extra._meta?.progressToken;
  const opts: RunOptions = { signal: extra.signal };
  if (token !== undefined) {
    opts.progress = (done, total, message) => {
      extra
        .sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: done, total, message } })
        .catch(() => {
          // Progress is advisory; a client that left cannot be told.
        });
    };
  }
  try {
    const out = await callTool(tool, args, ctx, opts);
    // The tool's own schema is the contract: a tool that breaks it is a bug, reported as one.
    const checked = tool.output.safeParse(out);
    if (!checked.success) return { ok: false, error: new Error(`${tool.name} returned output that does not match its schema: ${checked.error.message}`) };
    return { ok: true, data: checked.data as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Every failure of a tool becomes an `isError` result here and nowhere else. */
function toResult(tool: AnyTool, outcome: Outcome, ctx: ToolContext): CallToolResult {
  if (outcome.ok) {
    let text: string;
    try {
      text = renderToolOutput(tool.name, outcome.data);
    } catch (err) {
      // A renderer bug must not cost the caller a good result: fall back to the generic rendering.
      ctx.logger.error(`rendering ${tool.name} failed:`, err instanceof Error ? (err.stack ?? err.message) : err);
      text = renderToolOutput(`${tool.name} (unrendered)`, outcome.data);
    }
    return { content: [{ type: 'text', text }], structuredContent: outcome.data };
  }
  const err = outcome.error;
  if (isDoctorError(err)) {
    ctx.logger.info(`${tool.name}: ${err.kind} error: ${err.message}${err.detail ? ` (${err.detail})` : ''}`);
    return { content: [{ type: 'text', text: renderToolError(tool.name, err) }], isError: true };
  }
  // Unexpected: the user gets a generic message, the log gets the detail (scrubbed by the logger).
  ctx.logger.error(`${tool.name} failed unexpectedly:`, err instanceof Error ? (err.stack ?? err.message) : err);
  return { content: [{ type: 'text', text: renderToolError(tool.name, undefined) }], isError: true };
}

function clip(s: string): string {
  const clean = s.replace(/[\p{C}]/gu, '?');
  return clean.length > 64 ? `${clean.slice(0, 61)}…` : clean;
}
