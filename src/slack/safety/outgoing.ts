/**
 * The last pass over everything the app sends to Slack: secrets replaced by fingerprints,
 * phone numbers masked outside DMs, and no broadcast or mention can come out of user input.
 * It touches text objects only (never button values, IDs or URLs).
 */
import { maskPhonesInText, redactSecrets } from '../../../tools/domain/redact.js';
import { neutraliseMentions } from './mrkdwn.js';

export interface Audience {
  /** A DM (or the assistant panel, which is a DM): phone numbers are shown in full. */
  isDm: boolean;
  /** Literal secrets seen in the input; they must not appear whatever their shape. */
  secrets?: readonly string[];
}

export function cleanText(text: string, type: 'mrkdwn' | 'plain_text', a: Audience): string {
  let s = redactSecrets(text, a.secrets ?? []);
  if (!a.isDm) s = maskPhonesInText(s);
  return type === 'mrkdwn' ? neutraliseMentions(s) : s;
}

/** Deep copy of `value` with every text object cleaned. */
export function cleanBlocks<T>(value: T, a: Audience): T {
  return walk(value, a) as T;
}

function walk(v: unknown, a: Audience): unknown {
  if (Array.isArray(v)) return v.map((x) => walk(x, a));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const isText = (o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string';
  for (const [k, val] of Object.entries(o)) {
    if (isText && k === 'text') out[k] = cleanText(val as string, o.type as 'mrkdwn' | 'plain_text', a);
    else if (k === 'initial_value' && typeof val === 'string') out[k] = cleanText(val, 'plain_text', a);
    else out[k] = walk(val, a);
  }
  return out;
}
