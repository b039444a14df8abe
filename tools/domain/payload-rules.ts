/**
 * The checks of a POST /v3/messages body, one small rule per field. Both dialects are valid:
 * the guide's (`channel: "whatsapp"`, `fallback`, `sender_profile_id`) and the public SDKs'
 * (`channel: ["whatsapp","sms"]`, `text`, `channels.sms[].from`). Nothing either source calls
 * valid is an error here (shared/reference/README.md).
 */
import { finding, get, has, isPlainObject, show, showKey, typeName, type Finding } from './payload-codes.js';
import {
  CHANNEL_ALIASES,
  CHANNELS,
  CHANNELS_OBJECT_KEYS,
  FALLBACK_VALUES,
  KNOWN_FIELDS,
  RENAMES,
  RESERVED_PARAMETER_KEYS,
  SECRET_FIELDS,
  SP_ID_RE,
  TEMPLATE_FIELDS,
  TEMPLATE_ID_RE,
  TEMPLATE_RENAMES,
  UUID_RE,
  knownFieldFor,
  normKey,
  typoOf,
} from './payload-fields.js';
import { E164_RE, countryName, e164FromFormatted, phoneKey, plausibility } from './payload-phone.js';

export type Payload = Record<string, unknown>;
export type Dialect = 'guide' | 'sdk' | 'mixed' | 'unknown';

/** What the template expects, when known (fetched from Sent, or given by the caller). */
export interface ExpectedVariables {
  /** Variable names when known; otherwise only the count. */
  names?: string[];
  count: number;
  /** How the expectation is named in messages: `template tmpl_abc (as fetched from Sent)`. */
  from: string;
}

export interface RuleContext {
  expected?: ExpectedVariables;
}

type Rule = (p: Payload, cx: RuleContext) => Finding[];

/** At most this many findings of one code (a 10,000-recipient list with bad numbers stays readable). */
export const MAX_PER_CODE = 20;

const EXAMPLE_NUMBER = '+14155551234';

