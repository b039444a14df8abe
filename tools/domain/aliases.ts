/**
 * Alias and typo normalisation: the few other names people use for the product's own terms,
 * mapped to the words the knowledge entries use. Applied to search queries and to channel
 * detection; the text model learns everything else from examples (including other languages).
 * Every rule has a positive and a negative example in test/domain/aliases.test.ts.
 */
export interface AliasRule {
  re: RegExp;
  to: string;
  /** A text the rule must rewrite, and one it must leave alone. */
  example: { yes: string; no: string };
}

export const ALIASES: AliasRule[] = [
  { re: /\b(?:wa|whats\s?app|whatsap+|whatapp|watsapp?|wathsapp|whastapp)\b/gi, to: 'whatsapp', example: { yes: 'sent over WA', no: 'wait a minute' } },
  { re: /(?<!["'])\b(?:texts?|txts?|text messages?)\b(?!["'])/gi, to: 'sms', example: { yes: 'our texts never arrive', no: '"text": "hello"' } },
  { re: /\b(?:ten ?dlc|10 dlc)\b/gi, to: '10dlc', example: { yes: 'ten dlc campaign', no: 'ten days' } },
  { re: /\b(?:test[_ -]mode|sand[- ]box)\b/gi, to: 'sandbox', example: { yes: 'in test mode', no: 'test results' } },
  { re: /\b(?:fail[- ]?over|fall[- ]back|fallbak)\b/gi, to: 'fallback', example: { yes: 'fail-over to sms', no: 'failed over and over' } },
  { re: /\b(?:otps?|one[- ]time (?:pass)?codes?|2fa)\b/gi, to: 'otp', example: { yes: 'one-time code', no: 'one time only' } },
  { re: /\bapi[_ -]keys?\b/gi, to: 'api key', example: { yes: 'my api_key', no: 'api docs' } },
  { re: /\btemplete\b/gi, to: 'template', example: { yes: 'the templete', no: 'temple' } },
];

export function normaliseAliases(text: string): string {
  let out = text;
  for (const r of ALIASES) out = out.replace(r.re, r.to);
  return out;
}
