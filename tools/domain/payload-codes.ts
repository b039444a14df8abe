/**
 * The findings validate_payload can report: one table, so the codes, their default severity and
 * what they mean are readable in one place. The knowledge base names these codes as `signals`
 * (`finding:template_flat_string`), so a rename breaks triage.
 */
import { z } from 'zod';
import { redactSecrets } from './redact.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Default severities. Errors are what the guide or the API say will fail; warnings are likely
 * mistakes; info explains behaviour. A few findings adjust the severity case by case (noted).
 */
export const PAYLOAD_CODES = {
  // The input itself
  invalid_json: 'error',
  not_an_object: 'error',
  // Recipients
  to_missing: 'error',
  to_not_array: 'error',
  to_empty: 'error',
  to_not_e164: 'error',
  to_not_valid_number: 'warning',
  to_duplicate: 'warning',
  // Content
  content_missing: 'error',
  template_and_text: 'warning',
  template_flat_string: 'error',
  template_missing_id_or_name: 'error',
  template_parameters_not_object: 'error',
  /** error when variables are missing; warning when extra ones are sent (the SDK ignores unknown keys). */
  template_parameter_count_mismatch: 'error',
  /** The template could not be fetched to count its variables: not a fault of the payload. */
  template_lookup_failed: 'info',
  // Channels
  channel_case: 'error',
  /** warning for `mms` (undocumented in `channel`, not known to fail). */
  channel_unknown: 'error',
  channel_wrong_type: 'error',
  channel_list_broadcast: 'info',
  fallback_invalid: 'error',
  fallback_same_as_channel: 'warning',
  fallback_model: 'info',
  // Sender, sandbox, other fields
  sender_profile_id_format: 'warning',
  sender_profile_missing: 'info',
  sandbox_not_boolean: 'error',
  unknown_field: 'warning',
  // Seen in a pasted curl command (headers and URL, never their secret values)
  /** warning when there is no x-api-key header beside it, info when there is. */
  /** error when it is the only credential (the request fails with 401); info next to an x-api-key header. */
  auth_bearer: 'error',
  /** The header carries a placeholder such as YOUR_API_KEY_HERE instead of a key. */
  api_key_placeholder: 'warning',
  api_key_header_missing: 'info',
  api_key_header_format: 'warning',
  x_sender_id_legacy: 'info',
  content_type_not_json: 'warning',
  endpoint_not_v3_messages: 'warning',
} as const satisfies Record<string, Severity>;

export type PayloadCode = keyof typeof PAYLOAD_CODES;
export const PAYLOAD_CODE_LIST = Object.keys(PAYLOAD_CODES) as [PayloadCode, ...PayloadCode[]];

/** A finding as validate_payload reports it: the one definition (the tool's output schema uses it). */
export const FindingSchema = z.object({
  code: z.enum(PAYLOAD_CODE_LIST),
  severity: z.enum(['error', 'warning', 'info']),
  path: z.string().describe('Where: `$` for the whole payload, `to[1]`, `template.parameters`, `headers.authorization`'),
  message: z.string(),
  fix: z.string(),
  auto_fixed: z.boolean().optional().describe('true when `corrected` already has this fixed'),
});

/** A finding while the payload is analysed: the reported one, plus what it is about. */
export interface Finding extends z.infer<typeof FindingSchema> {
  /**
   * What the finding is about, independent of its index (`to[3]` moves when duplicates go):
   * used to tell whether the corrected payload still has the same problem. Never output.
   */
  subject?: string;
}

export function finding(
  code: PayloadCode,
  path: string,
  message: string,
  fix: string,
  extra: { severity?: Severity; subject?: string } = {},
): Finding {
  const f: Finding = { code, severity: extra.severity ?? PAYLOAD_CODES[code], path, message, fix };
  if (extra.subject !== undefined) f.subject = extra.subject;
  return f;
}

const BIDI_AND_INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A value as it may appear in a message: JSON-quoted (control characters and lone surrogates
 * escaped), bidi/zero-width marks made visible, secrets replaced, at most `max` characters.
 */
export function show(v: unknown, max = 60): string {
  let s: string;
  try {
    s = v === undefined ? 'undefined' : (JSON.stringify(v) ?? String(v));
  } catch {
    s = Object.prototype.toString.call(v);
  }
  s = s.replace(BIDI_AND_INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return redactSecrets(s);
}

/** A field name as it may appear in a message (user-supplied keys can hold anything). */
export function showKey(k: string): string {
  const s = show(k, 48);
  // Plain identifiers read better without quotes: `phoneNumber` rather than `"phoneNumber"`.
  return /^"[A-Za-z0-9_.\-[\]]+"$/.test(s) ? s.slice(1, -1) : s;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property lookup: payload keys can be `__proto__` or `constructor`. */
export function has(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export function get(o: Record<string, unknown>, k: string): unknown {
  return has(o, k) ? o[k] : undefined;
}

// ─── what a rule is ─────────────────────────────────────────────────────────

export type Payload = Record<string, unknown>;

/** What the template expects, when known (fetched from Sent, or given by the caller). */
export interface ExpectedVariables {
  /** Variable names when known; otherwise only the count. */
  names?: string[];
  count: number;
  /** How the expectation is named in messages: `Template "tmpl_abc" (order_confirmation)`. */
  from: string;
}

export interface RuleContext {
  expected?: ExpectedVariables;
}

/** One check of the payload: pure, never throws, returns its findings. */
export type Rule = (p: Payload, cx: RuleContext) => Finding[];

export const EXAMPLE_NUMBER = '+14155551234';

/** `to[1]`, `template.parameters`, or `["odd key"]` for keys that are not identifiers. */
export function keyPath(parent: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${show(key, 48)}]`;
}

/** Present and not null (the SDK marks most fields nullable). */
export const isSet = (p: Payload, k: string): boolean => has(p, k) && p[k] !== null && p[k] !== undefined;
export const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
