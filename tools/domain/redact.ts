/**
 * Secrets and personal data: key fingerprints, secret scrubbing, phone masking.
 * Every surface and the logger pass text through these before it leaves the process.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

// No word boundaries: a key glued to other text (`msg_123sk_live_…`, `sk_live_…_x`) is still a key.
const SK_RE = /sk_(?:live|test)_[A-Za-z0-9]{6,}/g;
const UUID_SRC = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A value right after something that names it as a key or token. */
const LABELLED_RE = new RegExp(
  String.raw`((?:x-api-key|api[_-]?key|apikey|SENT_DM_API_KEY|SENT_API_KEY|authorization|bearer|token|secret|password|xox[bpae]-|xapp-)["']?\s*[:=]?\s*(?:bearer\s+)?["']?)([A-Za-z0-9_\-\.]{12,})`,
  'gi',
);
/**
 * What every label of LABELLED_RE holds (each key label holds `api` `_`/`-`/nothing `key`): text without
 * one has no labelled value and is not scanned. "API key" written with a space is not a label.
 */
const LABEL_WORD = /api[_-]?key|authorization|bearer|token|secret|password|xox|xapp/i;
const SLACK_TOKEN_RE = /\bxox[abposr]-[A-Za-z0-9-]{10,}\b|\bxapp-[A-Za-z0-9-]{10,}\b/g;
const WHSEC_RE = /\bwhsec_[A-Za-z0-9+/=]{8,}\b/g;

/** `sk_live_…9f3a`: at most the prefix and the last four characters. */
export function fingerprint(key: string | undefined | null): string {
  if (!key) return '(none)';
  const k = key.trim();
  const prefix = /^sk_(?:live|test)_/.exec(k)?.[0] ?? '';
  if (k.length - prefix.length < 12) return `${prefix}…(too short to show)`;
  const tail = k.slice(-4).replace(/[^A-Za-z0-9]/g, '?');
  return `${prefix}…${tail}`;
}

/**
 * Replace anything that looks like a credential with its fingerprint.
 * `known` are literal secrets (the configured key, tokens) that must never appear, whatever their shape.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  const out = redactShapes(text, known);
  return LABEL_WORD.test(out)
    ? out.replace(LABELLED_RE, (_m, label: string, value: string) => (value.startsWith('[') ? `${label}${value}` : `${label}[key ${fingerprint(value)}]`))
    : out;
}

/**
 * The unambiguous shapes only (known literals, sk_ keys, Slack tokens, webhook secrets), not the
 * "labelled value" rule: for strings inside structured data, where `api_key_placeholder` is a code.
 */
function redactShapes(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const k of known) {
    if (k && k.length >= 6) out = out.split(k).join(`[key ${fingerprint(k)}]`);
  }
  // Each shape starts with a literal: text without it is passed over without running the pattern.
  if (out.includes('sk_')) out = out.replace(SK_RE, (m) => `[key ${fingerprint(m)}]`);
  if (out.includes('xox') || out.includes('xapp-')) out = out.replace(SLACK_TOKEN_RE, '[slack token]');
  if (out.includes('whsec_')) out = out.replace(WHSEC_RE, '[webhook secret]');
  return out;
}

/** A key after the name of its header, field or variable (`x-api-key: …`, `Authorization: Bearer …`). */
const KEY_LABELLED_RE = new RegExp(
  String.raw`(?:x-api-key|api[_-]?key|apikey|SENT_DM_API_KEY|SENT_API_KEY|authorization)["']?\s*[:=]\s*(?:bearer\s+)?["']?(${UUID_SRC}|[A-Za-z0-9_\-]{16,})`,
  'gi',
);

/** Key-like strings in free text, for check_api_key. Returns the raw values (callers must not echo them). */
export function findKeyLikeStrings(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(SK_RE)) found.add(m[0]);
  for (const m of text.matchAll(KEY_LABELLED_RE)) if (m[1]) found.add(m[1]);
  return [...found];
}