export function keyPath(parent: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${show(key, 48)}]`;
}

const isSet = (p: Payload, k: string) => has(p, k) && p[k] !== null && p[k] !== undefined;
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** The payload's own names that mean `target` (v2 / camelCase), for "you sent phoneNumber" hints. */
function aliasesOf(p: Payload, target: string): string[] {
  return Object.keys(p).filter((k) => !KNOWN_FIELDS.includes(k as never) && (RENAMES[normKey(k)]?.target === target || knownFieldFor(k) === target));
}

// ─── field names ────────────────────────────────────────────────────────────

const checkFieldNames: Rule = (p) => {
  const out: Finding[] = [];
  for (const k of Object.keys(p)) {
    if (KNOWN_FIELDS.includes(k as never)) continue;
    const path = keyPath('', k);
    const name = showKey(k);
    const nk = normKey(k);
    if (SECRET_FIELDS.has(nk)) {
      out.push(
        finding(
          'unknown_field',
          path,
          `The body has a field ${name} that holds a credential. Sent reads the API key only from the x-api-key header; in the body it does nothing except end up in logs.`,
          `Remove ${name} from the body (the corrected payload leaves it out) and send the key in the x-api-key header.`,
        ),
      );
      continue;
    }
    const known = knownFieldFor(k);
    if (known) {
      out.push(
        finding(
          'unknown_field',
          path,
          `${name} is not a field name Sent knows: the field is spelled ${known} (lowercase snake_case).`,
          isSet(p, known) ? `Remove ${name}; the payload already has ${known}.` : `Rename ${name} to ${known}.`,
        ),
      );
      continue;
    }
    const r = RENAMES[nk];
    if (r) {
      const clash = r.target.startsWith('template.') ? false : isSet(p, r.target);
      out.push(
        finding(
          'unknown_field',
          path,
          `${name} is ${r.why}; in the v3 API this is ${r.target.startsWith('header') ? 'the ' + r.target : r.target}.`,
          clash ? `Remove ${name}; the payload already has ${r.target}.` : renameFix(name, r.target, p[k]),
        ),
      );
      continue;
    }
    const typo = typoOf(k, KNOWN_FIELDS);
    out.push(
      finding(
        'unknown_field',
        path,
        typo
          ? `${name} is not a field of POST /v3/messages. Did you mean ${typo}?`
          : `${name} is not a field of POST /v3/messages (the fields are ${KNOWN_FIELDS.join(', ')}); Sent ignores or rejects it.`,
        typo ? `Rename ${name} to ${typo} if that is what you meant; otherwise remove it.` : `Remove ${name}, or check its name in the API reference.`,
      ),
    );
  }
  return out;
};

function renameFix(name: string, target: string, value: unknown): string {
  switch (target) {
    case 'to':
      return `Rename ${name} to to, as an array of E.164 numbers: "to": [${typeof value === 'string' ? show(value) : `"${EXAMPLE_NUMBER}"`}].`;
    case 'template.id':
      return `Move it into the template object: "template": {"id": ${show(value)}}.`;
    case 'template.name':
      return `Move it into the template object: "template": {"name": ${show(value)}}.`;
    case 'template.parameters':
      return 'Move it into the template object: "template": {"id": "…", "parameters": {…}}.';
    case 'text':
      return `If ${name} is the message text, rename it to text; to send a template, use "template": {"id": "…"}.`;
    case 'sender_profile_id':
      return 'Use "sender_profile_id": "sp_…" (Dashboard → Sender Profiles), or with the later API "channels": {"sms": [{"from": ["+1…"]}]}.';
    default:
      return target.startsWith('header') ? `Remove ${name} from the body and send the ${target.slice(7)} header instead.` : `Rename ${name} to ${target}.`;
  }
}

// ─── to ─────────────────────────────────────────────────────────────────────

const checkTo: Rule = (p) => {
  if (!isSet(p, 'to')) {
    const aliases = aliasesOf(p, 'to');
    return [
      finding(
        'to_missing',
        'to',
        `The payload has no to field${aliases.length ? ` (it has ${aliases.map(showKey).join(', ')}, which v3 does not read)` : ''}: Sent needs the recipients as an array of E.164 numbers.`,
        `Add "to": ["${EXAMPLE_NUMBER}"] with each recipient's number in E.164 form (+, country code, number).`,
      ),
    ];
  }
  const v = p.to;
  if (typeof v === 'string')
    return [
      finding('to_not_array', 'to', `to is the string ${show(v)}; the API expects an array of numbers, even for one recipient.`, `Write "to": [${show(v)}].`),
      ...checkNumber(v, 'to', new Map()),
    ];
  if (typeof v === 'number')
    return [
      finding(
        'to_not_array',
        'to',
        `to is the number ${show(v)}; the API expects an array of strings.`,
        `Write it as a string in an array, with + and the country code: "to": ["+…"].`,
      ),
      ...checkNumber(v, 'to', new Map()),
    ];
  if (!Array.isArray(v))
    return [finding('to_not_array', 'to', `to is ${typeName(v)}; the API expects an array of phone numbers.`, `Write "to": ["${EXAMPLE_NUMBER}"].`)];
  if (v.length === 0)
    return [finding('to_empty', 'to', 'to is an empty array: there is no one to send to.', `Put at least one number in E.164 form in it: "to": ["${EXAMPLE_NUMBER}"].`)];
  const seen = new Map<string, number>();
  return v.flatMap((e, i) => checkNumber(e, `to[${i}]`, seen, i));
};

