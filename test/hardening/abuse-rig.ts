/**
 * The surfaces the abuse suites drive, each as one check per input: diagnose and validate_payload
 * through callTool, every MCP tool through a real in-memory Client, and the Slack path (Slack's
 * text decoding, diagnose, the Block Kit renderer and its final safety pass). Each check throws
 * on a problem; fast-check then shrinks the input.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { createSimulator, type ListeningSimulator, type Simulator } from '../../src/simulator/index.js';
import { diagnosisDraft, finalise, textDraft, validateDraft } from '../../src/slack/blocks.js';
import { userMessage } from '../../src/slack/boundary.js';
import { slackTextToPlain } from '../../src/slack/safety/incoming.js';
import { TOOLS } from '../../tools/index.js';
import { callTool } from '../../tools/define.js';
import { diagnose } from '../../tools/diagnose.js';
import { validatePayload } from '../../tools/validate-payload.js';
import { findKeyLikeStrings } from '../../tools/domain/redact.js';
import { isDoctorError } from '../../tools/errors.js';
import { connect } from '../mcp/setup.js';
import { BOT } from '../slack/helpers/fake-slack.js';
import type { TestContext } from '../helpers/context.js';
import { KEY, servedContext } from './helpers.js';
import { keyOffences, offences } from './abuse-inputs.js';

/** Every path the Sent client may request: nothing from input can steer it elsewhere. */
const ALLOWED_PATH = /^\/v3\/(?:messages\/[A-Za-z0-9_-]+(?:\/activities)?|me|templates\/[A-Za-z0-9_-]+)(?:\?[^#]*)?$/;

export interface Rig {
  ctx: TestContext;
  /** Counts per kind of outcome, to show the inputs reached the interesting paths. */
  stats: Record<string, number>;
  diagnoseCase(text: string): Promise<void>;
  validateCase(payload: unknown): Promise<void>;
  mcpCase(tool: string, args: Record<string, unknown>): Promise<void>;
  slackCase(slackText: string): Promise<void>;
  /** Problems found after the run: Sent requests off the allowed paths, keys in the log. */
  afterRun(): string[];
  close(): Promise<void>;
}

function fail(what: string, problems: string[]): void {
  if (problems.length) throw new Error(`${what}: ${problems.join('; ')}`);
}

/** A thrown error must be one of ours, with a message fit to show, and no key. */
function expectTypedError(err: unknown, where: string): void {
  if (!isDoctorError(err)) throw new Error(`${where} threw something untyped: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  fail(`${where} error text`, keyOffences(`${err.message} ${err.hint ?? ''} ${err.detail ?? ''}`));
}

export async function createRig(): Promise<Rig> {
  const sim: Simulator = createSimulator({ keys: [KEY] });
  const server: ListeningSimulator = await sim.listen(0, '127.0.0.1');
  const { ctx } = servedContext(server.url);
  const { client, close } = await connect(ctx);
  await client.listTools(); // the client then checks every structuredContent against the tool's output schema
  const stats: Record<string, number> = {};
  const count = (k: string) => void (stats[k] = (stats[k] ?? 0) + 1);
  const byName = new Map(TOOLS.map((t) => [t.name as string, t]));

  /** The Slack answer to `plain` as the app would post it, every message checked. */
  function slackAnswer(plain: string, d: unknown): void {
    const keys = findKeyLikeStrings(plain);
    const msgs = finalise(diagnosisDraft(diagnose.output.parse(d), { answerId: 'abuse0001', entry: { id: 'x', title: 'T <!here>', file: 'knowledge/scenarios/x.md' } }), { isDm: false, secrets: keys });
    fail('Slack answer', offences(JSON.stringify(msgs)));
  }

  return {
    ctx,
    stats,
    async diagnoseCase(text) {
      try {
        const d = await callTool(diagnose, { text }, ctx);
        diagnose.output.parse(d);
        fail('diagnose output', keyOffences(JSON.stringify(d)));
        count('diagnose:ok');
      } catch (err) {
        expectTypedError(err, 'diagnose');
        count(`diagnose:${(err as { kind: string }).kind}`);
      }
    },

    async validateCase(payload) {
      try {
        const v = await callTool(validatePayload, { payload }, ctx);
        validatePayload.output.parse(v);
        fail('validate_payload output', keyOffences(JSON.stringify(v)));
        fail('Slack validate reply', offences(JSON.stringify(finalise(validateDraft(v), { isDm: false }))));
        count(v.valid ? 'validate:valid' : 'validate:invalid');
      } catch (err) {
        expectTypedError(err, 'validate_payload');
        count(`validate:${(err as { kind: string }).kind}`);
      }
    },

    async mcpCase(tool, args) {
      let r: Awaited<ReturnType<typeof client.callTool>>;
      try {
        r = await client.callTool({ name: tool, arguments: args });
      } catch (err) {
        // Arguments of the wrong shape are the caller's protocol error; anything else is a bug.
        if (err instanceof McpError && err.code === ErrorCode.InvalidParams) {
          fail(`${tool} protocol error`, keyOffences(err.message));
          count(`mcp:${tool}:invalid_params`);
          return;
        }
        throw new Error(`${tool}: the client failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      const text = JSON.stringify(r);
      fail(`${tool} result`, keyOffences(text));
      if (r.isError) {
        if (/internal error/.test(text)) throw new Error(`${tool} reported an internal error for ${JSON.stringify(args).slice(0, 200)}`);
        count(`mcp:${tool}:tool_error`);
        return;
      }
      // MCP answers with the brief shape unless `detail: "full"` was asked for.
      const t = byName.get(tool)!;
      const schema = t.brief && (args as { detail?: unknown }).detail !== 'full' ? t.brief.output : t.output;
      const checked = schema.safeParse(r.structuredContent);
      if (!checked.success) throw new Error(`${tool} structuredContent does not match its output schema: ${checked.error.message.slice(0, 300)}`);
      count(`mcp:${tool}:ok`);
    },

    async slackCase(slackText) {
      const plain = slackTextToPlain(`<@${BOT.userId}> ${slackText}`, BOT.userId);
      if (!plain.trim()) return void count('slack:empty');
      try {
        const d = await callTool(diagnose, { text: plain }, ctx);
        slackAnswer(plain, d);
        for (const v of d.validations) fail('Slack validation', offences(JSON.stringify(finalise(validateDraft(v), { isDm: false }))));
        count('slack:answer');
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('Slack ')) throw err;
        expectTypedError(err, 'diagnose (Slack)');
        const msgs = finalise(textDraft(`:warning: ${userMessage(err, 'ref00001')}`), { isDm: false, secrets: findKeyLikeStrings(plain) });
        fail('Slack error reply', offences(JSON.stringify(msgs)));
        count('slack:error');
      }
    },

    afterRun() {
      const problems: string[] = [];
      for (const r of sim.requests) {
        const path = r.url;
        if (!ALLOWED_PATH.test(path)) problems.push(`Sent request off the allowed paths: ${r.method} ${path.slice(0, 120)}`);
      }
      problems.push(...keyOffences(ctx.logLines.join('\n')).map((o) => `log: ${o}`));
      return problems;
    },

    async close() {
      await close();
      await server.close();
    },
  };
}

/** fast-check parameters for the abuse suites: FC_SEED replays a failure. */
export function fcParams(numRuns: number) {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return { numRuns, ...(seed !== undefined ? { seed } : {}), endOnFailure: true };
}
