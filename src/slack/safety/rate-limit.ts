/**
 * Per-user and global request limits (config.rateLimits), counted per clock minute in the store
 * so that several replicas sharing Redis share the budget.
 */
import type { Clock, Logger, Store } from '../../../tools/context.js';
import { LimitError } from '../../../tools/errors.js';

export interface RateLimits {
  userPerMin: number;
  globalPerMin: number;
}

export interface Limiter {
  /** Counts one request for the user; throws LimitError past a limit. */
  take(userKey: string): Promise<void>;
}

export function createLimiter(store: Store, clock: Clock, limits: RateLimits, logger: Logger): Limiter {
  return {
    async take(userKey) {
      const minute = Math.floor(clock.now() / 60_000);
      let user: number;
      let global: number;
      try {
        user = await store.incr(`slack:rl:u:${userKey}:${minute}`, 61_000);
        if (user > limits.userPerMin) throw tooMany('you', limits.userPerMin);
        global = await store.incr(`slack:rl:g:${minute}`, 61_000);
      } catch (err) {
        if (err instanceof LimitError) throw err;
        logger.warn('rate-limit store unavailable; not limiting:', err);
        return;
      }
      if (global > limits.globalPerMin) throw tooMany('everyone', limits.globalPerMin);
    },
  };
}

function tooMany(who: 'you' | 'everyone', n: number): LimitError {
  return who === 'you'
    ? new LimitError(`You have sent ${n} requests in the last minute, the most sent-doctor answers per person.`, { hint: 'Try again in a minute.' })
    : new LimitError(`sent-doctor is answering its maximum of ${n} requests a minute right now.`, { hint: 'Try again in a minute.' });
}
