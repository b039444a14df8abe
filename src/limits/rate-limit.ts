/**
 * Per-caller and global request limits (config.rateLimits), shared by the surfaces that serve
 * people and agents: Slack (per person) and /mcp (per client). Counted per clock minute in the
 * store, so several replicas sharing Redis share one budget. Each surface has its own scope, so a
 * busy Slack workspace does not use up the budget of MCP clients, and the other way round.
 */
import type { Clock, Logger, Store } from '../../tools/context.js';
import { LimitError } from '../../tools/errors.js';

export interface RateLimits {
  userPerMin: number;
  globalPerMin: number;
}

/** Keys are `<scope>:rl:u:<caller>:<minute>` and `<scope>:rl:g:<minute>`. */
export type LimitScope = 'slack' | 'mcp';

export interface Limiter {
  /** Counts one request for the caller; throws RateLimitedError past a limit. */
  take(callerKey: string): Promise<void>;
}

/** A rate limit was hit; `retryAfterSeconds` is when the current minute's budget resets. */
export class RateLimitedError extends LimitError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly who: 'caller' | 'everyone',
    hint: string,
  ) {
    super(message, { hint });
  }
}

const CALLER_WORD: Record<LimitScope, string> = { slack: 'person', mcp: 'client' };
/** People get a round figure; an MCP client gets the seconds it can act on (also in Retry-After). */
const hintFor = (scope: LimitScope, s: number) => (scope === 'slack' ? 'Try again in a minute.' : `Retry after ${s} s.`);

export function createLimiter(store: Store, clock: Clock, limits: RateLimits, logger: Logger, scope: LimitScope = 'slack'): Limiter {
  return {
    async take(callerKey) {
      const now = clock.now();
      const minute = Math.floor(now / 60_000);
      const retryAfter = Math.max(1, Math.ceil(((minute + 1) * 60_000 - now) / 1000));
      let caller: number;
      let global: number;
      try {
        caller = await store.incr(`${scope}:rl:u:${callerKey}:${minute}`, 61_000);
        if (caller > limits.userPerMin)
          throw new RateLimitedError(
            `You have sent ${limits.userPerMin} request${limits.userPerMin === 1 ? '' : 's'} in the last minute, the most sent-doctor answers per ${CALLER_WORD[scope]}.`,
            retryAfter,
            'caller',
            hintFor(scope, retryAfter),
          );
        global = await store.incr(`${scope}:rl:g:${minute}`, 61_000);
      } catch (err) {
        if (err instanceof LimitError) throw err;
        // A store outage must not stop people getting answers; the Redis store never throws anyway.
        logger.warn('rate-limit store unavailable; not limiting:', err);
        return;
      }
      if (global > limits.globalPerMin)
        throw new RateLimitedError(`sent-doctor is answering its maximum of ${limits.globalPerMin} requests a minute right now.`, retryAfter, 'everyone', hintFor(scope, retryAfter));
    },
  };
}
