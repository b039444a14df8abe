/** Shared by the hardening and soak suites: the faults to inject, contexts wired like `serve`, and answer checks. */
import { loadConfig, type Config } from '../../src/config.js';
import { sentFactory } from '../../src/context.js';
import type { AppLogger } from '../../src/log.js';
import type { Store, ToolContext } from '../../tools/context.js';
import { makeTestContext, withSent, type TestContext } from '../helpers/context.js';
import { SENT_KEYS } from '../helpers/secrets.js';

export const KEY = SENT_KEYS.hardening;
export const TIMEOUT_MS = 400;

/** Each fault the simulator can inject, as the issue lists them. */
export const FAULTS = [
  { name: `latency past SENT_TIMEOUT_MS (${TIMEOUT_MS} ms)`, fault: `latency=${TIMEOUT_MS * 3}` },
  { name: '500', fault: 'status=500' },
  { name: '503', fault: 'status=503' },
  // Sent documents Retry-After: 60; the client does not wait that long, it reports it.
  { name: '429 + Retry-After', fault: 'rate_limit=60' },
  { name: 'malformed JSON', fault: 'malformed' },
  { name: 'reset mid-body', fault: 'reset' },
] as const;

/** The environment `serve` and the CLI would read: Sent at the simulator, a short timeout, one retry. */
export function faultEnv(simUrl: string): Record<string, string> {
  return { SENT_DM_API_KEY: KEY, SENT_BASE_URL: simUrl, SENT_TIMEOUT_MS: String(TIMEOUT_MS), SENT_CONNECT_TIMEOUT_MS: '300', SENT_MAX_RETRIES: '1', LOG_LEVEL: 'debug' };
}

/** A test context whose Sent client is built exactly as `serve` builds it (breaker, lookup cache in `store`). */
export function servedContext(simUrl: string, over: Partial<ToolContext> = {}): { ctx: TestContext; config: Config } {
  const config = loadConfig(faultEnv(simUrl));
  const base = makeTestContext(over);
  const store: Store | undefined = over.store ?? base.store;
  const forKey = sentFactory(config, base.logger as AppLogger, simUrl, store);
  return { ctx: withSent(base, forKey(KEY), forKey), config };
}

/** The generic message every boundary shows for a bug; a fault must never produce it. */
export const BUG_TEXT = /Something went wrong inside sent-doctor|failed unexpectedly|The lookup failed unexpectedly|internal error/i;
/** A stack trace in text meant for people. */
export const STACK = /\n\s+at .+\(.+:\d+:\d+\)|\n\s+at .+:\d+:\d+/;
