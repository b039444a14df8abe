/**
 * The Redis store against the real Redis on 127.0.0.1:6379 (`.ci/run` starts one): the shared
 * contract, and what makes two `serve` processes behave as one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisStore, describeRedisUrl, type RedisStore } from '../../src/store/redis.js';
import { configSecrets, loadConfig } from '../../src/config.js';
import { ConfigError } from '../../tools/errors.js';
import { storeContract } from './contract.js';
import { SHARED_REDIS_URL, captureLogger, deletePrefix, freePort, rawClient, uniquePrefix } from './redis-helpers.js';

const prefixes: string[] = [];
const open: RedisStore[] = [];

async function makeStore(prefix: string, url = SHARED_REDIS_URL) {
  const { logger, lines } = captureLogger();
  const store = await createRedisStore(url, logger, { prefix });
  open.push(store);
  return { store, lines };
}

function newPrefix(label: string) {
  const p = uniquePrefix(label);
  prefixes.push(p);
  return p;
}

afterAll(async () => {
  for (const s of open) await s.close();
  for (const p of prefixes) await deletePrefix(p);
});

storeContract('redis', async () => {
  const prefix = newPrefix('contract');
  const { store } = await makeStore(prefix);
  const raw = await rawClient();
  return {
    store,
    // Redis keeps its own clock: time passes for the store when every TTL under the prefix is
    // shortened by `ms` (a key whose TTL runs out is gone), exactly as waiting would do, without the wait.
    elapse: async (ms) => {
      for await (const keys of raw.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        for (const k of keys) {
          const left = await raw.pTTL(k);
          if (left < 0) continue; // no TTL (-1) or gone (-2)
          if (left - ms <= 0) await raw.del(k);
          else await raw.pExpire(k, left - ms);
        }
      }
    },
    cleanup: async () => {
      raw.destroy();
      await store.close();
    },
  };
});

describe('Redis store', () => {
  it('connects, reports kind and state, and writes under its key prefix', async () => {
    const prefix = newPrefix('prefix');
    const { store, lines } = await makeStore(prefix);
    expect(store.kind).toBe('redis');
    expect(store.state()).toBe('ready');
    await store.set('dedupe:Ev123', '1', 60_000);
    const raw = await rawClient();
    try {
      expect(await raw.get(`${prefix}dedupe:Ev123`)).toBe('1');
      const ttl = await raw.pTTL(`${prefix}dedupe:Ev123`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      // Without a TTL there is no expiry at all.
      await store.set('feedback:up', '3');
      expect(await raw.pTTL(`${prefix}feedback:up`)).toBe(-1);
    } finally {
      raw.destroy();
    }
    expect(lines.some((l) => l.includes('Store: Redis at redis://127.0.0.1:6379'))).toBe(true);
    expect(lines.some((l) => l.includes('WARN'))).toBe(false);
  });

  it('two store instances on one Redis behave as one: shared keys, one dedupe winner, one count', async () => {
    const prefix = newPrefix('two');
    const a = (await makeStore(prefix)).store;
    const b = (await makeStore(prefix)).store;

    await a.set('thread:C1:171.1', JSON.stringify({ ids: ['msg_1'] }), 60_000);
    expect(JSON.parse((await b.get('thread:C1:171.1'))!)).toEqual({ ids: ['msg_1'] });
    await b.del('thread:C1:171.1');
    expect(await a.get('thread:C1:171.1')).toBeNull();

    // The same Slack event delivered to both instances, 50 times each, at once: answered once.
    const claims = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).setIfAbsent('dedupe:Ev42', i % 2 ? 'a' : 'b', 60_000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);

    // Feedback clicks and rate-limit hits land on both instances: one count.
    const counts = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 3 ? a : b).incr('feedback:msg_1:up', 60_000)));
    expect(Math.max(...counts)).toBe(60);
    expect(new Set(counts).size).toBe(60);
    expect(await a.get('feedback:msg_1:up')).toBe('60');
  });

  it('different prefixes do not see each other', async () => {
    const a = (await makeStore(newPrefix('iso-a'))).store;
    const b = (await makeStore(newPrefix('iso-b'))).store;
    await a.set('k', 'from-a');
    expect(await b.get('k')).toBeNull();
    expect(await b.setIfAbsent('k', 'from-b', 10_000)).toBe(true);
    expect(await a.get('k')).toBe('from-a');
  });

  it('refuses a REDIS_URL that is not a redis URL, without echoing it', async () => {
    const { logger } = captureLogger();
    await expect(createRedisStore('not a url with p4ssw0rd', logger)).rejects.toBeInstanceOf(ConfigError);
    const err = await createRedisStore('http://user:p4ssw0rd@127.0.0.1:6379', logger).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).not.toContain('p4ssw0rd');
  });

  it('starts degraded when Redis is not there, answers from memory, and never logs the password', async () => {
    const port = await freePort();
    const password = 'redis-pw-Zq81xLm';
    const url = `redis://default:${password}@127.0.0.1:${port}`;
    const { logger, lines } = captureLogger();
    const store = await createRedisStore(url, logger, { prefix: newPrefix('down'), connectTimeoutMs: 300 });
    open.push(store);
    expect(store.state()).toBe('degraded');
    expect(await store.setIfAbsent('dedupe:Ev1', '1', 10_000)).toBe(true);
    expect(await store.setIfAbsent('dedupe:Ev1', '1', 10_000)).toBe(false);
    expect(await store.incr('rate:U1', 60_000)).toBe(1);
    await store.close();
    const warns = lines.filter((l) => l.includes('Redis unavailable'));
    expect(warns).toHaveLength(1);
    expect(warns[0]).toContain(`redis://127.0.0.1:${port}`);
    expect(lines.join('\n')).not.toContain(password);
    expect(describeRedisUrl(url)).toBe(`redis://127.0.0.1:${port}`);
    // And the logger's scrubber knows the password from the config.
    expect(configSecrets(loadConfig({ REDIS_URL: url }))).toContain(password);
  });
});
