/**
 * Sent misbehaving, through every surface. For each fault the simulator can inject (latency past
 * the timeout, 500, 503, 429 + Retry-After, malformed JSON, a reset mid-body) the CLI, the MCP
 * tools and the Slack app each give an answer: a knowledge-base answer marked "live checks
 * unavailable", or a typed error a person can read. Nothing crashes, nothing is answered twice.
 * Then Redis dies under a running Slack app: it still answers every event once.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type ListeningSimulator, type Simulator } from '../../src/simulator/index.js';
import { createRedisStore, type RedisStore } from '../../src/store/redis.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createDedupe } from '../../src/slack/safety/dedupe.js';
import { diagnose, DiagnoseOutput } from '../../tools/diagnose.js';
import { callTool } from '../../tools/define.js';
import type { Store } from '../../tools/context.js';
import { cli } from '../cli/run.js';
import { connect, textOf as mcpText } from '../mcp/setup.js';
import { startHarness, textOf as slackText } from '../slack/helpers/harness.js';
import { BOT } from '../slack/helpers/fake-slack.js';
import { captureLogger, freePort, startRedisServer, stopRedisServer, waitFor } from '../store/redis-helpers.js';
import { expectNoTestSecrets } from '../helpers/secrets.js';
import { BUG_TEXT, FAULTS, KEY, STACK, faultEnv, servedContext } from './helpers.js';

const ID = 'msg_seed_algeria_sent';
const QUESTION = `why is ${ID} not delivered? the customer in Algeria never got it`;
/** Faults Sent answers itself (a 429 is an answer); the others make Sent unreachable. */
const ANSWERED = new Set(['rate_limit=60']);
const LIVE_UNAVAILABLE = 'Live checks unavailable';

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => void unhandled.push(e);
const sims = new Map<string, { sim: Simulator; server: ListeningSimulator }>();

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // One simulator per fault, so the faults can run side by side.
  for (const { fault } of FAULTS) {
    const sim = createSimulator({ keys: [KEY] });
    const server = await sim.listen(0, '127.0.0.1');
    sim.injectFault({ path: '/v3/', fault, times: Infinity });
    sims.set(fault, { sim, server });
  }
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  for (const { server } of sims.values()) await server.close();
  expect(unhandled).toEqual([]);
});

/** Diagnose's answer under a fault: complete, schema-valid, the lookup reported, never a bug. */
function expectFaultAnswer(d: unknown, fault: string): void {
  const parsed = DiagnoseOutput.parse(d);
  expect(parsed.scenarios[0]?.id).toBe('sms-country-delivery');
  const lookup = parsed.lookups.find((l) => l.message_id === ID)!;
  expect(lookup).toBeDefined();
  expect('error' in lookup && typeof lookup.error === 'string' && lookup.error.length > 10).toBe(true);
  expect(JSON.stringify(lookup)).not.toMatch(BUG_TEXT);
  if (ANSWERED.has(fault)) expect(JSON.stringify(lookup)).toMatch(/rate|limit|BUSINESS_002|try again/i);
  else expect(parsed.notes.join('\n')).toContain(LIVE_UNAVAILABLE);
}

