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
  let out = text;
  for (const k of known) {
    if (k && k.length >= 6) out = out.split(k).join(`[key ${fingerprint(k)}]`);
  }
  out = out.replace(SK_RE, (m) => `[key ${fingerprint(m)}]`);
  out = out.replace(SLACK_TOKEN_RE, '[slack token]');
  out = out.replace(WHSEC_RE, '[webhook secret]');
  out = out.replace(LABELLED_RE, (_m, label: string, value: string) =>
    value.startsWith('[') ? `${label}${value}` : `${label}[key ${fingerprint(value)}]`,
  );
  return out;
}

/** Key-like strings in free text, for check_api_key. Returns the raw values (callers must not echo them). */
export function findKeyLikeStrings(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(SK_RE)) found.add(m[0]);
  const labelled = new RegExp(
    String.raw`(?:x-api-key|api[_-]?key|apikey|SENT_DM_API_KEY|SENT_API_KEY|authorization)["']?\s*[:=]\s*(?:bearer\s+)?["']?(${UUID_SRC}|[A-Za-z0-9_\-]{16,})`,
    'gi',
  );
  for (const m of text.matchAll(labelled)) if (m[1]) found.add(m[1]);
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
  return text.replace(PHONE_IN_TEXT, (m) => (isGuideExample(m) ? m : maskPhone(m)));
}

/** Every number replaced by the guide's placeholder: a corrected payload people can copy in a shared channel. */
export function placeholderPhones(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null).replace(PHONE_IN_TEXT, GUIDE_EXAMPLE_NUMBER));
}
