/**
 * Exactly one answer per delivery. Slack retries events it thinks were not acknowledged
 * (`x-slack-retry-num`) and can deliver the same event twice; both carry the same `event_id`.
 * Interactive payloads have no event_id; their `trigger_id` is unique per user action.
 */
import type { Logger, Store } from '../../../tools/context.js';
import { createMemoryStore } from '../../store/memory.js';

export const SEEN_TTL_MS = 60 * 60 * 1000;

export function deliveryKey(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === 'string' && body.event_id) return `event:${body.event_id}`;
  if (typeof body.trigger_id === 'string' && body.trigger_id) return `trigger:${body.trigger_id}`;
  return undefined;
}

/** True the first time a delivery is seen. When the store fails it lets the delivery through (logged). */
export async function isFirstDelivery(store: Store, key: string, logger: Logger): Promise<boolean> {
  try {
    return await store.setIfAbsent(`slack:seen:${key}`, '1', SEEN_TTL_MS);
  } catch (err) {
    logger.warn('dedupe store unavailable; processing the delivery anyway:', err);
    return true;
  }
}

/**
 * The check the middleware uses: this process's own memory of the deliveries it claimed first,
 * then the shared store. The local claim keeps one process from answering twice when the shared
 * store changes under it: a retry that arrives during a Redis outage (the outage store has never
 * seen the first delivery) or after Redis returns (Redis never saw one claimed during the outage).
 * Across processes, only the shared store can help (README: "When Redis is down").
 */
export function createDedupe(store: Store, logger: Logger, maxLocal = 20_000): (key: string) => Promise<boolean> {
  const local = createMemoryStore(undefined, maxLocal);
  return async (key) => {
    if (!(await local.setIfAbsent(key, '1', SEEN_TTL_MS))) return false;
    return isFirstDelivery(store, key, logger);
  };
}
