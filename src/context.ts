/** Builds the real ToolContext from config: the only place that wires infrastructure to the tools. */
import type { SentApi, Store, ToolContext } from '../tools/context.js';
import type { Config } from './config.js';
import type { AppLogger } from './log.js';
import { createSentClient } from './sent/client.js';
import { loadKnowledge } from './knowledge/load.js';
import { loadCoverage } from './coverage/load.js';
import { createMemoryStore } from './store/memory.js';
import { cachedSentApi, DEFAULT_LOOKUP_TTL_MS, keyScope } from './store/cache.js';
import { createSentBreaker, withCircuitBreaker } from './sent/breaker.js';

export interface BuildContextOptions {
  logger: AppLogger;
  /** Override the Sent client (demo mode points it at the embedded simulator). */
  sent?: SentApi | null;
  sentForKey?: ((key: string) => SentApi) | null;
  store?: Store;
}

// Issue 6 (scale-out): every client gets the lookup cache (in `store`, when given) in front of
// one circuit breaker shared by all the clients of this factory. The cache sits outside the
// breaker so that cached answers still come back while the circuit is open, and cache hits do
// not count as proof that Sent is up.
export function sentFactory(config: Config, logger: AppLogger, baseUrl = config.sent.baseUrl, store?: Store) {
  const breaker = createSentBreaker({ logger });
  return (apiKey: string): SentApi => {
    const client = createSentClient({
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
    knowledge: loadKnowledge(),
    coverage: loadCoverage(),
    store,
    clock,
    logger: opts.logger,
    limits: { ...config.limits },
  };
}