function checkNumber(e: unknown, path: string, seen: Map<string, number>, index = 0): Finding[] {
  if (typeof e === 'number')
    return [
      finding(
        'to_not_e164',
        path,
        `${path} is the number ${show(e)}; each recipient must be a string in E.164 form: + then the country code and number, e.g. "${EXAMPLE_NUMBER}".`,
        `Write it as a string with + and the country code.`,
        { subject: String(e) },
      ),
    ];
  if (typeof e !== 'string')
    return [finding('to_not_e164', path, `${path} is ${typeName(e)}, not a phone number string.`, `Write each recipient as a string such as "${EXAMPLE_NUMBER}".`, { subject: `${path}:${typeName(e)}` })];
  const out: Finding[] = [];
  const key = phoneKey(e);
  const first = seen.get(key);
  if (first !== undefined)
    out.push(
      finding(
        'to_duplicate',
        path,
        `${show(e)} is in to more than once (first at to[${first}]). Sent sends one message per entry, so this number would get the message twice.`,
        `Remove the duplicate from to.`,
        { subject: key },
      ),
    );
  else seen.set(key, index);
  let e164: string | undefined = E164_RE.test(e) ? e : undefined;
  if (!e164) {
    const fixed = e164FromFormatted(e);
    const digits = e.replace(/\D/g, '');
    let message: string;
    let fix: string;
    if (fixed) {
      message = `${path} is ${show(e)}, which has spaces, punctuation or invisible characters; E.164 is + followed by digits only.`;
      fix = `Write ${show(fixed)}.`;
    } else if (/^\+?\d{16,}$/.test(key)) {
      message = `${path} is ${show(e)}: ${digits.length} digits; E.164 numbers have at most 15.`;
      fix = 'Check the number for extra digits.';
    } else if (/^00\d{6,}$/.test(key)) {
      message = `${path} is ${show(e)}: it uses the 00 international prefix instead of +.`;
      fix = `Write it with + instead of 00: ${show('+' + key.slice(2))}.`;
    } else if (/^\d{6,15}$/.test(key)) {
      message = `${path} is ${show(e)}: it has no + and so no country code. Sent needs E.164 (+, country code, number).`;
      fix = `Add + and the country code, e.g. "+1${key.length === 10 ? key : '…'}" for a US number; a number without its country code cannot be fixed automatically.`;
    } else {
      message = `${path} is ${show(e)}, which is not a phone number in E.164 form (+ then 1–15 digits).`;
      fix = `Write the recipient's number like "${EXAMPLE_NUMBER}".`;
    }
    out.push(finding('to_not_e164', path, message, fix, { subject: key }));
    e164 = fixed;
  }
  if (e164) {
    const pl = plausibility(e164);
    if (!pl.ok)
      out.push(
        finding(
          'to_not_valid_number',
          path,
          pl.reason === 'no_country'
            ? `${show(e164)} has the E.164 shape, but no country uses its calling code.`
            : `${show(e164)} has the E.164 shape but is not a valid number for ${pl.country ? countryName(pl.country) : `calling code +${pl.callingCode}`} (wrong length or prefix).`,
          'Check the number with the recipient (a missing or extra digit, or a local prefix such as 0 kept after the country code); a number that cannot exist will not be delivered.',
          { subject: e164 },
        ),
      );
  }
  return out;
}

// ─── content: template / text ───────────────────────────────────────────────

const checkContent: Rule = (p) => {
  const hasTemplate = isSet(p, 'template');
  const hasText = isSet(p, 'text') && !(typeof p.text === 'string' && p.text.trim() === '');
  if (!hasTemplate && !hasText) {
    const aliases = [...aliasesOf(p, 'template.id'), ...aliasesOf(p, 'template.name'), ...aliasesOf(p, 'text')];
    return [
      finding(
        'content_missing',
        '$',
        `The payload has neither template nor text${isSet(p, 'text') ? ' (text is empty)' : ''}${aliases.length ? ` (it has ${aliases.map(showKey).join(', ')}, which v3 does not read)` : ''}: a message needs one of them.`,
        'Add "template": {"id": "tmpl_…"} (or {"name": "…"}) for a template message, or "text": "…" for a free-form message.',
      ),
    ];
  }
  if (hasTemplate && hasText)
    return [
      finding(
        'template_and_text',
        '$',
        'The payload has both template and text. The API takes one or the other ("provide either template or text"), so one of them is ignored or the request is rejected.',
        'Keep template (needed on WhatsApp outside the 24-hour window) and remove text, or remove template to send free-form text.',
      ),
    ];
  return [];
};

