import { describe, expect, test } from 'vitest';
import { createMemoryStore } from '../../src/store/memory.js';
import { createLogger } from '../../src/log.js';
import { createLimiter } from '../../src/limits/rate-limit.js';
import { deliveryKey, isFirstDelivery } from '../../src/slack/safety/dedupe.js';
import { isFromBotOrSystem } from '../../src/slack/safety/middleware.js';
import { composeTurn, createThreadMemory } from '../../src/slack/state/thread-memory.js';
import { guard, userMessage } from '../../src/slack/boundary.js';
import { ConfigError, InputError, LimitError } from '../../tools/errors.js';
import type { Store } from '../../tools/context.js';

const KEY = 'sk_live_Sf4Gh7Jk2Lz9Xc3Vb8Nm1Qw5';

function logs() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
}

function brokenStore(): Store {
  const fail = async () => {
    throw new Error('store down');
  };
  return { kind: 'redis', get: fail, set: fail, setIfAbsent: fail, incr: fail, del: fail, close: async () => undefined };
}

describe('dedupe', () => {
  test('event_id first, then trigger_id; nothing else', () => {
    expect(deliveryKey({ event_id: 'Ev1', trigger_id: 't' })).toBe('event:Ev1');
    expect(deliveryKey({ trigger_id: 't1' })).toBe('trigger:t1');
    expect(deliveryKey({ type: 'url_verification' })).toBeUndefined();
  });

  test('the same delivery is first only once; a store outage lets it through', async () => {
    const { logger, lines } = logs();
    const store = createMemoryStore();
    expect(await isFirstDelivery(store, 'event:Ev1', logger)).toBe(true);
    expect(await isFirstDelivery(store, 'event:Ev1', logger)).toBe(false);
    expect(await isFirstDelivery(store, 'event:Ev2', logger)).toBe(true);
    expect(await isFirstDelivery(brokenStore(), 'event:Ev3', logger)).toBe(true);
    expect(lines.join('\n')).toContain('dedupe store unavailable');
  });
});

