import { z } from 'zod';
import { defineTool } from './define.js';
import { ConfigError, InputError, SentApiError } from './errors.js';
import { describeBadId, isMessageId } from './domain/message-id.js';
import { Finding, NormalisedMessage, normaliseMessage, notFoundFinding } from './domain/normalise.js';
import type { ActivityRecord } from './domain/records.js';

const Output = NormalisedMessage.partial()
  .extend({
    found: z.boolean(),
    message_id: z.string(),
    findings: z.array(Finding),
    /** What to check when Sent does not know the ID. */
    next_steps: z.array(z.string()).optional(),
    /** Partial problems (e.g. the activity log could not be read). */
    warnings: z.array(z.string()).optional(),
    looked_up_at: z.object({ base_url: z.string(), key: z.string().describe('Fingerprint of the API key, never the key') }),
  });

export const lookupMessage = defineTool({
  name: 'lookup_message',
  description:
    'Look up one Sent message by ID (UUID or msg_…) with GET /v3/messages/{id} and its activity log, and explain it: status, ' +
    'channel (and channel_attempted / fallback_reason), masked recipient, timeline oldest first, every error code found ' +
    '(AUTH_/BUSINESS_/RESOURCE_/VALIDATION_/ERR_…/Meta 13xxxx), template, variables, price, and findings in plain words that ' +
    'point to knowledge scenarios. An unknown ID returns found=false with what to check. Read-only.',
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

    opts?.progress?.(0, 2, 'Fetching the message and its activity log');
    const [msg, acts] = await Promise.allSettled([sent.getMessage(id, call), sent.getActivities(id, call)]);
    opts?.progress?.(2, 2, 'Fetched');

    if (msg.status === 'rejected') {
      const e: unknown = msg.reason;
      if (e instanceof SentApiError && (e.code === 'RESOURCE_003' || (e.status === 404 && e.code === 'HTTP_404'))) {
        return {
          found: false,
          message_id: id,
          error_codes: ['RESOURCE_003'],
          findings: [notFoundFinding(id)],
          next_steps: [
            'Check the ID for typos (copy it from the send response or Dashboard → Activities).',
            `Check that the key (${sent.keyFingerprint}) belongs to the same account and sender profile that sent the message.`,
            'Check the environment: a sandbox (msg_test_…) or test-key message is not visible to a live key, and the reverse.',
            `Check SENT_BASE_URL (${sent.baseUrl}): the simulator and api.sent.dm hold different messages.`,
          ],
          looked_up_at,
        };
      }
      throw e;
    }

    const warnings: string[] = [];
    let activities: ActivityRecord[] = [];
    if (acts.status === 'fulfilled') activities = acts.value;
    else {
      const e = acts.reason as { message?: string };
      warnings.push(`The activity log could not be read (${e instanceof Error ? e.message : 'unknown error'}); the timeline uses the message events only.`);
    }
    const n = normaliseMessage(msg.value, activities, { now: ctx.clock.now(), coverage: ctx.coverage });
    return { found: true, ...n, message_id: n.message_id === '(unknown)' ? id : n.message_id, ...(warnings.length ? { warnings } : {}), looked_up_at };
  },
});
