/**
 * The lookup cache in front of the Sent client: per-key isolation (even for keys that share a
 * display fingerprint), TTL expiry, errors never cached, and sharing across two instances on Redis.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SentApi, Store } from '../../tools/context.js';
import type { ActivityRecord, MessageRecord } from '../../tools/domain/records/schema.js';
import { SentApiError } from '../../tools/errors.js';
import { fingerprint } from '../../tools/domain/redact.js';
import { cachedSentApi, keyScope, lookupCacheKey } from '../../src/store/cache.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createRedisStore } from '../../src/store/redis.js';
import { SHARED_REDIS_URL, captureLogger, deletePrefix, uniquePrefix } from './redis-helpers.js';

// Two keys of two accounts that share a display fingerprint (same prefix, same last four).
const KEY_A = 'sk_test_aaaaaaaaaaaaaaaaaaaa7f3a';
const KEY_B = 'sk_test_bbbbbbbbbbbbbbbbbbbb7f3a';
const BASE = 'http://127.0.0.1:9';
const ID = 'msg_test_0001';

/** A Sent account in memory: answers with records that name the account, counts calls. */
class FakeAccount implements SentApi {
  readonly baseUrl = BASE;
  readonly keyFingerprint: string;
  calls = { message: 0, activities: 0, me: 0 };
  failNext: Error | null = null;
  constructor(readonly account: string, apiKey: string) {
    this.keyFingerprint = fingerprint(apiKey);
  }
  async getMessage(id: string): Promise<MessageRecord> {
    this.calls.message++;
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    return { id, status: 'DELIVERED', customer_id: this.account, to: '+15550001111', n: this.calls.message } as MessageRecord;
  }
  async getActivities(id: string): Promise<ActivityRecord[]> {
    this.calls.activities++;
    return [{ status: 'SENT', description: `${this.account}:${id}` } as ActivityRecord];
  }
  async getMe() {
    this.calls.me++;
    return { id: this.account } as never;
  }
  async getTemplate(): Promise<never> {
    throw new Error('not used');
  }
  async sendSandbox(): Promise<never> {
    throw new Error('not used');
  }
}

const cached = (inner: FakeAccount, store: Store, apiKey: string, ttlMs = 15_000) => cachedSentApi(inner, store, ttlMs, keyScope(apiKey, BASE));

