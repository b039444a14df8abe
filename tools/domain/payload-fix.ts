/**
 * The corrected payload: every fix that needs no guessing, applied to a copy. What needs the
 * user's knowledge (a number without its country code, a template ID that is not there) stays
 * as it was; the findings say what to do. Objects are built from entries so that keys such as
 * `__proto__` stay plain data.
 */
import { redactSecrets } from './redact.js';
import { isPlainObject } from './payload-codes.js';
import {
  CHANNEL_ALIASES,
  CHANNELS_OBJECT_KEYS,
  FALLBACK_VALUES,
  KNOWN_FIELDS,
  RENAMES,
  SECRET_FIELDS,
  SP_ID_RE,
  TEMPLATE_FIELDS,
  TEMPLATE_ID_RE,
  TEMPLATE_RENAMES,
  UUID_RE,
  knownFieldFor,
  normKey,
} from './payload-fields.js';
import { e164FromFormatted, phoneKey } from './payload-phone.js';
import type { Payload } from './payload-codes.js';
import { isNameValuePair, parsesToObject } from './payload-rules-content.js';
import { classifyChannel, SANDBOX_FALSE, SANDBOX_TRUE } from './payload-rules-routing.js';

type Entry = [string, unknown];

export interface CorrectOptions {
  /** Template variable names, to map a positional parameters array onto. */
  variableNames?: string[];
}

export function correctPayload(p: Payload, opts: CorrectOptions = {}): Payload {
  let entries = renameTopLevel(Object.entries(p));
  entries = fixTemplate(entries, opts);
  entries = entries.map(([k, v]): Entry => {
    switch (k) {
      case 'to':
        return [k, fixTo(v)];
      case 'channel':
        return [k, fixChannel(v)];
      case 'channels':
        return [k, fixChannelsObject(v)];
      case 'fallback':
        return [k, fixFallback(v)];
      case 'sender_profile_id':
        return [k, typeof v === 'string' && (SP_ID_RE.test(v.trim()) || UUID_RE.test(v.trim())) ? v.trim() : v];
      case 'sandbox':
        return [k, fixSandbox(v)];
      default:
        return [k, v];
    }
  });
  entries = channelsListToChannel(entries);
  return scrub(Object.fromEntries(entries)) as Payload;
}

const present = (entries: Entry[], k: string) => entries.some(([e]) => e === k);

/** camelCase / v2 names → v3 names (when the v3 name is not there already); credentials dropped. */
function renameTopLevel(entries: Entry[]): Entry[] {
  const out: Entry[] = [];
  const original = new Set(entries.map(([k]) => k));
  for (const [k, v] of entries) {
    if (KNOWN_FIELDS.includes(k as never)) {
      out.push([k, v]);
      continue;
    }
    const nk = normKey(k);
    if (SECRET_FIELDS.has(nk)) continue;
    const known = knownFieldFor(k);
    if (known && !original.has(known) && !present(out, known)) {
      out.push([known, v]);
      continue;
    }
    const r = RENAMES[nk];
    if (r?.rename && !r.target.startsWith('template.') && !original.has(r.target) && !present(out, r.target)) {
      out.push([r.target, v]);
      continue;
    }
    out.push([k, v]);
  }
  return out;
}

function fixTemplate(entries: Entry[], opts: CorrectOptions): Entry[] {
  let out = entries.map(([k, v]): Entry => (k === 'template' ? [k, fixTemplateValue(v, opts)] : [k, v]));
  // Top-level templateId / templateName / templateVariables move into the template object.
  const parts = out.filter(([k]) => RENAMES[normKey(k)]?.rename && RENAMES[normKey(k)]!.target.startsWith('template.') && !KNOWN_FIELDS.includes(k as never));
  if (!parts.length) return out;
  const idx = out.findIndex(([k]) => k === 'template');
  const current = idx >= 0 ? out[idx]![1] : undefined;
  if (idx >= 0 && current !== null && !isPlainObject(current)) return out;
  const tEntries: Entry[] = isPlainObject(current) ? Object.entries(current) : [];
  const moved = new Set<string>();
  for (const [k, v] of parts) {
    const field = RENAMES[normKey(k)]!.target.slice('template.'.length);
    if (present(tEntries, field)) continue;
    const value = field === 'parameters' ? fixParameters(v, opts) : typeof v === 'number' ? String(v) : v;
    tEntries.push([field, value]);
    moved.add(k);
  }
  if (!moved.size) return out;
  const template = Object.fromEntries(tEntries);
  if (idx >= 0) out[idx] = ['template', template];
  else {
    const at = out.findIndex(([k]) => moved.has(k));
    out.splice(at, 0, ['template', template]);
  }
  out = out.filter(([k]) => !moved.has(k));
  return out;
}

