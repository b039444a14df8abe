/** What every listener gets: the tool context and the Slack-side state built on its store. */
import type { Logger, ToolContext } from '../../tools/context.js';
import { createLimiter, type Limiter, type RateLimits } from '../limits/rate-limit.js';
import { createThreadMemory, type ThreadMemoryStore } from './state/thread-memory.js';
import { createAnswerStore, type AnswerStore } from './state/answers.js';

export interface SlackDeps {
  ctx: ToolContext;
  logger: Logger;
  limiter: Limiter;
  threads: ThreadMemoryStore;
  answers: AnswerStore;
  /** `serve` without an API key: lookups go to the embedded simulator. */
  demo: boolean;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { userPerMin: 20, globalPerMin: 600 };

export function createDeps(ctx: ToolContext, o: { rateLimits?: RateLimits; demo?: boolean } = {}): SlackDeps {
  return {
    ctx,
    logger: ctx.logger,
    limiter: createLimiter(ctx.store, ctx.clock, o.rateLimits ?? DEFAULT_RATE_LIMITS, ctx.logger, 'slack'),
    threads: createThreadMemory(ctx.store, ctx.logger),
    answers: createAnswerStore(ctx.store, ctx.clock, ctx.logger),
    demo: o.demo ?? false,
  };
}
