/**
 * The Redis store: the state several `serve` processes share (Slack event dedupe, thread context,
 * the lookup cache, rate limits, feedback counts), so that two processes behave as one.
 *
 * It never throws to callers. When Redis is unreachable, slow or refusing commands, every call is
 * answered by an in-process memory store for the duration of the outage (dedupe is then
 * per-process), a warning is logged once per outage, and state() says 'degraded'. A probe brings
 * the store back to Redis once Redis answers again. Keys written during an outage stay in that
 * process's memory; they are not copied into Redis afterwards.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { createClient } from 'redis';
import type { Clock, Logger, Store } from '../../tools/context.js';
import { ConfigError } from '../../tools/errors.js';
import { createMemoryStore } from './memory.js';

export type RedisState = 'ready' | 'degraded';

export type RedisStore = Store & { readonly kind: 'redis'; state(): RedisState };

export interface RedisStoreOptions {
  /** Prepended to every key, so one Redis can hold several deployments. */
  prefix?: string;
  /** Longest a single command may take before the call is answered from memory. */
  commandTimeoutMs?: number;
  /** How long startup waits for the first connection before starting degraded. */
  connectTimeoutMs?: number;
  /** Upper bound of the reconnect backoff. */
  maxBackoffMs?: number;
  /** While degraded, how often to check whether Redis answers again. */
  probeIntervalMs?: number;
  clock?: Clock;
}

const DEFAULTS = {
  prefix: 'sent-doctor:',
  commandTimeoutMs: 500,
  connectTimeoutMs: 2_000,
  maxBackoffMs: 5_000,
  probeIntervalMs: 1_000,
};

/**
 * INCR that sets the TTL only when it creates the key (as the memory store does). A value that
 * is not an integer restarts the count at 1 and keeps its TTL, instead of failing the call.
 */
const INCR_SCRIPT = `
local existed = redis.call('EXISTS', KEYS[1]) == 1
local n = redis.pcall('INCR', KEYS[1])
if type(n) == 'table' and n.err then
  redis.call('SET', KEYS[1], '1', 'KEEPTTL')
  n = 1
end
local ttl = tonumber(ARGV[1])
if not existed and ttl and ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
return n
`;

/** `redis://host:port` without user or password: what logs may show. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Redis wants whole positive milliseconds; anything else means "no expiry". */
function px(ttlMs: number | undefined): number | undefined {
  return ttlMs !== undefined && Number.isFinite(ttlMs) && ttlMs > 0 ? Math.max(1, Math.ceil(ttlMs)) : undefined;
}