describe.concurrent.each(FAULTS)('Sent fault: $name', ({ fault }) => {
  const url = () => sims.get(fault)!.server.url;

  it('CLI: diagnose answers from the knowledge base; status gives a typed error and its exit code', async ({ expect }) => {
    const d = await cli(['diagnose', '--json', QUESTION], { env: faultEnv(url()) });
    expect([0, 1]).toContain(d.code);
    expectFaultAnswer(JSON.parse(d.stdout), fault);
    expect(d.stderr).not.toMatch(STACK);

    const s = await cli(['status', '--json', ID], { env: faultEnv(url()) });
    expect(s.code).toBe(ANSWERED.has(fault) ? 1 : 3);
    const { error } = JSON.parse(s.stdout);
    expect(error.kind).toBe(ANSWERED.has(fault) ? 'sent' : 'unreachable');
    expect(error.message).not.toMatch(BUG_TEXT);
    expect(s.stderr).toMatch(/^error: .+\nfix: .+/);
    expect(s.stderr).not.toMatch(STACK);
    expectNoTestSecrets(d.stdout + d.stderr + s.stdout + s.stderr, 'CLI output');
  });

  it('MCP: diagnose returns a full result; lookup_message a readable tool error', async ({ expect }) => {
    const { ctx } = servedContext(url());
    const { client, close } = await connect(ctx);
    try {
      const d = await client.callTool({ name: 'diagnose', arguments: { text: QUESTION, detail: 'full' } });
      expect(d.isError).toBeFalsy();
      expectFaultAnswer(d.structuredContent, fault);
      const l = await client.callTool({ name: 'lookup_message', arguments: { message_id: ID } });
      expect(l.isError).toBe(true);
      expect(mcpText(l)).toMatch(ANSWERED.has(fault) ? /lookup_message failed \(sent\)/ : /lookup_message failed \(unreachable\)/);
      expect(mcpText(l)).not.toMatch(BUG_TEXT);
      expectNoTestSecrets(mcpText(d) + mcpText(l) + ctx.logLines.join('\n'), 'MCP output and logs');
    } finally {
      await close();
    }
  });

  it('Slack: a mention and its retry get exactly one answer, marked or explained', async ({ expect }) => {
    const { ctx } = servedContext(url());
    const h = await startHarness({ sent: false, ctx: { sent: ctx.sent, sentForKey: ctx.sentForKey } });
    try {
      const vars = { text: `<@${BOT.userId}> ${QUESTION}`, event_id: `EvFAULT${fault.replace(/\W/g, '')}` };
      await h.send('app_mention', vars);
      await h.send('app_mention', vars, { retryNum: 1 });
      const posts = h.fake.of('chat.postMessage');
      expect(posts).toHaveLength(1);
      const text = slackText(posts[0]!.body);
      expect(text).toContain('SMS not delivered in specific countries');
      expect(text).not.toMatch(BUG_TEXT);
      if (!ANSWERED.has(fault)) expect(text).toContain(LIVE_UNAVAILABLE);
      expect(h.fake.unexpected).toEqual([]);
      expectNoTestSecrets(h.everything() + ctx.logLines.join('\n'), 'Slack output and logs');
    } finally {
      await h.close();
    }
  });
});

describe('Redis stopped mid-run', () => {
  const children: ChildProcess[] = [];
  let port: number;
  let store: RedisStore;
  let sim: { sim: Simulator; server: ListeningSimulator };
  const log = captureLogger();

  beforeAll(async () => {
    port = await freePort();
    children.push(await startRedisServer(port));
    store = await createRedisStore(`redis://127.0.0.1:${port}`, log.logger, { prefix: 'faults-test:', commandTimeoutMs: 200, probeIntervalMs: 50, maxBackoffMs: 100 });
    const s = createSimulator({ keys: [KEY] });
    sim = { sim: s, server: await s.listen(0, '127.0.0.1') };
  });
  afterAll(async () => {
    await store?.close();
    for (const c of children) await stopRedisServer(c);
    await sim?.server.close();
  });

  it('Slack answers every event exactly once: before, during and after the outage, retries included; MCP answers too', async () => {
    const { ctx } = servedContext(sim.server.url, { store });
    const h = await startHarness({ sent: false, ctx: { sent: ctx.sent, sentForKey: ctx.sentForKey, store } });
    try {
      // Lookups take 300 ms, so answers are in flight when Redis dies.
      sim.sim.injectFault({ path: '/v3/messages/', fault: 'latency=300', times: Infinity });
      const ids = ['msg_seed_algeria_sent', 'msg_seed_route_denied', 'msg_seed_consent_blocked', 'msg_seed_insufficient_balance', 'msg_seed_not_on_whatsapp'];
      const deliver = (i: number, retryNum?: number) =>
        h.push('app_mention', { text: `<@${BOT.userId}> what happened to ${ids[i]}?`, event_id: `EvREDIS${i}` }, { retryNum }).done;

      const inFlight = [deliver(0), deliver(1)];
      await h.fake.waitFor('reactions.add', 2);
      await stopRedisServer(children.pop()!); // Redis dies with two answers in flight
      const during = [deliver(0, 1), deliver(1, 1), deliver(2), deliver(3)];
      await Promise.all([...inFlight, ...during]);
      expect(store.state()).toBe('degraded');
      await Promise.all([deliver(2, 1), deliver(3, 2)]);

      // MCP is stateless, but its lookup cache lives in the store: it answers all the same.
      const { client, close } = await connect(ctx);
      const m = await client.callTool({ name: 'diagnose', arguments: { text: `what happened to ${ids[4]}?` } });
      await close();
      expect(m.isError).toBeFalsy();
      expect(mcpText(m)).toContain(ids[4]);

      // Redis comes back empty (no persistence): this process still remembers what it answered.
      children.push(await startRedisServer(port));
      await waitFor(() => store.state() === 'ready', 10_000, 'the store to return to Redis');
      await Promise.all([deliver(0, 2), deliver(2, 2), deliver(3, 3), deliver(4)]);
      await deliver(4, 1);

      const posts = h.fake.of('chat.postMessage').map((p) => slackText(p.body));
      for (const id of ids) expect(posts.filter((t) => t.includes('`' + id + '`')).length, id).toBe(1);
      expect(posts).toHaveLength(5);
      expect(posts.join('\n')).not.toMatch(BUG_TEXT);
      expect(log.lines.filter((l) => l.includes('Redis unavailable'))).toHaveLength(1);
      expect(h.ctx.logLines.join('\n')).toContain('duplicate delivery event:EvREDIS0');
    } finally {
      await h.close();
    }
  });
});

