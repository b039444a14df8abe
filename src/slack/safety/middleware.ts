/**
 * Global middleware, first in the chain: drop duplicate deliveries (Slack retries) and messages
 * from bots (Bolt's ignoreSelf drops our own; this drops every other bot too, and edits/joins).
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger, Store } from '../../../tools/context.js';
import { createDedupe, deliveryKey } from './dedupe.js';

/** Message subtypes that carry something a person wrote. */
const HUMAN_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export function isFromBotOrSystem(event: Record<string, unknown> | undefined): boolean {
  if (!event || (event.type !== 'message' && event.type !== 'app_mention')) return false;
  if (event.bot_id || event.bot_profile || event.subtype === 'bot_message') return true;
  return !HUMAN_SUBTYPES.has(event.subtype as string | undefined);
}

export function safetyMiddleware(store: Store, logger: Logger): Middleware<AnyMiddlewareArgs> {
  const isFirst = createDedupe(store, logger);
  return async (args) => {
    const body = args.body as Record<string, unknown>;
    const event = body.event as Record<string, unknown> | undefined;
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (isFromBotOrSystem(event)) {
      logger.debug(`ignoring a ${String(event?.type)} from a bot or system (${String(event?.subtype ?? event?.bot_id ?? '')})`);
      return;
    }
    const key = deliveryKey(body);
    if (key && !(await isFirst(key))) {
      const retry = (args as { context?: { retryNum?: number } }).context?.retryNum;
      logger.info(`duplicate delivery ${key}${retry ? ` (retry ${retry})` : ''}: already answered, skipped`);
      if (ack) await ack();
      return;
    }
    await args.next();
  };
}