function describe(e: unknown): string {
  const text = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

export async function createRedisStore(url: string, logger: Logger, options: RedisStoreOptions = {}): Promise<RedisStore> {
  const o = { ...DEFAULTS, ...options };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('REDIS_URL is not a valid URL.', { hint: 'Use redis://host:6379 (or rediss:// for TLS), e.g. redis://127.0.0.1:6379.' });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new ConfigError('REDIS_URL must start with redis:// or rediss://.', { hint: 'e.g. redis://127.0.0.1:6379' });

  const where = describeRedisUrl(url);
  const clock = o.clock ?? { now: () => Date.now() };
  const k = (key: string) => o.prefix + key;

  const client = createClient({
    url,
    // A command issued while disconnected fails at once instead of waiting in a queue.
    disableOfflineQueue: true,
    commandOptions: { timeout: o.commandTimeoutMs },
    socket: {
      connectTimeout: Math.max(o.commandTimeoutMs, 1_000),
      // Never give up; back off up to maxBackoffMs, with jitter so a fleet does not reconnect in step.
      reconnectStrategy: (retries: number) => Math.min(o.maxBackoffMs, 50 * 2 ** Math.min(retries, 16)) + Math.floor(Math.random() * 50),
    },
  });

  let mode: RedisState = 'ready';
  let closed = false;
  /** Answers calls while Redis is away; a fresh one per outage so no stale value outlives it. */
  let fallback: Store | null = null;
  let probeTimer: NodeJS.Timeout | undefined;
  let probing = false;

  const degrade = (reason: string) => {
    if (closed || mode === 'degraded') return;
    mode = 'degraded';
    fallback = createMemoryStore(clock);
    logger.warn(`Redis unavailable at ${where} (${reason}): dedupe is per-process until it returns; rate limits, thread context, feedback counts and the lookup cache are kept in this process meanwhile.`);
    startProbe();
  };

  const recover = () => {
    if (closed || mode === 'ready') return;
    mode = 'ready';
    const old = fallback;
    fallback = null;
    void old?.close();
    stopProbe();
    logger.info(`Redis at ${where} is answering again: state is shared across instances again.`);
  };

  /**
   * A write round trip, so a Redis that accepts connections but refuses writes (OOM, read-only
   * replica) stays degraded. Not time-boxed: while Redis hangs, at most this one command waits.
   */
  const probe = async () => {
    if (probing || closed || mode === 'ready' || !client.isReady) return;
    probing = true;
    try {
      await client.set(k('__probe'), '1', { expiration: { type: 'PX', value: 5_000 } });
      recover();
    } catch (e) {
      logger.debug(`Redis probe failed: ${describe(e)}`);
    } finally {
      probing = false;
    }
  };

  function startProbe() {
    if (probeTimer) return;
    probeTimer = setInterval(() => void probe(), o.probeIntervalMs);
    probeTimer.unref();
  }
  function stopProbe() {
    if (probeTimer) clearInterval(probeTimer);
    probeTimer = undefined;
  }

  // Without an 'error' listener node-redis would crash the process on the first socket error.
  client.on('error', (e: unknown) => {
    logger.debug(`Redis connection error: ${describe(e)}`);
    degrade(describe(e));
  });
  client.on('reconnecting', () => degrade('connection lost, reconnecting'));
  client.on('ready', () => void probe());

  /**
   * node-redis times a command out only while it waits to be written; once sent, it waits for the
   * reply forever (replies are matched by order). A Redis that stops answering would hold every
   * caller, so each call is time-boxed here; the late reply is simply dropped.
   */
  function timeBox<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${o.commandTimeoutMs} ms`)), o.commandTimeoutMs);
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  }

  /** Runs on Redis when it is ready; otherwise, or on any failure, on the fallback memory store. */
  async function run<T>(viaRedis: () => Promise<T>, viaMemory: (m: Store) => Promise<T>): Promise<T> {
    if (!closed && mode === 'ready' && client.isReady) {
      try {
        return await timeBox(viaRedis());
      } catch (e) {
        degrade(describe(e));
      }
    } else if (!closed && mode === 'ready') {
      degrade('not connected');
    }
    fallback ??= createMemoryStore(clock);
    return viaMemory(fallback);
  }

  const connecting = client.connect().then(
    () => true,
    () => false,
  );
  const connected = await Promise.race([connecting, delay(o.connectTimeoutMs, false, { ref: false })]);
  if (connected) logger.info(`Store: Redis at ${where} (key prefix "${o.prefix}").`);
  else degrade(`no connection within ${o.connectTimeoutMs} ms`);

  return {
    kind: 'redis',
    state: () => mode,
    get: (key) =>
      run(
        async () => {
          const v = await client.get(k(key));
          return v === null ? null : String(v);
        },
        (m) => m.get(key),
      ),
    set: (key, value, ttlMs) =>
      run(
        async () => {
          const t = px(ttlMs);
          await client.set(k(key), value, t ? { expiration: { type: 'PX', value: t } } : undefined);
        },
        (m) => m.set(key, value, ttlMs),
      ),
    setIfAbsent: (key, value, ttlMs) =>
      run(
        async () => {
          const t = px(ttlMs);
          const r = await client.set(k(key), value, { condition: 'NX', ...(t ? { expiration: { type: 'PX', value: t } } : {}) });
          return r !== null;
        },
        (m) => m.setIfAbsent(key, value, ttlMs),
      ),
    incr: (key, ttlMs) =>
      run(
        async () => Number(await client.eval(INCR_SCRIPT, { keys: [k(key)], arguments: [String(px(ttlMs) ?? 0)] })),
        (m) => m.incr(key, ttlMs),
      ),
    del: (key) =>
      run(
        async () => {
          await client.del(k(key));
        },
        (m) => m.del(key),
      ),
    async close() {
      if (closed) return;
      closed = true;
      stopProbe();
      if (client.isReady) {
        // quit lets in-flight commands finish; bounded so shutdown never hangs on a stuck Redis.
        await Promise.race([client.close().catch(() => undefined), delay(1_000, undefined, { ref: false })]);
      }
      if (client.isOpen) client.destroy();
      await connecting;
      await fallback?.close();
    },
  };
}
