/**
 * The polling fallback (no SENT_WEBHOOK_SECRET): lookup_message every 30 s for at most 30 minutes,
 * a cap per workspace. An injected clock drives both the watch service and the simulator, and the
 * test calls tick() itself: no real sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, SIMULATOR_DEMO_KEY, type ListeningSimulator } from '../../src/simulator/index.js';
import { createSentClient } from '../../src/sent/client.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createWatchService, type ThreadRef, type WatchService } from '../../src/watch/service.js';
import { makeTestContext, withSent, type TestContext } from '../helpers/context.js';

let now = Date.parse('2026-08-20T10:00:00Z');
const clock = { now: () => now };
let sim: ReturnType<typeof createSimulator>;
let listening: ListeningSimulator;
let ctx: TestContext;
const posted: Array<{ where: ThreadRef; text: string }> = [];

beforeAll(async () => {
  sim = createSimulator({ clock });
  listening = await sim.listen(0, '127.0.0.1');
  const base = makeTestContext({ clock, store: createMemoryStore(clock) });
  ctx = withSent(base, createSentClient({ apiKey: SIMULATOR_DEMO_KEY, baseUrl: listening.url, timeoutMs: 5_000, connectTimeoutMs: 1_000, maxRetries: 0, logger: base.logger }));
});
afterAll(async () => {
  await listening.close();
});

function service(o: { pollCapPerTeam?: number } = {}): WatchService {
  const s = createWatchService(ctx, { mode: 'poll', timers: false, ...o });
  s.setPoster(async (where, text) => void posted.push({ where, text }));
  return s;
}
const where = (threadTs: string, team = 'T0TEAM001'): ThreadRef => ({ team, channel: 'C0SUPPORT1', threadTs, isDm: false });
const lookups = (id: string) => sim.requests.filter((r) => r.url === `/v3/messages/${id}`).length;
const textsIn = (ts: string) => posted.filter((p) => p.where.threadTs === ts).map((p) => p.text);

async function sandboxSend(): Promise<string> {
  const r = await ctx.sent!.sendSandbox({ to: ['+14155550123'], text: 'hello', channel: ['sms'] });
  return r.recipients![0]!.message_id;
}

describe('polling fallback', () => {
  it('says it polls; a change seen by a poll posts one update; a final status ends the watch', async () => {
    const s = service();
    const id = await sandboxSend();
    const reply = await s.watch({ message_id: id, where: where('1.1') });
    expect(reply.outcome).toBe('watching');
    expect(reply.status).toBe('QUEUED');
    expect(reply.text).toContain('Mode: polling');
    expect(reply.text).toContain('every 30 seconds for at most 30 minutes');
    const before = lookups(id);
    now += 10_000; // not due yet
    await s.tick();
    expect(lookups(id)).toBe(before);
    now += 20_000; // 30 s: due; the simulated message is DELIVERED 4 s after it was sent
    await s.tick();
    expect(lookups(id)).toBe(before + 1);
    expect(textsIn('1.1')).toHaveLength(1);
    expect(textsIn('1.1')[0]).toContain('is now *DELIVERED* (polled)');
    expect(textsIn('1.1')[0]).toContain('watch has ended');
    expect(s.polling()).toBe(0);
    now += 60_000;
    await s.tick();
    expect(lookups(id)).toBe(before + 1);
  });

  it('stops after 30 minutes (about 60 lookups) and says so', async () => {
    const s = service();
    const id = 'msg_seed_scheduled_quiet_hours';
    const reply = await s.watch({ message_id: id, where: where('2.1') });
    expect(reply.outcome).toBe('watching');
    const before = lookups(id);
    for (let i = 0; i < 70; i++) {
      now += 30_000;
      await s.tick();
    }
    expect(lookups(id) - before).toBeLessThanOrEqual(60);
    expect(lookups(id) - before).toBeGreaterThanOrEqual(58);
    const texts = textsIn('2.1');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('polling ends after 30 minutes');
    expect(s.polling()).toBe(0);
  });

  it('a final message is not watched; an unknown one is not found', async () => {
    const s = service();
    const failed = await s.watch({ message_id: 'msg_seed_route_denied', where: where('3.1') });
    expect(failed.outcome).toBe('final');
    expect(failed.text).toContain('Cause:');
    expect(failed.text).toContain('ERR_ROUTE_DENIED');
    expect((await s.watch({ message_id: 'msg_does_not_exist', where: where('3.2') })).outcome).toBe('not_found');
  });

  it('caps the polled watches per workspace, and frees a place when one ends', async () => {
    const s = service({ pollCapPerTeam: 2 });
    const ids = [await sandboxSend(), await sandboxSend(), await sandboxSend()];
    expect((await s.watch({ message_id: ids[0]!, where: where('4.1', 'TCAP') })).outcome).toBe('watching');
    expect((await s.watch({ message_id: ids[1]!, where: where('4.2', 'TCAP') })).outcome).toBe('watching');
    const third = await s.watch({ message_id: ids[2]!, where: where('4.3', 'TCAP') });
    expect(third.outcome).toBe('cap');
    expect(third.text).toContain('SENT_WEBHOOK_SECRET');
    // Another workspace has its own places.
    expect((await s.watch({ message_id: ids[2]!, where: where('4.4', 'TOTHER') })).outcome).toBe('watching');
    now += 30_000;
    await s.tick(); // all delivered: the watches end
    expect((await s.watch({ message_id: await sandboxSend(), where: where('4.5', 'TCAP') })).outcome).toBe('watching');
  });
});