/** `+213 •••••••42`: the calling code and the last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  if (digits.length < 6) return '•'.repeat(Math.max(digits.length, 1));
  const parsed = parsePhoneNumberFromString(phone.startsWith('+') ? phone : `+${digits}`);
  const cc = parsed?.countryCallingCode ?? digits.slice(0, 1);
  const rest = digits.slice(cc.length);
  return `+${cc} ${'•'.repeat(Math.max(rest.length - 2, 1))}${rest.slice(-2)}`;
}

const PHONE_IN_TEXT = /(?<![\w+])\+\d[\d\s().-]{6,18}\d(?!\d)/g;

/** The guide's own example number: a placeholder, not anybody's phone, so it is shown as it is. */
export const GUIDE_EXAMPLE_NUMBER = '+1234567890';
const isGuideExample = (m: string) => m.replace(/[^\d+]/g, '') === GUIDE_EXAMPLE_NUMBER;

/** Mask every E.164-looking number in a text (shared channels); the guide's example number stays. */
export function maskPhonesInText(text: string): string {
  return text.includes('+') ? text.replace(PHONE_IN_TEXT, (m) => (isGuideExample(m) ? m : maskPhone(m))) : text;
}

/** Every number replaced by the guide's placeholder: a corrected payload people can copy in a shared channel. */
export function placeholderPhones(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null).replace(PHONE_IN_TEXT, GUIDE_EXAMPLE_NUMBER));
}

const UUID_RE = new RegExp(UUID_SRC, 'g');

/**
 * A name, never an id: a tool, prompt or resource name, a JSON field name, an argv word. Nothing
 * legitimate there is UUID-shaped, so a UUID (the shape of a Sent key) is shown by fingerprint too.
 */
export function redactName(text: string, known: readonly string[] = []): string {
  const out = redactShapes(text, known);
  return out.length < 36 ? out : out.replace(UUID_RE, (m) => `[key ${fingerprint(m)}]`);
}

/** A field that names a credential: `api_key`, `apiKey`, `x-api-key`, `token`, `secret`, `credentials.key`, `Authorization`… */
const CREDENTIAL_FIELD = /key|token|secret|passw|credential|auth/i;
/** A value that could be a credential (not a placeholder such as `$SENT_DM_API_KEY`, `<key>` or `YOUR_KEY`). */
const CREDENTIAL_VALUE = /^(?:bearer\s+)?[A-Za-z0-9_\-.]{12,}$/i;
const PLACEHOLDER = /^(?:\$|<|\{|your|xxx|sk_(?:live|test)_x+$)/i;

/**
 * The secrets inside a JSON value that a text scan cannot recognise: field names shaped like keys
 * (`{"sk_live_…": 1}`, a UUID as a field name) and credential-like values under a credential field
 * name (`{"api_key": "<UUID>"}`). Returned raw, to be passed as `known` to redactSecrets/redactDeep.
 */
export function secretsInJson(value: unknown, depth = 0): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, field: string | undefined, d: number) => {
    if (d > 64 || v === null || typeof v !== 'object') {
      if (typeof v === 'string' && field !== undefined && CREDENTIAL_FIELD.test(field)) {
        const s = v.trim();
        if (CREDENTIAL_VALUE.test(s) && !PLACEHOLDER.test(s)) found.add(s.replace(/^bearer\s+/i, ''));
      }
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x, field, d + 1);
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (redactName(k) !== k) found.add(k);
      walk(x, k, d + 1);
    }
  };
  walk(value, undefined, depth);
  return [...found];
}

/**
 * Every string and field name of a JSON value through the same redaction as text: keys anywhere,
 * the `known` literals, credential-like values under credential field names, key-shaped field
 * names. The shape is kept (a redacted field name stays a field name).
 */
export function redactDeep<T>(value: T, known: readonly string[] = []): T {
  const all = [...known, ...secretsInJson(value)];
  const walk = (v: unknown, d: number): unknown => {
    if (typeof v === 'string') return redactShapes(v, all);
    if (v === null || typeof v !== 'object' || d > 64) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, d + 1));
    const out: Record<string, unknown> = {};
    // A field named __proto__ is defined, not assigned, so it stays data.
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const name = redactName(k, all);
      if (name === '__proto__') Object.defineProperty(out, name, { value: walk(x, d + 1), enumerable: true, writable: true, configurable: true });
      else out[name] = walk(x, d + 1);
    }
    return out;
  };
  return walk(value, 0) as T;
}
