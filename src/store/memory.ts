/** In-process store with TTLs; the default when REDIS_URL is not set. */
import type { Clock, Store } from '../../tools/context.js';

interface Entry {
  value: string;
  expiresAt: number;
}

export function createMemoryStore(clock: Clock = { now: () => Date.now() }, maxEntries = 50_000): Store {
  const map = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const e = map.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= clock.now()) {
      map.delete(key);
      return undefined;
    }
    return e;
  };
  const put = (key: string, value: string, ttlMs?: number) => {
    map.delete(key);
    map.set(key, { value, expiresAt: ttlMs ? clock.now() + ttlMs : Number.POSITIVE_INFINITY });
    // Bounded: drop the oldest insertions first.
    while (map.size > maxEntries) map.delete(map.keys().next().value as string);
  };
  return {
    kind: 'memory',
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlMs) {
      put(key, value, ttlMs);
    },
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      put(key, value, ttlMs);
      return true;
    },
    async incr(key, ttlMs) {
      const e = live(key);
      const n = (e ? Number(e.value) || 0 : 0) + 1;
      if (e) e.value = String(n);
      else put(key, String(n), ttlMs);
      return n;
    },
    async del(key) {
      map.delete(key);
    },
    async close() {
      map.clear();
    },
  };
}
