/** When the evidence is thin: the single question whose answer would help most. */
import type { Entities } from './extract.js';

export function chooseQuestion(e: Entities, lookedUp: boolean): string {
  if (!e.messageIds.length && !lookedUp)
    return 'What is the message ID of one affected message (from the send response or Dashboard → Activities)? With it I can check its status and timeline.';
  if (!e.channels.length) return 'Which channel is failing: SMS or WhatsApp?';
  if (e.channels.includes('sms') && !e.channels.includes('whatsapp') && !e.countries.length && !e.phones.length)
    return 'Which country are the recipients in? SMS rules and filtering differ by country.';
  if (!e.payloads.length) return 'Can you paste the request payload you send to POST /v3/messages (with the API key replaced)?';
  return 'What exactly does the failure look like: the error response, or the status shown in Dashboard → Activities?';
}