describe('bounded lookup concurrency', () => {
  it('a slow Sent never sees more than LOOKUP_CONCURRENCY lookups (two requests each) at once', async () => {
    const sim = createSimulator({ keys: [KEY] });
    let inFlight = 0;
    let peak = 0;
    const server = createServer((req, res) => {
      peak = Math.max(peak, ++inFlight);
      res.on('close', () => inFlight--);
      sim.handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      sim.injectFault({ path: '/v3/messages/', fault: 'latency=150', times: Infinity });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { ctx } = servedContext(url, { limits: { maxTextLength: 20_000, lookupConcurrency: 2, lookupBudgetMs: 5_000, maxLookups: 10 } });
      const ids = ['msg_seed_algeria_sent', 'msg_seed_route_denied', 'msg_seed_consent_blocked', 'msg_seed_insufficient_balance', 'msg_seed_not_on_whatsapp', 'msg_seed_blocked_template'];
      const d = await callTool(diagnose, { text: `none of these arrived: ${ids.join(' ')}` }, ctx);
      expect(d.lookups.filter((l) => 'found' in l && l.found)).toHaveLength(ids.length);
      // getMessage and getActivities of one lookup run side by side: 2 lookups = 4 requests.
      expect(peak).toBeLessThanOrEqual(4);
      expect(peak).toBeGreaterThan(2);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('dedupe across a store that forgets', () => {
  it('a process never answers one delivery twice, even when the shared store loses its claim', async () => {
    const shared = createMemoryStore();
    let current: Store = shared;
    const swapping: Store = {
      kind: 'redis',
      get: (k) => current.get(k),
      set: (k, v, t) => current.set(k, v, t),
      setIfAbsent: (k, v, t) => current.setIfAbsent(k, v, t),
      incr: (k, t) => current.incr(k, t),
      del: (k) => current.del(k),
      close: async () => undefined,
    };
    const { logger } = captureLogger();
    const first = createDedupe(swapping, logger);
    const other = createDedupe(swapping, logger); // another process on the same store
    expect(await first('event:E1')).toBe(true);
    expect(await other('event:E1')).toBe(false);
    current = createMemoryStore(); // an outage: a store that has never seen E1
    expect(await first('event:E1')).toBe(false);
    expect(await first('event:E2')).toBe(true);
    current = shared; // back: the shared store never saw E2
    expect(await first('event:E2')).toBe(false);
    expect(await other('event:E2')).toBe(true); // across processes only the shared store can tell
  });
});
