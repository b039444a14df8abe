/**
 * Exactly one answer per delivery. Slack retries events it thinks were not acknowledged
 * (`x-slack-retry-num`) and can deliver the same event twice; both carry the same `event_id`.
 * Interactive payloads have no event_id; their `trigger_id` is unique per user action.
 */
import type { Logger, Store } from '../../../tools/context.js';

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