const checkTemplate: Rule = (p) => {
  if (!isSet(p, 'template')) return [];
  const t = p.template;
  if (typeof t === 'string') {
    const fix =
      t.trim() === ''
        ? 'Write "template": {"id": "tmpl_…"} with the template ID from Dashboard → Templates.'
        : TEMPLATE_ID_RE.test(t.trim())
          ? `Write "template": {"id": ${show(t.trim())}}.`
          : `Write "template": {"name": ${show(t.trim())}} (or {"id": "…"} with the ID from Dashboard → Templates).`;
    return [
      finding(
        'template_flat_string',
        'template',
        `template is the flat string ${show(t)}. The v3 API needs a template object with an id or a name; with a flat string the API still accepts the request, but the message fails during processing.`,
        fix,
      ),
    ];
  }
  if (!isPlainObject(t))
    return [
      finding(
        'template_missing_id_or_name',
        'template',
        `template is ${typeName(t)}; it must be an object with an id or a name, e.g. {"id": "tmpl_abc123"}.`,
        'Write "template": {"id": "tmpl_…"} or {"name": "order_confirmation"}.',
      ),
    ];
  const out: Finding[] = [];
  for (const k of Object.keys(t)) {
    if (TEMPLATE_FIELDS.includes(k as never)) continue;
    const nk = normKey(k);
    const target = TEMPLATE_RENAMES[nk] ?? TEMPLATE_FIELDS.find((f) => f === nk);
    const name = showKey(k);
    const typo = target ? undefined : typoOf(k, TEMPLATE_FIELDS);
    out.push(
      finding(
        'unknown_field',
        keyPath('template', k),
        target
          ? `template.${name} is not a template field; v3 calls it template.${target}.`
          : `template.${name} is not a template field (the fields are id, name and parameters)${typo ? `. Did you mean ${typo}?` : ''}.`,
        target
          ? has(t, target)
            ? `Remove template.${name}; template.${target} is already there.`
            : `Rename template.${name} to template.${target}.`
          : `Remove template.${name}${typo ? ` or rename it to ${typo}` : ''}.`,
      ),
    );
  }
  const id = get(t, 'id');
  const name = get(t, 'name');
  const idOk = nonEmptyString(id);
  const nameOk = nonEmptyString(name);
  const badType = (field: 'id' | 'name', v: unknown) =>
    v !== undefined && v !== null && typeof v !== 'string'
      ? finding(
          'template_missing_id_or_name',
          `template.${field}`,
          `template.${field} is ${typeName(v)} (${show(v)}); it must be a string.`,
          typeof v === 'number' ? `Write "${field}": "${v}".` : `Write "${field}" as a string, e.g. "tmpl_abc123".`,
        )
      : undefined;
  const typeFindings = [badType('id', id), badType('name', name)].filter((f): f is Finding => !!f);
  if (!idOk && !nameOk && typeFindings.length === 0) {
    const aliases = Object.keys(t).filter((k) => TEMPLATE_RENAMES[normKey(k)] === 'id' || TEMPLATE_RENAMES[normKey(k)] === 'name');
    out.push(
      finding(
        'template_missing_id_or_name',
        'template',
        `template has ${id === '' || name === '' ? 'an empty id or name' : 'neither id nor name'}${aliases.length ? ` (it has ${aliases.map(showKey).join(', ')})` : ''}; Sent needs one of them to find the template.`,
        'Add "id": "tmpl_…" (from Dashboard → Templates) or "name": "order_confirmation" to the template object.',
      ),
    );
  }
  out.push(...typeFindings);
  const params = get(t, 'parameters');
  if (params !== undefined && params !== null && !isPlainObject(params)) {
    const pairs = Array.isArray(params) && params.length > 0 && params.every(isNameValuePair);
    out.push(
      finding(
        'template_parameters_not_object',
        'template.parameters',
        `template.parameters is ${typeName(params)}; it must be an object that maps each template variable to its value, e.g. {"customer_name": "Ana", "order_id": "12345"}.`,
        pairs
          ? 'Turn each {name, value} pair into "name": "value" (the corrected payload does this).'
          : typeof params === 'string' && parsesToObject(params)
            ? 'Send the object itself, not a JSON string of it (the corrected payload does this).'
            : 'Write the parameters as an object keyed by the variable names your template declares (Dashboard → Templates).',
      ),
    );
  }
  return out;
};

export function isNameValuePair(x: unknown): x is { name?: unknown; key?: unknown; value: unknown } {
  return isPlainObject(x) && has(x, 'value') && (typeof x.name === 'string' || typeof x.key === 'string');
}

