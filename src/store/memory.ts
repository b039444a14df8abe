/**
 * In-process store with TTLs; the default when REDIS_URL is not set. Bounded by entries and by the
 * characters its keys and values hold: answers, their step lists and thread state are kilobytes
 * each, so an entry count alone let a busy Slack workspace fill hundreds of megabytes.
 */
import type { Clock, Store } from '../../tools/context.js';

interface Entry {
  value: string;
  expiresAt: number;
}

export interface MemoryStoreLimits {
  /** At most this many entries (default 50,000). */
  maxEntries?: number;
  /** At most this many characters over all keys and values (default 16 Mi, about 16–32 MB). */
  maxChars?: number;
}

export const MEMORY_STORE_MAX_CHARS = 16 * 1024 * 1024;

export function createMemoryStore(clock: Clock = { now: () => Date.now() }, limits: number | MemoryStoreLimits = {}): Store {
  const { maxEntries = 50_000, maxChars = MEMORY_STORE_MAX_CHARS } = typeof limits === 'number' ? { maxEntries: limits } : limits;
  const map = new Map<string, Entry>();
  let chars = 0;
  const drop = (key: string) => {
    const e = map.get(key);
    if (!e) return;
    chars -= key.length + e.value.length;
    map.delete(key);
  };
  const live = (key: string): Entry | undefined => {
    const e = map.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= clock.now()) {
      drop(key);
      return undefined;
    }
    return e;
  };
  const put = (key: string, value: string, ttlMs?: number) => {
    drop(key);
    map.set(key, { value, expiresAt: ttlMs ? clock.now() + ttlMs : Number.POSITIVE_INFINITY });
    chars += key.length + value.length;
    // Bounded: drop the oldest insertions first (the newest entry always stays).
    while (map.size > 1 && (map.size > maxEntries || chars > maxChars)) drop(map.keys().next().value as string);
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
      if (e) {
        chars += String(n).length - e.value.length;
        e.value = String(n);
      } else put(key, String(n), ttlMs);
      return n;
    },
    async del(key) {
      drop(key);
    },
    async close() {
      map.clear();
      chars = 0;
    },
  };
}