describe('lookup cache', () => {
  it('serves a repeat lookup from the store within the TTL', async () => {
    const store = createMemoryStore();
    const a = new FakeAccount('acct-A', KEY_A);
    const api = cached(a, store, KEY_A);
    const first = await api.getMessage(ID);
    const second = await api.getMessage(ID);
    expect(second).toEqual(first);
    expect(a.calls.message).toBe(1);
    // Activities are a separate entry for the same ID.
    await api.getActivities(ID);
    await api.getActivities(ID);
    expect(a.calls.activities).toBe(1);
    expect(await store.get(lookupCacheKey(keyScope(KEY_A, BASE), 'message', ID))).toContain('acct-A');
    // Not cached: account info.
    await api.getMe();
    await api.getMe();
    expect(a.calls.me).toBe(2);
    expect(api.keyFingerprint).toBe(a.keyFingerprint);
  });

  it('never serves one key the entries of another, even when their fingerprints are equal', async () => {
    expect(fingerprint(KEY_A)).toBe(fingerprint(KEY_B));
    expect(keyScope(KEY_A, BASE)).not.toBe(keyScope(KEY_B, BASE));
    const store = createMemoryStore();
    const a = new FakeAccount('acct-A', KEY_A);
    const b = new FakeAccount('acct-B', KEY_B);
    const apiA = cached(a, store, KEY_A);
    const apiB = cached(b, store, KEY_B);
    expect((await apiA.getMessage(ID)).customer_id).toBe('acct-A');
    expect((await apiB.getMessage(ID)).customer_id).toBe('acct-B');
    expect((await apiA.getActivities(ID))[0]!.description).toBe(`acct-A:${ID}`);
    expect((await apiB.getActivities(ID))[0]!.description).toBe(`acct-B:${ID}`);
    expect(b.calls).toMatchObject({ message: 1, activities: 1 });
    // And a cached repeat stays with its own account.
    expect((await apiB.getMessage(ID)).customer_id).toBe('acct-B');
    expect((await apiA.getMessage(ID)).customer_id).toBe('acct-A');
    expect(a.calls.message).toBe(1);
    expect(b.calls.message).toBe(1);
  });

  it('keys the same API key separately per Sent base URL, and never stores the key itself', async () => {
    expect(keyScope(KEY_A, BASE)).not.toBe(keyScope(KEY_A, 'https://api.sent.dm'));
    const scope = keyScope(KEY_A, BASE);
    expect(scope).toMatch(/^[0-9a-f]{32}$/);
    expect(scope).not.toContain('7f3a');
  });

  it('expires entries after the TTL', async () => {
    let now = 1_000_000;
    const store = createMemoryStore({ now: () => now });
    const a = new FakeAccount('acct-A', KEY_A);
    const api = cached(a, store, KEY_A, 60);
    await api.getMessage(ID);
    now += 59;
    await api.getMessage(ID);
    expect(a.calls.message).toBe(1);
    now += 2;
    const fresh = await api.getMessage(ID);
    expect(a.calls.message).toBe(2);
    expect((fresh as { n?: number }).n).toBe(2);
  });

  it('does not cache errors', async () => {
    const store = createMemoryStore();
    const a = new FakeAccount('acct-A', KEY_A);
    const api = cached(a, store, KEY_A);
    a.failNext = new SentApiError('Sent says: message not found.', { status: 404, code: 'RESOURCE_003' });
    await expect(api.getMessage(ID)).rejects.toBeInstanceOf(SentApiError);
    expect(await store.get(lookupCacheKey(keyScope(KEY_A, BASE), 'message', ID))).toBeNull();
    expect((await api.getMessage(ID)).status).toBe('DELIVERED');
    expect(a.calls.message).toBe(2);
  });

  it('passes odd IDs straight through without writing a cache entry', async () => {
    const store = createMemoryStore();
    const writes: string[] = [];
    const spy: Store = { ...store, set: async (k, v, t) => (writes.push(k), store.set(k, v, t)) };
    const a = new FakeAccount('acct-A', KEY_A);
    const api = cached(a, spy, KEY_A);
    for (const id of ['../etc/passwd', 'a/b', 'x\ny', 'x'.repeat(500)]) {
      await api.getMessage(id);
      await api.getMessage(id);
    }
    expect(a.calls.message).toBe(8);
    expect(writes).toEqual([]);
  });

  it('still answers when the store fails, and treats a corrupt entry as a miss', async () => {
    const broken: Store = {
      kind: 'memory',
      get: async () => {
        throw new Error('store down');
      },
      set: async () => {
        throw new Error('store down');
      },
      setIfAbsent: async () => false,
      incr: async () => 0,
      del: async () => undefined,
      close: async () => undefined,
    };
    const a = new FakeAccount('acct-A', KEY_A);
    expect((await cached(a, broken, KEY_A).getMessage(ID)).customer_id).toBe('acct-A');

    const store = createMemoryStore();
    await store.set(lookupCacheKey(keyScope(KEY_A, BASE), 'message', ID), '{not json');
    expect((await cached(a, store, KEY_A).getMessage(ID)).customer_id).toBe('acct-A');
    expect(a.calls.message).toBe(2);
  });
});

describe('lookup cache on Redis', () => {
  const prefix = uniquePrefix('cache');
  afterAll(async () => {
    await deletePrefix(prefix);
  });

  it('is shared by two instances for the same key, and isolated between keys', async () => {
    const { logger } = captureLogger();
    const s1 = await createRedisStore(SHARED_REDIS_URL, logger, { prefix });
    const s2 = await createRedisStore(SHARED_REDIS_URL, logger, { prefix });
    try {
      const a1 = new FakeAccount('acct-A', KEY_A);
      const a2 = new FakeAccount('acct-A', KEY_A);
      const b2 = new FakeAccount('acct-B', KEY_B);
      await cached(a1, s1, KEY_A).getMessage(ID);
      // The second instance answers the same question for the same key from the shared cache.
      expect((await cached(a2, s2, KEY_A).getMessage(ID)).customer_id).toBe('acct-A');
      expect(a2.calls.message).toBe(0);
      // Another key on the second instance goes to its own account.
      expect((await cached(b2, s2, KEY_B).getMessage(ID)).customer_id).toBe('acct-B');
      expect(b2.calls.message).toBe(1);
    } finally {
      await s1.close();
      await s2.close();
    }
  });
});