describe('rate limits', () => {
  test('per user, per minute; a new minute resets', async () => {
    let now = Date.parse('2026-05-09T10:00:10Z');
    const clock = { now: () => now };
    const { logger } = logs();
    const lim = createLimiter(createMemoryStore(clock), clock, { userPerMin: 3, globalPerMin: 100 }, logger);
    for (let i = 0; i < 3; i++) await lim.take('T:U1');
    await expect(lim.take('T:U1')).rejects.toBeInstanceOf(LimitError);
    await lim.take('T:U2');
    now += 60_000;
    await lim.take('T:U1');
  });

  test('global limit across users', async () => {
    const clock = { now: () => Date.parse('2026-05-09T10:00:10Z') };
    const { logger } = logs();
    const lim = createLimiter(createMemoryStore(clock), clock, { userPerMin: 100, globalPerMin: 2 }, logger);
    await lim.take('a');
    await lim.take('b');
    const err = await lim.take('c').catch((e) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect(err.message).toContain('2 requests a minute');
  });

  test('a store outage does not block people', async () => {
    const { logger, lines } = logs();
    await createLimiter(brokenStore(), { now: () => 0 }, { userPerMin: 1, globalPerMin: 1 }, logger).take('x');
    expect(lines.join('\n')).toContain('rate-limit store unavailable');
  });
});

describe('bots and system messages are ignored', () => {
  test.each([
    [{ type: 'message', bot_id: 'B1', text: 'x' }, true],
    [{ type: 'message', subtype: 'bot_message', text: 'x' }, true],
    [{ type: 'app_mention', bot_profile: { id: 'B1' }, text: 'x' }, true],
    [{ type: 'message', subtype: 'message_changed' }, true],
    [{ type: 'message', subtype: 'channel_join' }, true],
    [{ type: 'message', user: 'U1', text: 'x' }, false],
    [{ type: 'message', subtype: 'file_share', user: 'U1' }, false],
    [{ type: 'app_mention', user: 'U1', text: 'x' }, false],
    [{ type: 'app_home_opened', user: 'U1' }, false],
  ])('%j → %s', (event, ignored) => {
    expect(isFromBotOrSystem(event as Record<string, unknown>)).toBe(ignored);
  });
});

describe('thread memory', () => {
  test('remembers IDs and payloads (secrets replaced), merges, survives a bad record', async () => {
    const { logger } = logs();
    const store = createMemoryStore();
    const mem = createThreadMemory(store, logger);
    const t = { team: 'T', channel: 'C', threadTs: '1.2' };
    expect(await mem.get(t)).toEqual({ message_ids: [], payloads: [] });
    await mem.remember(t, await mem.get(t), ['msg_a'], [`{"to":["+12025550123"],"api_key":"${KEY}"}`]);
    await mem.remember(t, await mem.get(t), ['msg_b', 'msg_a'], []);
    const m = await mem.get(t);
    expect(m.message_ids).toEqual(['msg_a', 'msg_b']);
    expect(m.payloads).toHaveLength(1);
    expect(JSON.stringify(await store.get('slack:thread:T:C:1.2'))).not.toContain(KEY);
    await store.set('slack:thread:T:C:1.2', '{not json');
    expect(await mem.get(t)).toEqual({ message_ids: [], payloads: [] });
  });

  test('a follow-up without a payload brings the thread\'s payloads, within the length limit', () => {
    const memory = { message_ids: ['msg_a'], payloads: ['{"to":["+12025550123"],"channel":"WhatsApp"}'] };
    expect(composeTurn('and now?', memory, 10_000).text).toContain('"channel":"WhatsApp"');
    expect(composeTurn('and now?', memory, 20).text).toBe('and now?');
    const own = composeTurn('what about {"to":["+33612345678"],"channel":"sms"}', memory, 10_000);
    expect(own.text).not.toContain('WhatsApp');
    expect(own.payloads).toHaveLength(1);
  });
});

describe('the error boundary', () => {
  test('user messages: a DoctorError shows its message and hint, redacted and escaped; anything else only a reference', () => {
    expect(userMessage(new InputError(`Bad <!channel> key ${KEY}`, { hint: 'Try again.' }), 'r1')).toBe(
      `Bad &lt;!channel&gt; key [key sk_live_…1Qw5] Try again.`,
    );
    const internal = userMessage(new Error(`boom at /srv/app.js with ${KEY}`), 'ref42');
    expect(internal).toContain('ref42');
    expect(internal).not.toContain('boom');
    expect(internal).not.toContain(KEY);
    expect(userMessage(Object.assign(new Error('x'), { code: 'slack_webapi_platform_error', data: { error: 'not_in_channel' } }), 'r')).toContain('/invite @sent-doctor');
  });

  test('acks first for commands, catches, logs the detail apart from what the user sees', async () => {
    const { logger, lines } = logs();
    const order: string[] = [];
    const said: string[] = [];
    const handler = guard(
      'command',
      logger,
      async (args: { ack: () => Promise<void> }) => {
        order.push('work');
        await args.ack(); // a second ack is absorbed by the guard
        throw new ConfigError('No Sent API key is configured.', { hint: 'Set SENT_DM_API_KEY.', detail: 'internal detail xyz' });
      },
      () => async (t) => void said.push(t),
    );
    await handler({ ack: async () => void order.push('ack') });
    expect(order).toEqual(['ack', 'work']);
    expect(said[0]).toContain('No Sent API key is configured. Set SENT_DM_API_KEY.');
    expect(said[0]).not.toContain('internal detail');
    expect(lines.join('\n')).toContain('internal detail xyz');
    expect(lines.join('\n')).toMatch(/ref [A-Za-z0-9_-]{8}/);
  });

  test('a view listener that throws before acking is acked by the guard', async () => {
    const { logger } = logs();
    const acks: unknown[] = [];
    await guard('view', logger, async () => {
      throw new Error('early');
    }, () => undefined)({ ack: async (r?: unknown) => void acks.push(r ?? 'empty') });
    expect(acks).toEqual(['empty']);
  });
});
