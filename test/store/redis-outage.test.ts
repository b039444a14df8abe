/**
 * Redis going away mid-run: a private redis-server on a spare loopback port, killed and restarted
 * (or frozen and resumed) under a live store. The store keeps answering from memory, says
 * 'degraded', warns once per outage, and returns to Redis when Redis answers again.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/store/redis.js';
import { captureLogger, freePort, rawClient, startRedisServer, stopRedisServer, waitFor } from './redis-helpers.js';

const PREFIX = 'outage-test:';
const children: ChildProcess[] = [];
const stores: RedisStore[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const c of children.splice(0)) {
    if (c.signalCode === 'SIGSTOP' || c.exitCode === null) c.kill('SIGCONT');
    await stopRedisServer(c);
  }
});

async function setup() {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  children.push(await startRedisServer(port));
  const { logger, lines } = captureLogger();
  const store = await createRedisStore(url, logger, { prefix: PREFIX, probeIntervalMs: 50, maxBackoffMs: 200, commandTimeoutMs: 300 });
  stores.push(store);
  const warnings = () => lines.filter((l) => l.includes('WARN') && l.includes('Redis unavailable'));
  const recoveries = () => lines.filter((l) => l.includes('is answering again'));
  return { port, url, store, lines, warnings, recoveries };
}

describe('Redis store when Redis goes away', () => {
  it('keeps answering from memory while Redis is dead, warns once, and returns to Redis after a restart', async () => {
    const { port, url, store, lines, warnings, recoveries } = await setup();
    expect(store.state()).toBe('ready');
    await store.set('before', 'in-redis');

    await stopRedisServer(children[0]!);
    children.length = 0;

    // Every call still answers (from this process's memory) and none throws.
    expect(await store.setIfAbsent('dedupe:Ev1', '1', 60_000)).toBe(true);
    expect(await store.setIfAbsent('dedupe:Ev1', '1', 60_000)).toBe(false);
    expect(store.state()).toBe('degraded');
    expect(await store.incr('rate:U1', 60_000)).toBe(1);
    expect(await store.incr('rate:U1', 60_000)).toBe(2);
    await store.set('thread:T1', 'ctx', 60_000);
    expect(await store.get('thread:T1')).toBe('ctx');
    // What lived only in Redis is not visible meanwhile.
    expect(await store.get('before')).toBeNull();
    await store.del('thread:T1');
    expect(await store.get('thread:T1')).toBeNull();

    // Let several reconnect attempts fail: still exactly one warning for this outage.
    await new Promise((r) => setTimeout(r, 600));
    for (let i = 0; i < 20; i++) await store.get(`k${i}`);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('dedupe is per-process until it returns');

    children.push(await startRedisServer(port));
    await waitFor(() => store.state() === 'ready', 10_000, 'the store to return to Redis');
    expect(recoveries()).toHaveLength(1);

    // Back on Redis: writes are visible to another client of the same Redis.
    await store.set('after', 'shared', 60_000);
    const raw = await rawClient(url);
    try {
      expect(await raw.get(`${PREFIX}after`)).toBe('shared');
    } finally {
      raw.destroy();
    }
    // The outage's memory is dropped: the restarted Redis is the only truth again.
    expect(await store.setIfAbsent('dedupe:Ev1', '1', 60_000)).toBe(true);

    // A second outage is a second warning.
    await stopRedisServer(children.pop()!);
    expect(await store.get('after')).toBeNull();
    expect(store.state()).toBe('degraded');
    expect(warnings()).toHaveLength(2);
    expect(lines.some((l) => l.includes('ERROR'))).toBe(false);
  });

  it('does not queue behind a Redis that stopped answering: commands time out, answers come from memory', async () => {
    const { store, warnings, recoveries } = await setup();
    await store.set('k', 'v');
    children[0]!.kill('SIGSTOP');
    try {
      // The first call waits for the command timeout (300 ms) and then answers from memory.
      expect(await store.setIfAbsent('dedupe:Ev9', '1', 60_000)).toBe(true);
      expect(store.state()).toBe('degraded');
      // Later calls do not touch Redis at all while it is degraded.
      const results = await Promise.all(Array.from({ length: 50 }, () => store.setIfAbsent('dedupe:Ev10', '1', 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(warnings()).toHaveLength(1);
    } finally {
      children[0]!.kill('SIGCONT');
    }
    await waitFor(() => store.state() === 'ready', 10_000, 'the store to return to Redis');
    expect(recoveries()).toHaveLength(1);
    expect(await store.get('k')).toBe('v');
  });

  it('close() finishes promptly while Redis is down', async () => {
    const { store } = await setup();
    await stopRedisServer(children.pop()!);
    await store.get('x');
    const started = Date.now();
    await store.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    // Calls after close still answer instead of throwing.
    expect(await store.setIfAbsent('late', '1', 1_000)).toBe(true);
  });
});
