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
import { redactDeep, redactName, redactSecrets } from '../../tools/domain/redact.js';
import { renderToolError, renderToolOutput } from '../render/markdown.js';
import { renderDiagnosisBrief } from '../render/diagnosis-brief.js';
import type { Diagnosis } from '../../tools/diagnose.js';
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
    outputSchema: outline(toJsonSchema(tool.brief?.output ?? tool.output, 'output'), tool.brief ? toJsonSchema(tool.output, 'output') : undefined) as McpTool['outputSchema'],
    // The title is said once, at the top (MCP reads `title` before `annotations.title`).
    annotations: withoutTitle(tool.annotations),
  };
  described.set(tool, d);
  return d;
}

function toJsonSchema(schema: z.ZodObject, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

function withoutTitle({ title: _, ...hints }: AnyTool['annotations']): McpTool['annotations'] {
  return hints;
}

type Json = Record<string, unknown>;

/**
 * The output schema as an agent reads it: the result's fields and their types (the items' fields
 * for a list), without descriptions (the tool's description and its text say what they mean) and without the
 * nested schemas of other tools' results. Still JSON Schema, and looser than the tool's own zod
 * schema, which checks every result in full before it is sent (attempt()). For a tool with a brief
 * answer it describes the brief one; the full answer (`detail: "full"`) has these fields too, so
 * only the fields both share are required.
 */
function outline(schema: Json, full?: Json): Json {
  const shared = full ? new Set((full.required as string[] | undefined) ?? []) : undefined;
  const required = ((schema.required as string[] | undefined) ?? []).filter((k) => !shared || shared.has(k));
  return { type: 'object', properties: props(schema, 1), ...(required.length ? { required } : {}) };
}

function props(schema: Json, depth: number): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries((schema.properties as Record<string, Json> | undefined) ?? {})) out[k] = shape(v, depth - 1);
  return out;
}

function shape(s: Json, depth: number): Json {
  const alt = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alt) {
    const types = [...new Set(alt.flatMap((a) => [a.type ?? []].flat() as string[]))];
    return types.length ? { type: types.length === 1 ? types[0] : types } : {};
  }
  const out: Json = {};
  if (s.type !== undefined) out.type = s.type;
  if (s.const !== undefined) out.const = s.const;
  if (Array.isArray(s.enum) && s.enum.length <= 8) out.enum = s.enum;
  if (depth > 0 && s.properties) out.properties = props(s, depth);
  if (depth > 0 && s.items && typeof s.items === 'object') {
    const items = shape(s.items as Json, depth);
    if (Object.keys(items).length) out.items = items;
  }
  return out;
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

/** `full` is there when `data` is the brief answer: the text is written from it, each sentence once. */
type Outcome = { ok: true; data: Record<string, unknown>; full?: Record<string, unknown> } | { ok: false; error: unknown };

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
    const full = checked.data as Record<string, unknown>;
    // An agent's context is paid for: a tool with a brief answer gives it unless asked for `detail: "full"`.
    if (!tool.brief || args.detail === 'full') return { ok: true, data: full };
    const brief = tool.brief.output.safeParse(tool.brief.shape(full));
    if (!brief.success) return { ok: false, error: new Error(`${tool.name} returned a brief answer that does not match its schema: ${brief.error.message}`) };
    return { ok: true, data: brief.data as Record<string, unknown>, full };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Every failure of a tool becomes an `isError` result here and nowhere else. */
function toResult(tool: AnyTool, outcome: Outcome, ctx: ToolContext): CallToolResult {
  if (outcome.ok) {
    let text: string;
    try {
      text = outcome.full ? renderBrief(tool.name, outcome.full) : renderToolOutput(tool.name, outcome.data);
    } catch (err) {
      // A renderer bug must not cost the caller a good result: fall back to the generic rendering.
      ctx.logger.error(`rendering ${tool.name} failed:`, err instanceof Error ? (err.stack ?? err.message) : err);
      text = renderToolOutput(`${tool.name} (unrendered)`, outcome.data);
    }
    // The one redaction every output path shares: a key typed where an id or a field name goes never comes back.
    return { content: [{ type: 'text', text: redactSecrets(text) }], structuredContent: redactDeep(outcome.data) };
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
  const clean = redactName(s).replace(/[\p{C}]/gu, '?');
  return clean.length > 64 ? `${clean.slice(0, 61)}…` : clean;
}

/** The text next to a brief structured result: the prose it leaves out, written once. */
function renderBrief(tool: string, full: Record<string, unknown>): string {
  if (tool === 'diagnose') return renderDiagnosisBrief(full as Diagnosis);
  return renderToolOutput(tool, full);
}