export function parsesToObject(s: string): boolean {
  if (s.length > 64 * 1024 || !s.trim().startsWith('{')) return false;
  try {
    return isPlainObject(JSON.parse(s));
  } catch {
    return false;
  }
}

const varName = (s: string) => s.replace(/^\{\{\s*|\s*\}\}$/g, '').trim();

const checkParameterCount: Rule = (p, cx) => {
  const exp = cx.expected;
  const t = p.template;
  if (!exp || !isPlainObject(t)) return [];
  const params = get(t, 'parameters');
  if (params !== undefined && params !== null && !isPlainObject(params)) return [];
  const keys = Object.keys(isPlainObject(params) ? params : {}).filter((k) => !RESERVED_PARAMETER_KEYS.includes(k));
  const out: Finding[] = [];
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (exp.names && exp.names.length === exp.count) {
    const missing = exp.names.filter((n) => !keys.some((k) => varName(k) === varName(n)));
    const extra = keys.filter((k) => !exp.names!.some((n) => varName(n) === varName(k)));
    if (missing.length)
      out.push(
        finding(
          'template_parameter_count_mismatch',
          'template.parameters',
          `${exp.from} expects ${plural(exp.count, 'variable')} (${exp.names.map((n) => show(n, 40)).join(', ')}); template.parameters ${keys.length ? `has ${plural(keys.length, 'key')} and ` : ''}is missing ${missing.map((n) => show(n, 40)).join(', ')}. A parameter mismatch makes the message fail.`,
          `Add ${missing.slice(0, 5).map((n) => `${show(varName(n), 40)}: "…"`).join(', ')} to template.parameters.`,
          { subject: 'parameters:missing' },
        ),
      );
    if (extra.length)
      out.push(
        finding(
          'template_parameter_count_mismatch',
          'template.parameters',
          `template.parameters has ${extra.map((k) => show(k, 40)).join(', ')}, which ${exp.from} does not declare. The guide says a mismatch fails the message; the SDK says unknown keys are ignored.`,
          `Remove ${extra.length === 1 ? 'it' : 'them'}, or check that this is the right template.`,
          { severity: 'warning', subject: 'parameters:extra' },
        ),
      );
    return out;
  }
  if (keys.length !== exp.count)
    out.push(
      finding(
        'template_parameter_count_mismatch',
        'template.parameters',
        `template.parameters has ${plural(keys.length, 'variable')} but ${exp.from} expects ${exp.count}.${keys.length < exp.count ? ' Every variable the template declares is required; a mismatch makes the message fail.' : ' The guide says a mismatch fails the message; the SDK says unknown keys are ignored.'}`,
        keys.length < exp.count
          ? `Supply all ${exp.count} variables in template.parameters (their names are in Dashboard → Templates).`
          : 'Remove the variables the template does not declare.',
        { severity: keys.length < exp.count ? 'error' : 'warning', subject: 'parameters:count' },
      ),
    );
  return out;
};

// ─── channel, channels, fallback ────────────────────────────────────────────

export type ChannelClass =
  | { kind: 'ok'; value: string }
  | { kind: 'case' | 'alias'; value: string }
  | { kind: 'mms' | 'empty' | 'unknown' };

export function classifyChannel(v: string): ChannelClass {
  if (CHANNELS.includes(v as never)) return { kind: 'ok', value: v };
  const lower = v.trim().toLowerCase();
  if (CHANNELS.includes(lower as never)) return { kind: 'case', value: lower };
  const alias = CHANNEL_ALIASES[lower];
  if (alias) return { kind: 'alias', value: alias };
  if (lower === 'mms') return { kind: 'mms' };
  if (lower === '') return { kind: 'empty' };
  return { kind: 'unknown' };
}

