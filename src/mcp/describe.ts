/**
 * A tool of the registry as tools/list describes it: name, title, description, the input schema
 * and an outline of the output schema, as JSON Schema (draft-07, converted the way the SDK converts
 * zod 4). `npm run tool-list` writes these into tool-list.ts, which the server answers from
 * without loading the tools (the cold start); test/mcp/tool-list.test.ts keeps the two equal.
 */
import { z } from 'zod';
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { Tool } from '../../tools/define.js';

export type AnyTool = Tool<z.ZodObject, z.ZodObject>;

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
