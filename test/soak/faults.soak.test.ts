/**
 * Soak (npm run test:soak): Sent flapping under load. 600 Slack mentions, each delivered twice or
 * three times (Slack retries), while the simulator answers a random mix of slow, broken, rude and
 * healthy; MCP calls alongside. Every event gets exactly one answer, no answer shows a bug, no
 * unhandled rejection, and the circuit breaker's opening and closing never loses an answer.
 * Bounded: about 40 s.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type ListeningSimulator, type Simulator } from '../../src/simulator/index.js';
import { BOT } from '../slack/helpers/fake-slack.js';
import { startHarness, textOf } from '../slack/helpers/harness.js';
import { connect, textOf as mcpText } from '../mcp/setup.js';
import { expectNoTestSecrets } from '../helpers/secrets.js';
import { BUG_TEXT, FAULTS, KEY, servedContext } from '../hardening/helpers.js';
import { buttonValue } from '../scale/helpers.js';
import { ACTION } from '../../src/slack/ids.js';

const EVENTS = 600;
const IDS = ['msg_seed_algeria_sent', 'msg_seed_route_denied', 'msg_seed_consent_blocked', 'msg_seed_insufficient_balance', 'msg_seed_not_on_whatsapp', 'msg_seed_blocked_template'];

let sim: Simulator;
let server: ListeningSimulator;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => void unhandled.push(e);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  sim = createSimulator({ keys: [KEY] });
  server = await sim.listen(0, '127.0.0.1');
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server?.close();
  expect(unhandled).toEqual([]);
});

describe('soak: faults', () => {
  it(`${EVENTS} events with retries under a random mix of Sent faults: one answer each`, { timeout: 150_000 }, async () => {
    const { ctx } = servedContext(server.url);
    const h = await startHarness({ sent: false, ctx: { sent: ctx.sent, sentForKey: ctx.sentForKey }, rateLimits: { userPerMin: 100_000, globalPerMin: 100_000 } });
    const mcp = await connect(ctx);
    try {
      // A plan of faults, one queued rule per step, replayable with FC_SEED.
      const plan = fc.sample(fc.oneof(fc.constant(null), fc.constantFrom(...FAULTS.map((f) => f.fault))), {
        numRuns: EVENTS,
        ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
      });
      const batches: Promise<unknown>[][] = [];
      for (let i = 0; i < EVENTS; i++) {
        const fault = plan[i];
        if (fault) sim.injectFault({ path: '/v3/messages/', fault, times: 2 });
        const vars = { text: `<@${BOT.userId}> step ${i}: what happened to ${IDS[i % IDS.length]}?`, event_id: `EvSOAKF${i}` };
        const deliveries = [h.push('app_mention', vars).done, h.push('app_mention', vars, { retryNum: 1 }).done];
        if (i % 3 === 0) deliveries.push(h.push('app_mention', vars, { retryNum: 2 }).done);
        if (i % 4 === 0) deliveries.push(mcp.client.callTool({ name: 'lookup_message', arguments: { message_id: IDS[i % IDS.length] } }).then((r) => expect(mcpText(r)).not.toMatch(BUG_TEXT)));
        batches.push(deliveries);
        // A few steps in flight at once, as in a busy channel.
        if (batches.length >= 4) await Promise.all(batches.shift()!);
      }
      for (const b of batches) await Promise.all(b);
      sim.clearFaults();

      // Each post's buttons name the stored answer, and the stored answer holds the question: map posts to steps.
      const posts = h.fake.of('chat.postMessage');
      const steps: number[] = [];
      for (const p of posts) {
        const record = await h.slack.deps.answers.get(buttonValue(p.body.blocks, ACTION.helpful) ?? 'none');
        steps.push(Number(/step (\d+):/.exec(record?.text ?? '')?.[1] ?? -1));
      }
      expect(steps.sort((a, b) => a - b)).toEqual(Array.from({ length: EVENTS }, (_, i) => i));
      expect(posts.map((p) => textOf(p.body)).join('\n')).not.toMatch(BUG_TEXT);
      expectNoTestSecrets(h.everything() + ctx.logLines.join('\n'), 'Slack output and logs');
    } finally {
      await mcp.close();
      await h.close();
    }
  });
});