function channelValueFindings(v: string, path: string): Finding[] {
  const c = classifyChannel(v);
  const subject = `${path}:${v}`;
  switch (c.kind) {
    case 'ok':
      return [];
    case 'case':
      return [
        finding(
          'channel_case',
          path,
          `${path} is ${show(v)}; channel values are lowercase. Sent does not recognise ${show(v)}: the message is routed incorrectly or rejected.`,
          `Write ${show(c.value)}.`,
          { subject },
        ),
      ];
    case 'alias':
      return [
        finding(
          'channel_unknown',
          path,
          `${path} is ${show(v)}, which Sent does not recognise; the channel is called ${show(c.value)}.`,
          `Write ${show(c.value)}.`,
          { subject },
        ),
      ];
    case 'mms':
      return [
        finding(
          'channel_unknown',
          path,
          `${path} is "mms", which is not a documented channel value (sent, sms, whatsapp, rcs). MMS is chosen automatically when media_urls is present.`,
          'Use "channel": ["sent"] with media_urls, or confirm with Sent support that "mms" is accepted.',
          { severity: 'warning', subject },
        ),
      ];
    case 'empty':
      return [finding('channel_unknown', path, `${path} is an empty string.`, 'Remove it (no channel means auto-detect) or write "whatsapp" or "sms".', { subject })];
    case 'unknown': {
      const typo = typoOf(v, CHANNELS);
      return [
        finding(
          'channel_unknown',
          path,
          `${path} is ${show(v)}, not a channel Sent knows${typo ? ` (did you mean "${typo}"?)` : ''}. The values are "sent" (auto-detect), "sms", "whatsapp" and "rcs"; any other value is rejected.`,
          typo ? `Write "${typo}".` : 'Use "whatsapp" or "sms" (or "sent" to let Sent choose).',
          { subject },
        ),
      ];
    }
  }
}

/** The channels a payload asks for, lowercased and de-aliased (for cross-field rules). */
function requestedChannels(p: Payload): string[] {
  const c = p.channel;
  const vals = typeof c === 'string' ? [c] : Array.isArray(c) ? c.filter((x): x is string => typeof x === 'string') : [];
  return vals.flatMap((v) => {
    const k = classifyChannel(v);
    return 'value' in k ? [k.value] : [];
  });
}

const checkChannel: Rule = (p) => {
  if (!isSet(p, 'channel')) return [];
  const c = p.channel;
  if (typeof c === 'string') return channelValueFindings(c, 'channel');
  if (!Array.isArray(c))
    return [
      finding(
        'channel_wrong_type',
        'channel',
        `channel is ${typeName(c)}; it must be a lowercase string ("whatsapp", as in the guide) or an array of "sent", "sms", "whatsapp", "rcs" (as in the API reference).`,
        'Write "channel": "whatsapp" or "channel": ["whatsapp"].',
      ),
    ];
  const out = c.flatMap((e, i) =>
    typeof e === 'string'
      ? channelValueFindings(e, `channel[${i}]`)
      : [
          finding(
            'channel_wrong_type',
            `channel[${i}]`,
            `channel[${i}] is ${typeName(e)}; channel values are strings: "sent", "sms", "whatsapp", "rcs".`,
            'Write each channel as a lowercase string.',
          ),
        ],
  );
  const distinct = [...new Set(requestedChannels(p).filter((v) => v !== 'sent'))];
  if (distinct.length >= 2)
    out.push(
      finding(
        'channel_list_broadcast',
        'channel',
        `channel lists ${distinct.map((d) => `"${d}"`).join(' and ')}. In the API's model this is a list of channels to send on, not a fallback order: each recipient gets one message per listed channel.`,
        `To try one channel and fall back to another, use "channel": ["sent"] (auto-detect reroutes after a failure) or the guide's "channel": "${distinct[0]}" with "fallback": "${distinct[1]}".`,
      ),
    );
  return out;
};

