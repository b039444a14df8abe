/** Builds the real ToolContext from config: the only place that wires infrastructure to the tools. */
import type { SentApi, Store, ToolContext } from '../tools/context.js';
import type { Config } from './config.js';
import type { AppLogger } from './log.js';
import { createSentClient } from './sent/client.js';
import { loadKnowledge } from './knowledge/load.js';
import { loadCoverage } from './coverage/load.js';
import { createMemoryStore } from './store/memory.js';

export interface BuildContextOptions {
  logger: AppLogger;
  /** Override the Sent client (demo mode points it at the embedded simulator). */
  sent?: SentApi | null;
  sentForKey?: ((key: string) => SentApi) | null;
  store?: Store;
}

export function sentFactory(config: Config, logger: AppLogger, baseUrl = config.sent.baseUrl) {
  return (apiKey: string): SentApi =>
    createSentClient({
      apiKey,
      baseUrl,
      timeoutMs: config.sent.timeoutMs,
      connectTimeoutMs: config.sent.connectTimeoutMs,
      maxRetries: config.sent.maxRetries,
      logger,
    });
}

export function buildContext(config: Config, opts: BuildContextOptions): ToolContext {
  const forKey = opts.sentForKey !== undefined ? opts.sentForKey : sentFactory(config, opts.logger);
  const sent = opts.sent !== undefined ? opts.sent : config.sent.apiKey && forKey ? forKey(config.sent.apiKey) : null;
  const clock = { now: () => Date.now() };
  return {
    sent,
    sentForKey: forKey,
    knowledge: loadKnowledge(),
    coverage: loadCoverage(),
    store: opts.store ?? createMemoryStore(clock),
    clock,
    logger: opts.logger,
    limits: { ...config.limits },
  };
}
