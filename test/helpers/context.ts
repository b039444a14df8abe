/** Test contexts: the real knowledge base and coverage table, a memory store, a captured logger. */
import type { SentApi, ToolContext } from '../../tools/context.js';
import { createLogger, type AppLogger } from '../../src/log.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadCoverage } from '../../src/coverage/load.js';
import { createMemoryStore } from '../../src/store/memory.js';

export interface TestContext extends ToolContext {
  logger: AppLogger;
  /** Every log line written through ctx.logger. */
  logLines: string[];
}

export function makeTestContext(overrides: Partial<ToolContext> = {}): TestContext {
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l) });
  const clock = overrides.clock ?? { now: () => Date.now() };
  return {
    sent: null,
    sentForKey: null,
    knowledge: loadKnowledge(),
    coverage: loadCoverage(),
    store: createMemoryStore(clock),
    clock,
    limits: { maxTextLength: 20_000, lookupConcurrency: 4, lookupBudgetMs: 5_000, maxLookups: 10 },
    ...overrides,
    logger,
    logLines,
  };
}

/** A context whose Sent client talks to a running simulator (see test/helpers/simulator.ts). */
export function withSent(ctx: TestContext, sent: SentApi, forKey?: (k: string) => SentApi): TestContext {
  return { ...ctx, sent, sentForKey: forKey ?? null };
}
