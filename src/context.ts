/** Builds the real ToolContext from config: the only place that wires infrastructure to the tools. */
import type { SentApi, Store, ToolContext } from '../tools/context.js';
import type { Config } from './config.js';
import type { AppLogger } from './log.js';
import type { CoverageTable, KnowledgeBase } from '../tools/context.js';
import { loadKnowledge } from './knowledge/load.js';
import { loadCoverage } from './coverage/load.js';
import { lazySentClient } from './sent/lazy.js';
import { createMemoryStore } from './store/memory.js';
import { cachedSentApi, DEFAULT_LOOKUP_TTL_MS, keyScope } from './store/cache.js';
import { createSentBreaker, withCircuitBreaker } from './sent/breaker.js';

export interface BuildContextOptions {
  logger: AppLogger;
  /** Override the Sent client (demo mode points it at the embedded simulator). */
  sent?: SentApi | null;
  sentForKey?: ((key: string) => SentApi) | null;
  store?: Store;
  /** Demo mode: the Sent client talks to the built-in simulator; answers say so. */
  demo?: boolean;
}

// Issue 6 (scale-out): every client gets the lookup cache (in `store`, when given) in front of
// one circuit breaker shared by all the clients of this factory. The cache sits outside the
// breaker so that cached answers still come back while the circuit is open, and cache hits do
// not count as proof that Sent is up.
export function sentFactory(config: Config, logger: AppLogger, baseUrl = config.sent.baseUrl, store?: Store) {
  const breaker = createSentBreaker({ logger });
  return (apiKey: string): SentApi => {
    const client = lazySentClient({
      apiKey,
      baseUrl,
      timeoutMs: config.sent.timeoutMs,
      connectTimeoutMs: config.sent.connectTimeoutMs,
      maxRetries: config.sent.maxRetries,
      logger,
    });
    const guarded = withCircuitBreaker(client, { logger, breaker });
    return store ? cachedSentApi(guarded, store, DEFAULT_LOOKUP_TTL_MS, keyScope(apiKey, client.baseUrl)) : guarded;
  };
}

export function buildContext(config: Config, opts: BuildContextOptions): ToolContext {
  const clock = { now: () => Date.now() };
  const store = opts.store ?? createMemoryStore(clock);
  const forKey = opts.sentForKey !== undefined ? opts.sentForKey : sentFactory(config, opts.logger, undefined, store);
  const sent = opts.sent !== undefined ? opts.sent : config.sent.apiKey && forKey ? forKey(config.sent.apiKey) : null;
  return {
    sent,
    sentForKey: forKey,
    knowledge: lazy(loadKnowledge),
    coverage: lazy(loadCoverage),
    store,
    clock,
    logger: opts.logger,
    limits: { ...config.limits },
    ...(opts.demo ? { demo: true } : {}),
  };
}

/**
 * Loaded on first use, so a process that only lists tools starts fast. Surfaces that must fail
 * at start-up on a bad entry call `preload(ctx)` (serve does; mcp does right after connecting).
 */
function lazy<T extends object>(load: () => T): T {
  let real: T | undefined;
  // Methods are bound once each, not on every access: the tools call them many times per request.
  const bound = new Map<PropertyKey, { fn: unknown; bound: unknown }>();
  return new Proxy({} as T, {
    get(_t, prop) {
      real ??= load();
      const v: unknown = Reflect.get(real, prop, real);
      if (typeof v !== 'function') return v;
      const known = bound.get(prop);
      if (known?.fn === v) return known.bound;
      const b = v.bind(real);
      bound.set(prop, { fn: v, bound: b });
      return b;
    },
  });
}

/** Loads the knowledge base and coverage table now: a bad file throws here, naming the file. */
export function preload(ctx: { knowledge: KnowledgeBase; coverage: CoverageTable }): void {
  ctx.knowledge.list();
  void ctx.coverage.asOf;
}
