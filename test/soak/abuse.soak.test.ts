/**
 * Soak (npm run test:soak): the abuse properties of test/hardening/abuse.test.ts with ten times the
 * inputs, plus a long stream of adversarial mentions through the Slack app. Bounded: about 40 s.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT } from '../slack/helpers/fake-slack.js';
import { startHarness } from '../slack/helpers/harness.js';
import { expectNoTestSecrets } from '../helpers/secrets.js';
import { idArb, keyArb, offences, payloadArb, textArb } from '../hardening/abuse-inputs.js';
import { createRig, fcParams as params, type Rig } from '../hardening/abuse-rig.js';

const RUNS = 4_000;

let rig: Rig;
beforeAll(async () => {
  rig = await createRig();
});
afterAll(async () => {
  await rig?.close();
});

describe('soak: abuse', () => {
  it(`diagnose and the Slack answer for ${RUNS} texts`, { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(textArb, async (t) => {
        await rig.diagnoseCase(t);
        await rig.slackCase(t);
      }),
      params(RUNS),
    );
  });

  it(`validate_payload for ${RUNS} payloads`, { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(payloadArb, (p) => rig.validateCase(p)), params(RUNS));
  });

  it(`every MCP tool for ${RUNS / 4} argument sets each`, { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(textArb, payloadArb, idArb, keyArb, async (text, payload, id, key) => {
        await rig.mcpCase('diagnose', { text });
        await rig.mcpCase('validate_payload', { payload });
        await rig.mcpCase('lookup_message', { message_id: id });
        await rig.mcpCase('check_api_key', { api_key: key });
        await rig.mcpCase('get_coverage', { country: id });
        await rig.mcpCase('search_knowledge', { query: text.slice(0, 2_000) });
      }),
      params(RUNS / 4),
    );
    expect(rig.afterRun()).toEqual([]);
  });

  it('300 adversarial mentions through the Slack app: one answer each, nothing live, no key', { timeout: 120_000 }, async () => {
    const h = await startHarness({ rateLimits: { userPerMin: 10_000, globalPerMin: 10_000 } });
    try {
      const texts = fc.sample(textArb, params(300));
      for (const [i, t] of texts.entries()) await h.send('app_mention', { text: `<@${BOT.userId}> ${t}`, event_id: `EvSOAK${i}` });
      const posts = h.fake.of('chat.postMessage');
      expect(posts.length).toBeGreaterThanOrEqual(texts.length);
      for (const p of posts) expect(offences(JSON.stringify({ text: p.body.text, blocks: p.body.blocks }))).toEqual([]);
      expectNoTestSecrets(h.everything(), 'Slack app output');
    } finally {
      await h.close();
    }
  });
});
