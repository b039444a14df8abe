import { z } from 'zod';
import { defineTool } from './define.js';
import { ConfigError, InputError, SentApiError } from './errors.js';
import { describeBadId, isMessageId } from './domain/message-id.js';
import { NormalisedMessage, normaliseMessage } from './domain/records/normalise.js';
import { decideVerdict, notFoundVerdict, Verdict } from './domain/records/verdicts.js';
import type { ActivityRecord, MeRecord } from './domain/records/schema.js';

const Output = NormalisedMessage.partial().extend({
  found: z.boolean(),
  message_id: z.string(),
  /** What the record shows: the kind of outcome, the one concrete cause, the scenarios it is consistent with. */
  verdict: Verdict,
  /** Partial problems (e.g. the activity log could not be read). */
  warnings: z.array(z.string()).optional(),
  looked_up_at: z.object({ base_url: z.string(), key: z.string().describe('Fingerprint of the API key, never the key') }),
});
export type LookupResult = z.infer<typeof Output>;

/** The account's own sender numbers, from GET /v3/me. */
export function accountNumbers(me: MeRecord | undefined): string[] {
  const ch = me?.channels;
  return [ch?.sms?.phone_number, ch?.whatsapp?.phone_number, ch?.rcs?.phone_number].filter((n): n is string => !!n);
}

export const lookupMessage = defineTool({
  name: 'lookup_message',
  description:
    'Look up one Sent message (UUID or msg_…): its verdict and concrete cause, status, timeline and codes.',
  input: z.object({
    message_id: z.string().min(1).max(200).describe('The message ID: a UUID, or msg_… (sandbox IDs start with msg_test_)'),
  }),
  output: Output,
  annotations: { title: 'Look up a Sent message', readOnlyHint: true, destructiveHint: false, openWorldHint: true, idempotentHint: true },
  async run({ message_id }, ctx, opts) {
    const id = message_id.trim();
    if (!isMessageId(id))
      throw new InputError(`"${describeBadId(id)}" is not a Sent message ID.`, {
        hint: 'A message ID is a UUID (e.g. 8ba7b830-9dad-11d1-80b4-00c04fd430c8) or starts with msg_ (sandbox: msg_test_…).',
      });
    const sent = ctx.sent;
    if (!sent)
      throw new ConfigError('No Sent API key is configured, so the message cannot be looked up.', {
        hint: 'Set SENT_DM_API_KEY (or SENT_API_KEY). To try sent-doctor without a real key, run `sent-doctor simulate` and point SENT_BASE_URL at the URL it prints.',
      });
    const looked_up_at = { base_url: sent.baseUrl, key: sent.keyFingerprint };
    const call = { signal: opts?.signal };

    opts?.progress?.(0, 3, 'Fetching the message, its activity log and the account');
    const [msg, acts, me] = await Promise.allSettled([sent.getMessage(id, call), sent.getActivities(id, call), sent.getMe(call)]);
    opts?.progress?.(3, 3, 'Fetched');

    if (msg.status === 'rejected') {
      const e: unknown = msg.reason;
      if (e instanceof SentApiError && e.code === 'RESOURCE_003')
        return { found: false, message_id: id, verdict: notFoundVerdict(id, { key: sent.keyFingerprint, baseUrl: sent.baseUrl }), looked_up_at };
      throw e;
    }

    const warnings: string[] = ctx.demo ? ["Demo mode: this record comes from sent-doctor's built-in simulator (demo data), not from Sent."] : [];
    let activities: ActivityRecord[] = [];
    if (acts.status === 'fulfilled') activities = acts.value;
    else warnings.push(`The activity log could not be read (${acts.reason instanceof Error ? acts.reason.message : 'unknown error'}); the timeline uses the message events only.`);
    const n = normaliseMessage(msg.value, activities, { accountNumbers: me.status === 'fulfilled' ? accountNumbers(me.value) : undefined });
    const message = { ...n, message_id: n.message_id === '(unknown)' ? id : n.message_id };
    const verdict = decideVerdict(message, { now: ctx.clock.now(), code: ctx.knowledge.code, coverage: ctx.coverage });
    return { found: true, ...message, verdict, ...(warnings.length ? { warnings } : {}), looked_up_at };
  },
});
