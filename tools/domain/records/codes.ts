/**
 * Codes in message records and texts: Sent's own (AUTH_/BUSINESS_/…/DELIVERY_), send-time
 * `ERR_…` codes, the troubleshooting index's named codes and Meta's WhatsApp codes; and the
 * catalog (knowledge/codes.yml) that says what each means and which scenarios it points to.
 * The catalog is the one source of truth for code → scenario: the knowledge entries' `codes`
 * and the verdict table both follow it (test/knowledge/lint.test.ts keeps them in step).
 */
import { z } from 'zod';
import { SCENARIO_IDS } from '../scenarios.js';
import { uniq } from '../util.js';

export const CodeInfo = z.strictObject({
  code: z.string().regex(/^[A-Z0-9_]+$/),
  family: z.enum(['meta', 'sent', 'send-time']),
  meaning: z.string().min(5),
  /** Scenario ids the code points to, primary first; empty when no scenario is about it. */
  scenarios: z.array(z.enum(SCENARIO_IDS)),
  source: z.string().min(3),
});
export type CodeInfo = z.infer<typeof CodeInfo>;
export const CodeCatalog = z.array(CodeInfo);

// The one definition of what an error code looks like (records and free text alike).
const SENT_FAMILIES = 'AUTH|BUSINESS|RESOURCE|VALIDATION|CONFLICT|SERVICE|INTERNAL|LIMIT|CHANNEL|DELIVERY';
const SENT_CODE_RE = new RegExp(`\\b(${SENT_FAMILIES})_(\\d{3})\\b`, 'g');
const ERR_CODE_RE = /\bERR_[A-Z0-9][A-Z0-9_]{1,60}\b/g;
const NAMED_CODE_RE = /\b(TEMPLATE_NOT_APPROVED|INSUFFICIENT_BALANCE)\b/g;
/**
 * Meta's WhatsApp codes (130xxx–133xxx, and 368 when Meta or "error" names it), not glued to other
 * digits, a phone number (`+`, `-`) or a version or decimal (`.`).
 */
const META_CODE_RE = /(?<![\d+\-.])\b(13[0-3]\d{3})\b(?![\d-])/g;

/** Codes as people type them (`auth 002`, `Auth-002`, `AUTH002`, `err_route_denied`) → as Sent writes them. */
const LOOSE_SENT_RE = new RegExp(`\\b(${SENT_FAMILIES})[_ -]?(\\d{3})\\b`, 'gi');
const LOOSE_ERR_RE = /\bERR_[A-Z0-9][A-Z0-9_]{1,60}\b/gi;
const LOOSE_NAMED_RE = /\b(TEMPLATE_NOT_APPROVED|INSUFFICIENT_BALANCE)\b/gi;
const THREE_DIGITS = /\d{3}/;
export function canonicalCodes(text: string): string {
  // Each form needs something most texts lack (three digits in a row, an underscore): without it, no scan.
  let out = text;
  if (THREE_DIGITS.test(out)) out = out.replace(LOOSE_SENT_RE, (_m, family: string, n: string) => `${family.toUpperCase()}_${n}`);
  if (out.includes('_')) out = out.replace(LOOSE_ERR_RE, (m) => m.toUpperCase()).replace(LOOSE_NAMED_RE, (m) => m.toUpperCase());
  return out;
}
const META_368_RE = /\b(?:meta|whatsapp|error|code|#)\W{0,3}(368)\b(?!\d)/gi;

/** Every Sent, send-time and Meta code in a text, in order of first appearance. */
export function findCodes(text: string): string[] {
  const found: Array<[number, string]> = [];
  // Sent's, send-time and named codes hold an underscore; Meta's are numbers: a text without either is not scanned.
  const patterns = [...(text.includes('_') ? [SENT_CODE_RE, ERR_CODE_RE, NAMED_CODE_RE] : []), ...(text.includes('13') ? [META_CODE_RE] : [])];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push([m.index ?? 0, m[0]]);
  if (text.includes('368')) for (const m of text.matchAll(META_368_RE)) found.push([(m.index ?? 0) + m[0].length - 3, '368']);
  return uniq(found.sort((a, b) => a[0] - b[0]).map(([, c]) => c));
}

/** How a code is named to a reader: Meta's numbers say whose they are. */
export function codeLabel(info: Pick<CodeInfo, 'code' | 'family'>): string {
  return info.family === 'meta' ? `Meta ${info.code}` : info.code;
}
