/**
 * The one place per listener kind where errors stop. The user sees the error's safe message and
 * hint (DoctorError.message is written to be shown; it is still redacted and escaped here); the
 * log gets the detail and a reference the user can quote. Listeners that must acknowledge get
 * their ack() here, first, before any work.
 */
import type { Logger } from '../../tools/context.js';
import { isDoctorError } from '../../tools/errors.js';
import { redactSecrets } from '../../tools/domain/redact.js';
import { escapeMrkdwn } from './safety/mrkdwn.js';
import { newId } from './state/answers.js';

export type ListenerKind = 'event' | 'message' | 'command' | 'action' | 'shortcut' | 'view' | 'assistant';

/** Tells the user something went wrong, where they asked. */
export type Replier = (mrkdwn: string) => Promise<unknown>;

/** Slack Web API failures users can act on. */
const SLACK_ERRORS: Record<string, string> = {
  not_in_channel: 'sent-doctor is not in this channel, so it cannot answer here. Invite it with `/invite @sent-doctor`, or send it a DM.',
  channel_not_found: 'sent-doctor cannot see this conversation. Invite it with `/invite @sent-doctor`, or send it a DM.',
  is_archived: 'This channel is archived, so sent-doctor cannot answer in it.',
  msg_blocks_too_long: 'The answer was too long for Slack. Try asking about fewer messages at a time.',
  ratelimited: 'Slack is rate-limiting sent-doctor right now. Try again in a minute.',
  expired_trigger_id: 'Slack took too long to open the form. Run the command again.',
};

export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } } | null;
  return e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string' ? e.data.error : undefined;
}

export function userMessage(err: unknown, ref: string): string {
  if (isDoctorError(err)) return escapeMrkdwn(redactSecrets([err.message, err.hint].filter(Boolean).join(' ')));
  const code = slackErrorCode(err);
  if (code && SLACK_ERRORS[code]) return SLACK_ERRORS[code]!;
  return `Something went wrong inside sent-doctor (reference \`${ref}\`). The details are in its log; please try again, and quote the reference if it keeps happening.`;
}

export async function reportFailure(kind: ListenerKind, logger: Logger, err: unknown, reply?: Replier): Promise<void> {
  const ref = newId().slice(0, 8);
  if (isDoctorError(err)) logger.warn(`[slack ${kind}] ${err.name} (ref ${ref}): ${err.message}${err.detail ? ` | ${err.detail}` : ''}`);
  else {
    logger.error(`[slack ${kind}] unexpected error (ref ${ref}):`, err);
    if (err instanceof Error && err.stack) logger.debug(err.stack);
  }
  if (!reply) return;
  try {
    await reply(`:warning: ${userMessage(err, ref)}`);
  } catch (e) {
    logger.warn(`[slack ${kind}] could not tell the user about ref ${ref}:`, e);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each listener kind acks with its own body type
type AckFn = (response?: any) => Promise<void>;

/**
 * Wraps a listener: acks first (kinds that ack with no body), then runs it; a throw is reported
 * through `replier`. A view listener acks itself (it may answer with `response_action`); if it
 * throws before doing so, the guard acks so Slack does not show a timeout.
 */
export function guard<A extends { ack?: AckFn }>(
  kind: ListenerKind,
  logger: Logger,
  handler: (args: A) => Promise<void>,
  replier: (args: A) => Replier | undefined,
): (args: A) => Promise<void> {
  const ackFirst = kind === 'command' || kind === 'action' || kind === 'shortcut';
  return async (args: A) => {
    let acked = false;
    const realAck = args.ack;
    const ack: AckFn = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      await realAck?.(response);
    };
    try {
      if (ackFirst && realAck) await ack();
      await handler(realAck ? { ...args, ack } : args);
    } catch (err) {
      if (realAck && !acked) await ack().catch(() => undefined);
      await reportFailure(kind, logger, err, replier(args));
    }
  };
}
