/**
 * The failure digest: counts by scenario over the 1 h and 24 h windows, in real Redis (a prefix of
 * its own) with an injected clock, read through the recent_failures tool by a real MCP client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/store/redis.js';
import { createLogger } from '../../src/log.js';
import type { Store } from '../../tools/context.js';
import { readDigest, recordFailure, recentFailures } from '../../tools/recent-failures.js';
import { makeTestContext } from '../helpers/context.js';
import { connect } from '../mcp/setup.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../store/redis-helpers.js';

const PREFIX = uniquePrefix('digest');
const MIN = 60_000;
const T0 = Date.parse('2026-08-20T12:00:00Z');
let now = T0;
const clock = { now: () => now };
let store: Store;

beforeAll(async () => {
  store = await createRedisStore(SHARED_REDIS_URL, createLogger({ level: 'warn', write: () => undefined }), { prefix: PREFIX, clock });
  const at = (ago: number) => T0 - ago;
  // Within the last hour: 2 × sender-id-issues, 1 × compliance-10dlc.
  await recordFailure(store, { message_id: 'msg_d1', status: 'FAILED', scenario: 'sender-id-issues', code: 'ERR_ROUTE_DENIED', recipient: '+213551234567', at: at(5 * MIN) });
  await recordFailure(store, { message_id: 'msg_d2', status: 'FAILED', scenario: 'sender-id-issues', at: at(40 * MIN) });
  await recordFailure(store, { message_id: 'msg_d3', status: 'FILTERED', scenario: 'compliance-10dlc', at: at(50 * MIN) });
  // Earlier today: 1 × sender-id-issues, 1 unclassified.
  await recordFailure(store, { message_id: 'msg_d4', status: 'FAILED', scenario: 'sender-id-issues', at: at(3 * 60 * MIN) });
  await recordFailure(store, { message_id: 'msg_d5', status: 'BLOCKED', at: at(20 * 60 * MIN) });
  // Older than a day: in neither window.
  await recordFailure(store, { message_id: 'msg_d6', status: 'FAILED', scenario: 'sms-country-delivery', at: at(26 * 60 * MIN) });
});

afterAll(async () => {
  await store.close();
  await deletePrefix(PREFIX);
});

describe('digest windows', () => {
  it('1 h: only the last hour, by scenario, most first, with masked examples', async () => {
    const d = await readDigest(store, clock, '1h');
    expect(d.total).toBe(3);
    expect(d.by_scenario.map((r) => [r.scenario, r.count])).toEqual([
      ['sender-id-issues', 2],
      ['compliance-10dlc', 1],
    ]);
    const ex = d.by_scenario[0]!.examples;
    expect(ex.map((e) => e.message_id)).toEqual(['msg_d1', 'msg_d2']);
    expect(ex[0]!.recipient).toMatch(/^\+213 •+67$/);
    expect(ex[0]!.code).toBe('ERR_ROUTE_DENIED');
  });

  it('24 h: the whole day, not older', async () => {
    const d = await readDigest(store, clock, '24h');
    expect(d.total).toBe(5);
    expect(Object.fromEntries(d.by_scenario.map((r) => [r.scenario, r.count]))).toEqual({ 'sender-id-issues': 3, 'compliance-10dlc': 1, unclassified: 1 });
    expect(JSON.stringify(d)).not.toContain('msg_d6');
  });

  it('the windows roll: two hours later the last-hour window is empty', async () => {
    now = T0 + 2 * 60 * MIN;
    try {
      expect((await readDigest(store, clock, '1h')).total).toBe(0);
      expect((await readDigest(store, clock, '24h')).total).toBe(5);
    } finally {
      now = T0;
    }
  });

  it('recent_failures over MCP: structured counts and Markdown, phones masked', async () => {
    const ctx = makeTestContext({ store, clock });
    const { client, close } = await connect(ctx);
    try {
      const r = (await client.callTool({ name: recentFailures.name, arguments: { window: '1h' } })) as { structuredContent?: any; content: Array<{ text?: string }> };
      expect(r.structuredContent.total).toBe(3);
      expect(r.structuredContent.by_scenario[0]).toMatchObject({ scenario: 'sender-id-issues', count: 2 });
      const md = r.content.map((c) => c.text ?? '').join('\n');
      expect(md).toContain('Failures in the last hour: 3');
      expect(md).toContain('msg_d1');
      expect(md + JSON.stringify(r.structuredContent)).not.toContain('551234567');
    } finally {
      await close();
    }
  });
});
