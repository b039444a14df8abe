/**
 * The fields of a POST /v3/messages body, in both dialects (the guide's and the public SDKs'),
 * and the names people send instead (v2, camelCase, other providers). Sources:
 * guide-messages-not-delivered.txt and sent-api-facts.md §4.1, §1.5, §0.2.
 */

/**
 * A lookup table keyed by user input: no prototype, so `constructor` or `__proto__` as a key
 * finds nothing instead of Object.prototype's members.
 */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** Every top-level field either source documents. */
export const KNOWN_FIELDS = [
  'to',
  'template',
  'text',
  'channel',
  'channels',
  'fallback',
  'sender_profile_id',
  'sandbox',
  'scheduled_at',
  'media_urls',
  'subject',
] as const;

export const TEMPLATE_FIELDS = ['id', 'name', 'parameters'] as const;

/** `channel` values (SDK); the guide names `whatsapp` and `sms`. */
export const CHANNELS = ['sent', 'sms', 'whatsapp', 'rcs'] as const;
/** Keys of the later `channels` object (sender-number selection); `sent` is rejected there. */
export const CHANNELS_OBJECT_KEYS = ['sms', 'whatsapp', 'rcs', 'mms'] as const;
/** The guide's `fallback` is a channel to fall back to. */
export const FALLBACK_VALUES = ['sms', 'whatsapp', 'rcs'] as const;

/** Channel spellings that mean a known channel (compared lowercase, spaces/dashes as written). */
export const CHANNEL_ALIASES = table<string>({
  wa: 'whatsapp',
  whats_app: 'whatsapp',
  'whats-app': 'whatsapp',
  'whats app': 'whatsapp',
  whatsapp_business: 'whatsapp',
  wab: 'whatsapp',
  auto: 'sent',
  automatic: 'sent',
  'auto-detect': 'sent',
  autodetect: 'sent',
});

/** Reserved `template.parameters` keys that are not template variables (sent-api-facts §4.1). */
export const RESERVED_PARAMETER_KEYS = ['header_image', 'header_video', 'header_document'];

export const SP_ID_RE = /^sp_[A-Za-z0-9_-]{1,100}$/;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Looks like a template ID (guide `tmpl_…`, SDK UUID) rather than a template name. */
export const TEMPLATE_ID_RE = /^(?:tmpl_[A-Za-z0-9_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4,})$/i;

/**
 * Where a field sent under another name belongs. `rename: true` means corrected moves it there
 * (the meaning is unambiguous); otherwise the finding only explains.
 */
export interface Rename {
  /** The v3 path: `to`, `template.id`, `sandbox`, or a header. */
  target: string;
  why: string;
  rename: boolean;
}

const v2 = 'the v2 / camelCase name';

