/**
 * Questions that are not failures go to the tool that knows: "what can I send to X" is answered
 * from the coverage table, "check my key" by the key check, "I got 202, so it was delivered?"
 * directly. Each intent is one pattern with a positive and a negative example (tested).
 */
import type { ToolContext } from '../context.js';
import { checkApiKey } from '../check-api-key.js';
import type { Gathered } from './gather.js';

export interface Intent {
  id: 'accepted_is_not_delivered' | 'country_rules' | 'key_check';
  re: RegExp;
  example: { yes: string; no: string };
}

export const INTENTS: Intent[] = [
  {
    id: 'accepted_is_not_delivered',
    re: /\b202\b.{0,80}\b(?:deliver\w*|arriv\w*|receiv\w*|success\w*|went through)|\b(?:deliver\w*|arriv\w*)\b.{0,60}\b202\b/i,
    example: { yes: 'I got a 202, so it was delivered?', no: 'we sent 202 messages today' },
  },
  {
    id: 'country_rules',
    re: /\b(?:what|which)\b.{0,30}\b(?:sender(?: id)?s?|can i send)\b|\bcan (?:i|we) (?:use|send)\b.{0,60}\b(?:sender|alphanumeric|long code|short code)|\bsender (?:id )?rules?\b|\bcoverage\b/i,
    example: { yes: 'Which sender IDs can I use for Brazil?', no: 'our sender profile is set' },
  },
  {
    id: 'key_check',
    re: /\b(?:check|test|verify|validate)\s+(?:my|our|the|this)\s+(?:api\s+)?key\b|\bis\s+(?:my|our|the|this)\s+(?:api\s+)?key\s+(?:valid|working|ok|okay|correct|right)\b/i,
    example: { yes: 'can you check my API key?', no: 'the key to success' },
  },
];

export async function answerIntents(g: Gathered, ctx: ToolContext): Promise<string | undefined> {
  const found = INTENTS.filter((i) => i.re.test(g.normalised));
  const parts: string[] = [];
  for (const i of found) {
    if (i.id === 'accepted_is_not_delivered')
      parts.push(
        'A 202 means Sent accepted the request and queued it, not that it was delivered: delivery happens afterwards and can still fail. ' +
          'The message status (QUEUED → ROUTED → SENT → DELIVERED) shows what happened; give me the message ID and I will look it up.',
      );
    if (i.id === 'country_rules' && g.coverage.length)
      for (const c of g.coverage)
        parts.push(
          `${c.country} (${c.iso2}): alphanumeric sender IDs ${c.alphanumeric.supported}` +
            `${c.alphanumeric.registration_required === 'yes' ? ' (registration required)' : ''}; long codes ${c.long_code.supported}; ` +
            `content registration ${c.content_registration_required}. ${c.recommended_sender} (data as of ${c.as_of})`,
        );
    if (i.id === 'key_check') {
      if (g.entities.keys.length) continue; // A pasted key is checked offline with the other findings, never sent anywhere.
      try {
        const r = await checkApiKey.run({}, ctx);
        parts.push(`Configured key ${r.fingerprint}: ${r.live.message}`);
      } catch {
        parts.push('The configured key could not be checked; run `sent-doctor check-key` for the details.');
      }
    }
  }
  return parts.length ? parts.join('\n') : undefined;
}