const checkChannelsObject: Rule = (p) => {
  if (!isSet(p, 'channels')) return [];
  const c = p.channels;
  if (Array.isArray(c) && c.every((x) => typeof x === 'string'))
    return [
      finding(
        'channel_wrong_type',
        'channels',
        `channels is a list of channel names; in the v3 API that list is the channel field. channels (plural) is an object that picks sender numbers per channel, e.g. {"sms": [{"from": ["+12125550000"]}]}.`,
        isSet(p, 'channel') ? 'Remove channels; channel already says which channels to use.' : `Rename channels to channel: "channel": ${show(c)}.`,
      ),
    ];
  if (!isPlainObject(c))
    return [finding('channel_wrong_type', 'channels', `channels is ${typeName(c)}; it must be an object such as {"sms": [{"from": ["+12125550000"]}]}.`, 'Write channels as an object keyed by channel, or remove it.')];
  const out: Finding[] = [];
  for (const k of Object.keys(c)) {
    const path = keyPath('channels', k);
    const lower = k.trim().toLowerCase();
    if (lower === 'sent' || CHANNEL_ALIASES[lower] === 'sent')
      out.push(
        finding(
          'channel_unknown',
          path,
          `channels.${showKey(k)}: channels picks sender numbers for one channel (sms, whatsapp, rcs, mms); "sent" (auto-detect) is rejected there.`,
          `Remove channels.${showKey(k)}; put the numbers under the channel they send on, e.g. channels.sms.`,
        ),
      );
    else if (!CHANNELS_OBJECT_KEYS.includes(k as never)) {
      const fixed = CHANNELS_OBJECT_KEYS.includes(lower as never) ? lower : CHANNEL_ALIASES[lower];
      out.push(
        fixed
          ? finding(
              lower === fixed ? 'channel_case' : 'channel_unknown',
              path,
              `channels.${showKey(k)} should be channels.${fixed}: channel names are lowercase.`,
              `Rename it to ${fixed}.`,
            )
          : finding('channel_unknown', path, `channels.${showKey(k)} is not a channel (sms, whatsapp, rcs, mms).`, `Remove it or rename it to one of sms, whatsapp, rcs, mms.`),
      );
    }
    const v = c[k];
    const entries = Array.isArray(v) ? v : [v];
    const shapeOk = entries.every((e) => isPlainObject(e) && Array.isArray(e.from) && e.from.every((x) => typeof x === 'string'));
    if (!Array.isArray(v) || !shapeOk) {
      const fixable = entries.every((e) => isPlainObject(e) && (typeof e.from === 'string' || (Array.isArray(e.from) && e.from.every((x) => typeof x === 'string'))));
      out.push(
        finding(
          'channel_wrong_type',
          path,
          `channels.${showKey(k)} must be an array of objects with a from array, e.g. [{"from": ["+12125550000"]}].`,
          fixable ? 'Wrap it as shown (the corrected payload does this).' : 'Write it as [{"from": ["+1…"]}] with a sender number of your account.',
        ),
      );
    }
  }
  return out;
};

const checkFallback: Rule = (p) => {
  if (!isSet(p, 'fallback')) return [];
  const f = p.fallback;
  const out: Finding[] = [];
  if (typeof f !== 'string')
    return [finding('fallback_invalid', 'fallback', `fallback is ${typeName(f)}; the guide's fallback is a lowercase channel name such as "sms".`, 'Write "fallback": "sms".')];
  const c = classifyChannel(f);
  if (c.kind !== 'ok' || !FALLBACK_VALUES.includes(f as never)) {
    if ('value' in c && FALLBACK_VALUES.includes(c.value as never))
      out.push(finding('fallback_invalid', 'fallback', `fallback is ${show(f)}; channel names are lowercase and exact: ${show(c.value)}.`, `Write "fallback": ${show(c.value)}.`, { subject: `fallback:${f}` }));
    else if ('value' in c && c.value === 'sent')
      out.push(
        finding(
          'fallback_invalid',
          'fallback',
          `fallback is ${show(f)}, which is auto-detect, not a channel to fall back to.`,
          'Write "fallback": "sms", or drop fallback and use "channel": ["sent"] so Sent chooses and reroutes.',
          { subject: `fallback:${f}` },
        ),
      );
    else
      out.push(
        finding('fallback_invalid', 'fallback', `fallback is ${show(f)}, not a channel Sent knows (sms, whatsapp, rcs).`, 'Write "fallback": "sms" (with "channel": "whatsapp").', {
          subject: `fallback:${f}`,
        }),
      );
  }
  const fb = 'value' in c ? c.value : undefined;
  const chosen = [...new Set(requestedChannels(p))];
  if (fb && chosen.length === 1 && chosen[0] === fb)
    out.push(
      finding(
        'fallback_same_as_channel',
        'fallback',
        `fallback is ${show(f)}, the same channel as channel: there is nothing different to fall back to.`,
        'Use "channel": "whatsapp" with "fallback": "sms" (the guide\'s failover), or remove fallback.',
      ),
    );
  if (Array.isArray(p.channel))
    out.push(
      finding(
        'fallback_model',
        'fallback',
        'fallback is the guide\'s field (used with "channel": "whatsapp"). The public API has no fallback field: with a channel list it sends on every listed channel, and with ["sent"] it picks the channel and reroutes after a failure by itself.',
        'Use one model: "channel": "whatsapp" with "fallback": "sms" (guide), or "channel": ["sent"] without fallback (API).',
      ),
    );
  return out;
};