function fixTemplateValue(v: unknown, opts: CorrectOptions): unknown {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return v;
    return Object.fromEntries([[TEMPLATE_ID_RE.test(t) ? 'id' : 'name', t]]);
  }
  if (!isPlainObject(v)) return v;
  const original = new Set(Object.keys(v));
  const out: Entry[] = [];
  for (const [k, val] of Object.entries(v)) {
    let key = k;
    if (!TEMPLATE_FIELDS.includes(k as never)) {
      const nk = normKey(k);
      const target = TEMPLATE_RENAMES[nk] ?? TEMPLATE_FIELDS.find((f) => f === nk);
      if (target && !original.has(target) && !present(out, target)) key = target;
    }
    let value = val;
    if ((key === 'id' || key === 'name') && typeof val === 'number') value = String(val);
    if (key === 'parameters') value = fixParameters(val, opts);
    out.push([key, value]);
  }
  return Object.fromEntries(out);
}

function fixParameters(v: unknown, opts: CorrectOptions): unknown {
  if (typeof v === 'string' && parsesToObject(v)) return JSON.parse(v);
  if (!Array.isArray(v) || v.length === 0) return v;
  if (v.every(isNameValuePair)) return Object.fromEntries(v.map((x) => [String(typeof x.name === 'string' ? x.name : x.key), x.value]));
  const names = opts.variableNames;
  if (names && names.length === v.length && v.every((x) => typeof x === 'string' || typeof x === 'number'))
    return Object.fromEntries(v.map((x, i) => [names[i]!, String(x)]));
  return v;
}

function fixTo(v: unknown): unknown {
  const list = typeof v === 'string' || typeof v === 'number' ? [v] : v;
  if (!Array.isArray(list)) return v;
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const e of list) {
    const fixed = typeof e === 'string' ? (e164FromFormatted(e) ?? e) : typeof e === 'number' ? String(e) : e;
    if (typeof fixed === 'string') {
      const key = phoneKey(fixed);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(fixed);
  }
  return out;
}

function fixChannelName(v: string): string {
  const c = classifyChannel(v);
  return c.kind === 'case' || c.kind === 'alias' ? c.value : v;
}

function fixChannel(v: unknown): unknown {
  if (typeof v === 'string') return fixChannelName(v);
  if (Array.isArray(v)) return v.map((e) => (typeof e === 'string' ? fixChannelName(e) : e));
  return v;
}

function fixChannelsObject(v: unknown): unknown {
  if (!isPlainObject(v)) return v;
  const original = new Set(Object.keys(v));
  const out: Entry[] = [];
  for (const [k, val] of Object.entries(v)) {
    const lower = k.trim().toLowerCase();
    const target = CHANNELS_OBJECT_KEYS.includes(lower as never) ? lower : CHANNEL_ALIASES[lower];
    const key = target && target !== 'sent' && !original.has(target) && !present(out, target) ? target : k;
    const list = isPlainObject(val) ? [val] : val;
    const fixed = Array.isArray(list)
      ? list.map((e) => (isPlainObject(e) && typeof e.from === 'string' ? Object.fromEntries(Object.entries(e).map(([ek, ev]) => [ek, ek === 'from' ? [ev] : ev])) : e))
      : val;
    out.push([key, fixed]);
  }
  return Object.fromEntries(out);
}

/** Kestra-style `channels: ["sent", "sms"]` is the `channel` list. */
function channelsListToChannel(entries: Entry[]): Entry[] {
  const i = entries.findIndex(([k]) => k === 'channels');
  if (i < 0 || present(entries, 'channel')) return entries;
  const v = entries[i]![1];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return entries;
  const out = [...entries];
  out[i] = ['channel', fixChannel(v)];
  return out;
}

function fixFallback(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const c = classifyChannel(v);
  return 'value' in c && FALLBACK_VALUES.includes(c.value as never) ? c.value : v;
}

function fixSandbox(v: unknown): unknown {
  if (typeof v !== 'string' && typeof v !== 'number') return v;
  const s = String(v).trim();
  return SANDBOX_TRUE.test(s) ? true : SANDBOX_FALSE.test(s) ? false : v;
}

/**
 * No credential leaves in `corrected`: top-level credential fields were dropped above; key-shaped
 * strings anywhere else are replaced by their fingerprint. Depth is capped upstream.
 */
function scrub(v: unknown): unknown {
  if (typeof v === 'string') return redactSecrets(v);
  if (Array.isArray(v)) return v.map(scrub);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
  return v;
}
