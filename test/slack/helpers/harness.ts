import { expect } from 'vitest';
/**
 * A Slack app wired to a fake receiver, the fake Slack Web API and the Sent simulator, all on
 * 127.0.0.1. Tests push recorded payloads with `send()` and read what the app sent from `fake`.
 */
import { createSimulator, SIMULATOR_DEMO_KEY, type ListeningSimulator } from '../../../src/simulator/index.js';
import { createSentClient } from '../../../src/sent/client.js';
import { ACTION } from '../../../src/slack/ids.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.js';
import type { RateLimits } from '../../../src/limits/rate-limit.js';
import type { ToolContext } from '../../../tools/context.js';
import { makeTestContext, withSent, type TestContext } from '../../helpers/context.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { FakeReceiver, type Delivery } from './fake-receiver.js';
import { fixture } from './fixtures.js';
import { SENT_KEYS, SLACK_SECRETS } from '../../helpers/secrets.js';

/** Every secret the Slack tests use: none may appear in anything the app sends or logs. */
export const SECRETS = {
  botToken: SLACK_SECRETS.botToken,
  signingSecret: SLACK_SECRETS.signingSecret,
  pastedKey: SENT_KEYS.slackPasted,
  otherKey: SENT_KEYS.slackOther,
  demoKey: SIMULATOR_DEMO_KEY,
} as const;

export interface Harness {
  fake: FakeSlack;
  sim?: ListeningSimulator;
  /** URLs the simulator was asked for, oldest first. */
  simRequests(): string[];
  ctx: TestContext;
  receiver: FakeReceiver;
  slack: SlackApp;
  /** Push a recorded payload; waits for every listener to finish. */
  send(name: string, vars?: Record<string, string>, opts?: { retryNum?: number }): Promise<Delivery>;
  /** Push without waiting. */
  push(name: string, vars?: Record<string, string>, opts?: { retryNum?: number }): Delivery;
  /** Everything sent to Slack and every log line, for leak checks. */
  everything(): string;
  close(): Promise<void>;
}

export async function startHarness(o: { sent?: boolean; rateLimits?: RateLimits; demo?: boolean; ctx?: Partial<ToolContext> } = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  let ctx = makeTestContext(o.ctx);
  let sim: ListeningSimulator | undefined;
  const simulator = createSimulator();
  if (o.sent !== false) {
    sim = await simulator.listen(0, '127.0.0.1');
    const forKey = (apiKey: string) =>
      createSentClient({ apiKey, baseUrl: sim!.url, timeoutMs: 5_000, connectTimeoutMs: 1_000, maxRetries: 0, logger: ctx.logger });
    ctx = withSent(ctx, forKey(SECRETS.demoKey), forKey);
  }
  const receiver = new FakeReceiver(() => fake.calls.length);
  const slack = createSlackApp(ctx, { receiver, token: SECRETS.botToken, apiUrl: fake.apiUrl, logger: ctx.logger, rateLimits: o.rateLimits, demo: o.demo });
  await fake.waitFor('auth.test');
  const push = (name: string, vars: Record<string, string> = {}, opts: { retryNum?: number } = {}) =>
    receiver.send(fixture(name, vars, fake.url), opts);
  return {
    fake,
    sim,
    simRequests: () => simulator.requests.map((r) => `${r.method} ${r.url}`),
    ctx,
    receiver,
    slack,
    push,
    async send(name, vars, opts) {
      const d = push(name, vars, opts);
      await d.done;
      return d;
    },
    // The bot token travels to Slack as a credential (auth.test's `token` field, the Authorization header); everything else must be clean.
    everything: () => JSON.stringify(fake.calls.map((c) => ({ m: c.method, b: { ...c.body, token: undefined } }))) + '\n' + ctx.logLines.join('\n'),
    async close() {
      await fake.close();
      await sim?.close();
    },
  };
}

/** All text of a recorded chat.postMessage (fallback and blocks). */
export function textOf(body: Record<string, any>): string {
  return `${body.text ?? ''}\n${JSON.stringify(body.blocks ?? [])}`;
}

/** After each test: nothing unexpected reached the fake Slack, no secret anywhere, then close. */
export async function closeClean(h: Harness): Promise<void> {
  expect(h.fake.unexpected).toEqual([]);
  for (const s of Object.values(SECRETS)) expect(h.everything()).not.toContain(s);
  await h.close();
}

/** Bodies posted to slash-command response URLs (ephemeral replies), oldest first. */
export const responsesOf = (h: Harness) => h.fake.of('response_url').map((c) => c.body);

/** The Share button of an ephemeral reply, if any. */
export const shareButtonOf = (body: Record<string, any>) =>
  (body.blocks as any[]).flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.action_id === ACTION.share);
