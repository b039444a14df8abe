/**
 * The checks of a POST /v3/messages body, one small rule per field, listed in RULES. Both
 * dialects are valid: the guide's (`channel: "whatsapp"`, `fallback`, `sender_profile_id`) and
 * the public SDKs' (`channel: ["whatsapp","sms"]`, `text`, `channels.sms[].from`). Nothing either
 * source calls valid is an error here (shared/reference/README.md).
 */
import { finding, isSet, type Finding, type Payload, type Rule, type RuleContext } from './payload-codes.js';
import { checkFieldNames } from './payload-rules-fields.js';
import { checkTo } from './payload-rules-recipients.js';
import { checkContent, checkParameterCount, checkTemplate } from './payload-rules-content.js';
import { checkChannel, checkChannelsObject, checkFallback, checkSandbox, checkSender } from './payload-rules-routing.js';

export type { ExpectedVariables, Payload, RuleContext } from './payload-codes.js';
export type Dialect = 'guide' | 'sdk' | 'mixed' | 'unknown';

/** At most this many findings of one code (a 10,000-recipient list with bad numbers stays readable). */
export const MAX_PER_CODE = 20;

/** The rule table, in the order findings are listed. */
export const RULES: ReadonlyArray<Rule> = [
  checkTo,
  checkContent,
  checkTemplate,
  checkParameterCount,
  checkChannel,
  checkChannelsObject,
  checkFallback,
  checkSender,
  checkSandbox,
  checkFieldNames,
];

export function analyzePayload(p: Payload, cx: RuleContext = {}): Finding[] {
  return capPerCode(RULES.flatMap((rule) => rule(p, cx)));
}

function capPerCode(findings: Finding[]): Finding[] {
  // Linear: one count and the last dropped finding per code (40,000 recipients stay fast).
  const count = new Map<string, number>();
  const out: Finding[] = [];
  const dropped = new Map<string, { n: number; last: Finding }>();
  for (const f of findings) {
    const n = (count.get(f.code) ?? 0) + 1;
    count.set(f.code, n);
    if (n <= MAX_PER_CODE) out.push(f);
    else dropped.set(f.code, { n: (dropped.get(f.code)?.n ?? 0) + 1, last: f });
  }
  for (const [code, { n, last }] of dropped) {
    out.push({
      ...finding(last.code, last.path.replace(/\[\d+\]$/, ''), `…and ${n} more with the same problem (${code}).`, last.fix, { severity: last.severity }),
      subject: `${code}:more`,
    });
  }
  return out;
}

export function detectDialect(p: Payload): Dialect {
  const guide = typeof p.channel === 'string' || isSet(p, 'fallback') || isSet(p, 'sender_profile_id');
  const sdk =
    Array.isArray(p.channel) || isSet(p, 'channels') || isSet(p, 'text') || isSet(p, 'scheduled_at') || isSet(p, 'media_urls') || isSet(p, 'subject');
  return guide && sdk ? 'mixed' : guide ? 'guide' : sdk ? 'sdk' : 'unknown';
}
