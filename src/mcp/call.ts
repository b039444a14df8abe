/**
 * One tools/call, once the registry is loaded: the tool runs, its output is shaped to the brief answer
 * unless `detail: "full"` was asked for and checked against the schema of what is sent (a tool that
 * breaks it is a bug, reported as one), rendered as Markdown and redacted. Every failure of a tool becomes
 * an `isError` result here and nowhere else. Loaded on the first call (tools.ts), not at start-up.
 */
import type { CallToolResult, ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { callTool } from '../../tools/define.js';
import type { RunOptions, ToolContext } from '../../tools/context.js';
import { isDoctorError } from '../../tools/errors.js';
import { redactDeep } from '../../tools/domain/redact.js';
import { renderToolError, renderToolOutput } from '../render/markdown.js';
import { renderDiagnosisBrief } from '../render/diagnosis-brief.js';
import type { Diagnosis } from '../../tools/diagnose.js';
import type { AnyTool } from './describe.js';

export interface Extra {
  signal: AbortSignal;
  _meta?: { progressToken?: string | number };
  sendNotification: (n: ServerNotification) => Promise<void>;
}

export /** `full` is there when `data` is the brief answer: the text is written from it, each sentence once. */
type Outcome = { ok: true; data: Record<string, unknown>; full?: Record<string, unknown> } | { ok: false; error: unknown };

export async function attempt(tool: AnyTool, args: Record<string, unknown>, ctx: ToolContext, extra: Extra): Promise<Outcome> {
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
    const out = (await callTool(tool, args, ctx, opts)) as Record<string, unknown>;
    // The schema of what is sent is the contract (the one tools/list lists): a tool that breaks it is a
    // bug, reported as one. An agent's context is paid for: a tool with a brief answer gives it unless
    // asked for `detail: "full"`; the full result then stays here and only the text is written from it.
    if (tool.brief && args.detail !== 'full') {
      const brief = tool.brief.output.safeParse(tool.brief.shape(out));
      if (!brief.success) return { ok: false, error: new Error(`${tool.name} returned a brief answer that does not match its schema: ${brief.error.message}`) };
      return { ok: true, data: brief.data as Record<string, unknown>, full: out };
    }
    const checked = tool.output.safeParse(out);
    if (!checked.success) return { ok: false, error: new Error(`${tool.name} returned output that does not match its schema: ${checked.error.message}`) };
    return { ok: true, data: checked.data as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Every failure of a tool becomes an `isError` result here and nowhere else. */
export function toResult(tool: AnyTool, outcome: Outcome, ctx: ToolContext): CallToolResult {
  if (outcome.ok) {
    let text: string;
    try {
      text = outcome.full ? renderBrief(tool.name, outcome.full) : renderToolOutput(tool.name, outcome.data);
    } catch (err) {
      // A renderer bug must not cost the caller a good result: fall back to the generic rendering.
      ctx.logger.error(`rendering ${tool.name} failed:`, err instanceof Error ? (err.stack ?? err.message) : err);
      text = renderToolOutput(`${tool.name} (unrendered)`, outcome.data);
    }
    // The text is redacted by the renderers' last step (src/render/md.ts finish), the one every rendering
    // ends in; the structured result here: a key typed where an id or a field name goes never comes back.
    return { content: [{ type: 'text', text }], structuredContent: redactDeep(outcome.data) };
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

/** The text next to a brief structured result: the prose it leaves out, written once. */
function renderBrief(tool: string, full: Record<string, unknown>): string {
  if (tool === 'diagnose') return renderDiagnosisBrief(full as Diagnosis);
  return renderToolOutput(tool, full);
}
