/**
 * The Store contract, run against every implementation (memory and Redis), so both behave the
 * same for the callers: dedupe, thread context, the lookup cache, rate limits, feedback counts.
 * Time never passes for real: each subject says how to make `ms` go by as its store sees it (an
 * injected clock for memory; for Redis, every TTL under the test prefix shortened by `ms`, which
 * is what Redis' own clock would do), so no test sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../tools/context.js';

export interface ContractSubject {
  store: Store;
  /** Let `ms` pass for the store's TTLs. */
  elapse(ms: number): Promise<void>;
  cleanup(): Promise<void>;
}

export function storeContract(name: string, make: () => Promise<ContractSubject>): void {
  describe(`Store contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: Store;
    let n = 0;
    /** A fresh key per test, so tests never see each other's values. */
    const key = (label: string) => `contract:${label}:${++n}`;

    beforeAll(async () => {
      subject = await make();
      store = subject.store;
    });
    afterAll(async () => {
      await subject.cleanup();
    });

    it('returns null for a key never written', async () => {
      expect(await store.get(key('missing'))).toBeNull();
    });

    it('round-trips values, overwrites, and keeps odd keys and values intact', async () => {
      const k = key('roundtrip');
      await store.set(k, 'first');
      expect(await store.get(k)).toBe('first');
      await store.set(k, 'second');
      expect(await store.get(k)).toBe('second');

      const odd = ['a/../b', 'with\nnewline', 'ünïcødé ✓ 🚀', 'spaces and : colons', ''];
      for (const [i, s] of odd.entries()) {
        const ok = `${key('odd')}:${s}`;
        await store.set(ok, `${s}|${i}`);
        expect(await store.get(ok)).toBe(`${s}|${i}`);
      }
      const big = 'x'.repeat(200_000) + '\u{1F680}';
      const bk = key('big');
      await store.set(bk, big);
      expect(await store.get(bk)).toBe(big);
      expect(await store.get(key('roundtrip-other'))).toBeNull();
    });

    it('expires a value set with a TTL, and keeps one set without', async () => {
      const short = key('ttl');
      const forever = key('no-ttl');
      await store.set(short, 'v', 10_000);
      await store.set(forever, 'v');
      expect(await store.get(short)).toBe('v');
      await subject.elapse(9_000);
      expect(await store.get(short)).toBe('v');
      await subject.elapse(1_001);
      expect(await store.get(short)).toBeNull();
      expect(await store.get(forever)).toBe('v');
    });

    it('setIfAbsent creates once, leaves the value alone, and can create again after expiry', async () => {
      const k = key('nx');
      expect(await store.setIfAbsent(k, 'one', 10_000)).toBe(true);
      expect(await store.setIfAbsent(k, 'two', 10_000)).toBe(false);
      expect(await store.get(k)).toBe('one');
      await subject.elapse(10_001);
      expect(await store.get(k)).toBeNull();
      expect(await store.setIfAbsent(k, 'three', 10_000)).toBe(true);
      expect(await store.get(k)).toBe('three');
    });

    it('setIfAbsent is atomic: 100 concurrent callers, exactly one wins', async () => {
      const k = key('nx-race');
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => store.setIfAbsent(k, `caller-${i}`, 10_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await store.get(k)).toBe(`caller-${winner}`);
    });

    it('incr counts from 1 and is atomic under concurrency', async () => {
      const k = key('incr');
      expect(await store.incr(k)).toBe(1);
      expect(await store.incr(k)).toBe(2);
      const k2 = key('incr-race');
      const all = await Promise.all(Array.from({ length: 100 }, () => store.incr(k2, 10_000)));
      expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(await store.get(k2)).toBe('100');
    });

    it('incr sets the TTL when it creates the key, and later increments do not extend it', async () => {
      const k = key('incr-ttl');
      expect(await store.incr(k, 10_000)).toBe(1);
      await subject.elapse(5_000);
      expect(await store.incr(k, 10_000)).toBe(2);
      await subject.elapse(5_001);
      // Created 10.001 s ago with a 10 s TTL: gone, even though it was incremented at 5 s.
      expect(await store.get(k)).toBeNull();
      expect(await store.incr(k, 10_000)).toBe(1);
    });

    it('incr on a value that is not a number restarts the count at 1', async () => {
      const k = key('incr-text');
      await store.set(k, 'not a number');
      expect(await store.incr(k)).toBe(1);
      expect(await store.incr(k)).toBe(2);
    });

    it('del removes a key, and deleting a missing key is fine', async () => {
      const k = key('del');
      await store.set(k, 'v');
      await store.del(k);
      expect(await store.get(k)).toBeNull();
      await expect(store.del(key('del-missing'))).resolves.toBeUndefined();
      expect(await store.setIfAbsent(k, 'again', 1_000)).toBe(true);
    });
  });
}
