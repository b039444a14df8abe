import type { z } from 'zod';
import type { RunOptions, ToolContext } from './context.js';
import { InputError } from './errors.js';

/** MCP-style hints; every tool states all three so no surface has to guess. */
export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  openWorldHint: boolean;
  idempotentHint?: boolean;
}

/** One tool: one file, one object. Surfaces loop over these; none re-declares a schema. */
export interface Tool<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  run(input: z.output<I>, ctx: ToolContext, opts?: RunOptions): Promise<z.output<O>>;
  /**
   * A shorter answer for an agent's context, asked for with the input's `detail: "brief"` (the MCP
   * default for a tool that has one). `run` always returns the full output; the surface shapes it.
   */
  brief?: { output: z.ZodObject; shape(full: z.output<O>): Record<string, unknown> };
}

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: Tool<I, O>): Tool<I, O> {
  return tool;
}

/** Parse raw input with the tool's schema, then run it: the one entry every surface uses. */
export async function callTool<I extends z.ZodObject, O extends z.ZodObject>(
  tool: Tool<I, O>,
  raw: unknown,
  ctx: ToolContext,
  opts?: RunOptions,
): Promise<z.output<O>> {
  const parsed = tool.input.safeParse(raw ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length ? ` at ${first.path.join('.')}` : '';
    throw new InputError(`Invalid input for ${tool.name}${where}: ${first?.message ?? 'bad input'}`);
  }
  return tool.run(parsed.data, ctx, opts);
}
