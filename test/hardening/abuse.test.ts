/**
 * Abuse: random and adversarial input (huge or deeply nested JSON, control characters, bidi marks,
 * path traversal in IDs, `<!channel>` and mrkdwn injection, text that tries to instruct the bot,
 * planted keys) through diagnose, validate_payload, every MCP tool and the Slack renderer. Nothing
 * throws except our typed errors, no Slack output carries a live mention, no key comes back, and
 * every result matches its tool's output schema. A few thousand inputs, bounded; test/soak/ runs more.
 *
 * Seeds are fixed per run of fast-check unless FC_SEED is set, so a failure can be replayed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT } from '../slack/helpers/fake-slack.js';
import { startHarness, textOf } from '../slack/helpers/harness.js';
import { expectNoTestSecrets } from '../helpers/secrets.js';
import { FRAGMENTS, SPECIALS, idArb, keyArb, nested, offences, payloadArb, textArb } from './abuse-inputs.js';
import { createRig, fcParams as params, type Rig } from './abuse-rig.js';

/** Property runs per check; the soak suite multiplies them. */
const RUNS = 400;

let rig: Rig;
beforeAll(async () => {
  rig = await createRig();
});
afterAll(async () => {
  await rig?.close();
});

describe('abuse: the corpus through every surface', () => {
  it('each fragment and each special through diagnose, validate_payload and the Slack path', async () => {
    for (const s of [...FRAGMENTS, ...SPECIALS]) {
      await rig.diagnoseCase(s);
      await rig.validateCase(s);
      await rig.slackCase(s);
    }
    for (const depth of [100, 2_000, 10_000]) {
      await rig.validateCase(nested(depth, 'array'));
      await rig.validateCase(nested(depth, 'object'));
    }
    // The corpus reaches both outcomes: answers and typed refusals (too long).
    expect(rig.stats['diagnose:ok']).toBeGreaterThan(50);
    expect(rig.stats['diagnose:limit']).toBeGreaterThan(0);
    expect(rig.stats['slack:answer']).toBeGreaterThan(50);
  });

  it('each fragment and special as every argument of every MCP tool', async () => {
    for (const s of [...FRAGMENTS, ...SPECIALS.slice(0, 6)]) {
      await rig.mcpCase('diagnose', { text: s });
      await rig.mcpCase('lookup_message', { message_id: s });
      await rig.mcpCase('validate_payload', { payload: s });
      await rig.mcpCase('check_api_key', { api_key: s });
      await rig.mcpCase('get_coverage', { country: s });
      await rig.mcpCase('search_knowledge', { query: s });
    }
    // Wrong shapes and extremes: protocol errors, not crashes.
    for (const args of [{}, { text: 42 }, { text: null }, { text: ['a'] }, { text: { $gt: '' } }, { text: '' }]) await rig.mcpCase('diagnose', args as Record<string, unknown>);
    await rig.mcpCase('validate_payload', { payload: nested(3_000, 'object') });
    await rig.mcpCase('search_knowledge', { query: 'sender', limit: 1e9 });
    await rig.mcpCase('diagnose', { text: 'msg_seed_algeria_sent', context: { message_ids: Array.from({ length: 500 }, (_, i) => `msg_${i}/../x`) } });
    expect(rig.stats['mcp:lookup_message:ok']).toBeGreaterThan(0);
    expect(rig.stats['mcp:lookup_message:tool_error']).toBeGreaterThan(0);
    expect(rig.stats['mcp:diagnose:tool_error']).toBeGreaterThan(0);
  });
});

describe('abuse: properties', () => {
  it(`diagnose, and the Slack answer to it, for ${RUNS} random texts`, async () => {
    await fc.assert(
      fc.asyncProperty(textArb, async (t) => {
        await rig.diagnoseCase(t);
        await rig.slackCase(t);
      }),
      params(RUNS),
    );
  });

  it(`validate_payload for ${RUNS} random payloads`, async () => {
    await fc.assert(fc.asyncProperty(payloadArb, (p) => rig.validateCase(p)), params(RUNS));
  });

  it(`every MCP tool for ${RUNS / 2} random argument sets each`, async () => {
    await fc.assert(
      fc.asyncProperty(textArb, payloadArb, idArb, keyArb, async (text, payload, id, key) => {
        await rig.mcpCase('diagnose', { text });
        await rig.mcpCase('validate_payload', { payload });
        await rig.mcpCase('lookup_message', { message_id: id });
        await rig.mcpCase('check_api_key', { api_key: key });
        await rig.mcpCase('get_coverage', { country: id });
        await rig.mcpCase('search_knowledge', { query: text.slice(0, 2_000) });
      }),
      params(RUNS / 2),
    );
  });

  it('the Sent client was never steered off its paths, and no key reached the log', () => {
    expect(rig.afterRun()).toEqual([]);
    expectNoTestSecrets(rig.ctx.logLines.join('\n'), 'abuse log');
  });
});

describe('abuse: the Slack app end to end', () => {
  it('adversarial mentions through Bolt: one threaded answer each, no live mention, no key', async () => {
    const h = await startHarness();
    try {
      const texts = fc.sample(textArb, params(24));
      // Slack escapes &, < and > in what people type; a mention arrives as <@U…>, a broadcast as <!here>.
      for (const [i, t] of texts.entries()) await h.send('app_mention', { text: `<@${BOT.userId}> ${t}`, event_id: `EvABUSE${i}` });
      const posts = h.fake.of('chat.postMessage');
      expect(posts.length).toBeGreaterThanOrEqual(texts.length);
      for (const p of posts) {
        expect(p.body.thread_ts).toBe('1780000100.000200');
        expect(offences(JSON.stringify({ text: p.body.text, blocks: p.body.blocks }))).toEqual([]);
        expect(textOf(p.body)).not.toMatch(/Something went wrong inside sent-doctor/);
      }
      expect(h.fake.unexpected).toEqual([]);
      expectNoTestSecrets(h.everything(), 'Slack app output');
    } finally {
      await h.close();
    }
  });
});