// ─── sender, sandbox ────────────────────────────────────────────────────────

const checkSender: Rule = (p) => {
  const out: Finding[] = [];
  if (isSet(p, 'sender_profile_id')) {
    const sp = p.sender_profile_id;
    const ok = typeof sp === 'string' && (SP_ID_RE.test(sp) || UUID_RE.test(sp));
    if (!ok)
      out.push(
        finding(
          'sender_profile_id_format',
          'sender_profile_id',
          typeof sp === 'string'
            ? `sender_profile_id is ${show(sp)}; a Sender Profile ID starts with sp_ (Dashboard → Sender Profiles shows each one)${/^\s|\s$/.test(sp) ? ' and has no spaces around it' : ''}.`
            : `sender_profile_id is ${typeName(sp)}; it must be a string such as "sp_…".`,
          'Copy the ID from Dashboard → Sender Profiles.',
        ),
      );
    return out;
  }
  const channels = requestedChannels(p);
  const fallback = typeof p.fallback === 'string' ? p.fallback.trim().toLowerCase() : undefined;
  const smsChosen = channels.includes('sms') || fallback === 'sms';
  const smsFrom = isPlainObject(p.channels) && isSet(p.channels, 'sms');
  if (smsChosen && !smsFrom)
    out.push(
      finding(
        'sender_profile_missing',
        'sender_profile_id',
        'This SMS send names no sender (no sender_profile_id, no channels.sms[].from): Sent uses the project\'s default Sender Profile if one is set, otherwise its default routing, which picks a sender by cost and deliverability and may use a shared short code instead of your number.',
        'To send from a specific number, add "sender_profile_id": "sp_…" (Dashboard → Sender Profiles) or set a default in Dashboard → Settings → Messaging Defaults; in the API\'s model, use the x-profile-id header or channels.sms[].from.',
      ),
    );
  return out;
};

export const SANDBOX_TRUE = /^(?:true|yes|1|on)$/i;
export const SANDBOX_FALSE = /^(?:false|no|0|off)$/i;

const checkSandbox: Rule = (p) => {
  if (!isSet(p, 'sandbox') || typeof p.sandbox === 'boolean') return [];
  const s = p.sandbox;
  const asText = typeof s === 'string' || typeof s === 'number' ? String(s).trim() : '';
  const meant = SANDBOX_TRUE.test(asText) ? 'true' : SANDBOX_FALSE.test(asText) ? 'false' : undefined;
  return [
    finding(
      'sandbox_not_boolean',
      'sandbox',
      `sandbox is ${typeName(s)} (${show(s)}); it must be the boolean true or false, without quotes.${meant === 'true' ? ' If it is not read as true, the message is sent for real and charged.' : ''}`,
      meant ? `Write "sandbox": ${meant}.` : 'Write "sandbox": true to test without delivering, or remove it for a live send.',
    ),
  ];
};

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
  const count = new Map<string, number>();
  const out: Finding[] = [];
  const dropped = new Map<string, Finding[]>();
  for (const f of findings) {
    const n = (count.get(f.code) ?? 0) + 1;
    count.set(f.code, n);
    if (n <= MAX_PER_CODE) out.push(f);
    else dropped.set(f.code, [...(dropped.get(f.code) ?? []), f]);
  }
  for (const [code, rest] of dropped) {
    const last = rest[rest.length - 1]!;
    out.push({
      ...finding(last.code, last.path.replace(/\[\d+\]$/, ''), `…and ${rest.length} more with the same problem (${code}).`, last.fix, { severity: last.severity }),
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