/** Keyed by the name lowercased without `_`, `-`, spaces. */
export const RENAMES = table<Rename>({
  phonenumber: { target: 'to', why: `${v2} (v2 sent one recipient in phoneNumber)`, rename: true },
  phonenumbers: { target: 'to', why: v2, rename: true },
  phone: { target: 'to', why: 'not a v3 field', rename: true },
  recipient: { target: 'to', why: 'not a v3 field', rename: true },
  recipients: { target: 'to', why: 'not a v3 field', rename: true },
  tonumber: { target: 'to', why: 'not a v3 field', rename: true },
  msisdn: { target: 'to', why: 'not a v3 field', rename: true },
  templateid: { target: 'template.id', why: `${v2} (v2 sent templateId at the top level)`, rename: true },
  templatename: { target: 'template.name', why: v2, rename: true },
  templatevariables: { target: 'template.parameters', why: `${v2} (v2 sent templateVariables)`, rename: true },
  templateparameters: { target: 'template.parameters', why: v2, rename: true },
  templateparams: { target: 'template.parameters', why: 'not a v3 field', rename: true },
  variables: { target: 'template.parameters', why: 'not a top-level v3 field', rename: true },
  parameters: { target: 'template.parameters', why: 'not a top-level v3 field', rename: true },
  params: { target: 'template.parameters', why: 'not a v3 field', rename: true },
  senderprofileid: { target: 'sender_profile_id', why: v2, rename: true },
  testmode: { target: 'sandbox', why: 'the v2 name (v2 used test_mode)', rename: true },
  sandboxmode: { target: 'sandbox', why: 'not a v3 field', rename: true },
  issandbox: { target: 'sandbox', why: 'not a v3 field', rename: true },
  scheduledat: { target: 'scheduled_at', why: v2, rename: true },
  mediaurls: { target: 'media_urls', why: v2, rename: true },
  fallbackchannel: { target: 'fallback', why: 'not a v3 field', rename: true },
  // Explained, not moved: the right place depends on intent.
  contactid: { target: 'to', why: 'the v2 way to address a contact; v3 sends to phone numbers in `to`', rename: false },
  message: { target: 'text', why: 'not a v3 field; free-form text goes in `text`', rename: false },
  body: { target: 'text', why: 'not a v3 field; free-form text goes in `text`', rename: false },
  content: { target: 'text', why: 'not a v3 field; free-form text goes in `text`', rename: false },
  from: { target: 'sender_profile_id', why: 'not a v3 field: choose the sender with `sender_profile_id` (guide) or `channels.sms[].from` (later API)', rename: false },
  sender: { target: 'sender_profile_id', why: 'not a v3 field: choose the sender with `sender_profile_id` (guide) or `channels.sms[].from` (later API)', rename: false },
  senderid: { target: 'sender_profile_id', why: 'not a v3 body field (x-sender-id was a v2 header): choose the sender with `sender_profile_id` (guide) or `channels.sms[].from`', rename: false },
  profileid: { target: 'header x-profile-id', why: 'not a body field: an organisation key picks a child profile with the `x-profile-id` header', rename: false },
  xprofileid: { target: 'header x-profile-id', why: 'a header, not a body field', rename: false },
  idempotencykey: { target: 'header Idempotency-Key', why: 'a header, not a body field', rename: false },
});

/** Body fields that hold a credential: explained, and removed from `corrected` so it is never echoed. */
export const SECRET_FIELDS = new Set(['apikey', 'xapikey', 'key', 'authorization', 'token', 'accesstoken', 'bearer', 'secret']);

/** Names inside `template` that mean one of its fields. */
export const TEMPLATE_RENAMES = table<'id' | 'name' | 'parameters'>({
  templateid: 'id',
  tmplid: 'id',
  templatename: 'name',
  variables: 'parameters',
  templatevariables: 'parameters',
  params: 'parameters',
  parameter: 'parameters',
  templateparameters: 'parameters',
  vars: 'parameters',
});

export function normKey(k: string): string {
  return k.toLowerCase().replace(/[\s_-]/g, '');
}

const KNOWN_BY_NORM = new Map<string, string>(KNOWN_FIELDS.map((f) => [normKey(f), f]));

/** `To`, `senderProfileId`, `SANDBOX` → the known field they spell differently; else undefined. */
export function knownFieldFor(k: string): string | undefined {
  const known = KNOWN_BY_NORM.get(normKey(k));
  return known !== undefined && known !== k ? known : undefined;
}

/** Edit distance, capped: only small typos matter. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** `chanel` → `channel`: a suggestion only, never an automatic rename. */
export function typoOf(k: string, candidates: readonly string[]): string | undefined {
  const n = normKey(k);
  if (n.length < 4 || n.length > 40) return undefined;
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(n, normKey(c), 2);
    if (d <= 2 && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** The payload's own names that mean `target` (v2 / camelCase), for "you sent phoneNumber" hints. */
export function aliasesOf(p: Record<string, unknown>, target: string): string[] {
  return Object.keys(p).filter((k) => !KNOWN_FIELDS.includes(k as never) && (RENAMES[normKey(k)]?.target === target || knownFieldFor(k) === target));
}
