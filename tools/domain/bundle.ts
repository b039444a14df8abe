/**
 * The diagnostic bundle the guide asks for when escalating to Sent support: message ID,
 * timestamp, recipient (redacted), the exact request payload with secrets replaced, and the
 * full error response. Built from what the text and the lookups hold; nothing is invented.
 */
import { z } from 'zod';
import type { Entities } from './extract.js';
import { maskPhonesInText, redactSecrets } from './redact.js';

export const Bundle = z.object({
  message_ids: z.array(z.string()),
  timestamps: z.array(z.string()).describe('created_at of the looked-up messages (never the time of the diagnosis)'),
  recipients: z.array(z.string()).describe('masked'),
  payloads: z.array(z.string()).describe('secrets replaced, phone numbers masked'),
  error_codes: z.array(z.string()),
  error_responses: z.array(z.string()).describe('error envelopes found in the text, secrets replaced'),
  missing: z.array(z.string()).describe('what support will ask for that is not here yet'),
  text: z.string().describe('ready to paste into a support request'),
});
export type Bundle = z.infer<typeof Bundle>;

interface LookedUp {
  message_id: string;
  status: string;
  created_at?: string | null;
  recipient?: string | null;
  error_codes?: string[];
}

const ENVELOPE_RE = /\{\s*"success"\s*:\s*false[\s\S]{0,2000}?\}\s*\}/g;

const withStatus = (id: string, found: LookedUp[]) => {
  const status = found.find((l) => l.message_id === id)?.status;
  return status ? `${id} (status ${status})` : id;
};

export function buildBundle(text: string, e: Entities, found: LookedUp[]): Bundle {
  const clean = (s: string) => maskPhonesInText(redactSecrets(s, e.keys));
  const timestamps = found.map((l) => l.created_at).filter((t): t is string => !!t);
  const recipients = [...new Set([...found.map((l) => l.recipient).filter((r): r is string => !!r), ...e.phones.map((p) => p.masked)])];
  const codes = [...new Set([...e.errorCodes, ...found.flatMap((l) => l.error_codes ?? [])])];
  const responses = [...text.matchAll(ENVELOPE_RE)].map((m) => clean(m[0])).slice(0, 3);
  const b = {
    message_ids: [...new Set([...e.messageIds, ...found.map((l) => l.message_id)])],
    timestamps,
    recipients,
    payloads: e.payloads.map(clean),
    error_codes: codes,
    error_responses: responses,
    missing: [] as string[],
  };
  if (!b.message_ids.length) b.missing.push('the message ID (from the send response or Dashboard → Activities)');
  if (!timestamps.length) b.missing.push('when the message was sent (timestamp with time zone)');
  if (!recipients.length) b.missing.push('the recipient number (redacted)');
  if (!b.payloads.length) b.missing.push('the exact request payload, with the API key replaced');
  if (!codes.length && !responses.length) b.missing.push('the full error response (the JSON body, including meta.request_id)');
  const lines = [
    'Sent support request — diagnostic bundle',
    `Message ID(s): ${b.message_ids.map((id) => withStatus(id, found)).join(', ') || '(missing)'}`,
    `Timestamp(s): ${b.timestamps.join(', ')}`,
    `Recipient(s): ${recipients.join(', ') || '(missing)'}`,
    `Error code(s): ${codes.join(', ') || '(none seen)'}`,
    ...b.payloads.map((p, i) => `Payload ${i + 1}:\n${p}`),
    ...responses.map((r, i) => `Error response ${i + 1}:\n${r}`),
    ...(b.missing.length ? [`Still to add: ${b.missing.join('; ')}`] : []),
  ];
  return { ...b, text: lines.join('\n') };
}
