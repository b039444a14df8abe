/**
 * Validation of a simulated POST /v3/messages body, with Sent's v3 codes. Accepts both the
 * guide's shape (`"channel": "whatsapp"`, `"fallback": "sms"`, `sender_profile_id`) and the
 * SDK's (`channel` array). The limits marked "simulator's own" are not documented by Sent.
 */
import type { SimTemplate } from './seed.js';

export interface SendPlan {
  to: string[];
  channels: string[];
  template?: SimTemplate;
  parameters: Record<string, string>;
  text?: string;
  fallback?: string;
  senderProfileId?: string;
}

export type SendCheck =
  | { ok: true; plan: SendPlan }
  | { ok: false; status: number; code: string; message: string; details: Record<string, string[]> | null };

const E164 = /^\+[1-9]\d{6,14}$/;
const CHANNELS = ['sent', 'sms', 'whatsapp', 'rcs'];
/** Simulator's own caps (Sent publishes none). */
const MAX_RECIPIENTS = 100;
const MAX_TEXT = 4096;

const bad = (status: number, code: string, message: string, details: Record<string, string[]> | null = null): SendCheck => ({
  ok: false,
  status,
  code,
  message,
  details,
});

const short = (v: unknown) => JSON.stringify(v)?.slice(0, 30) ?? String(v);

export function validateSend(body: unknown, findTemplate: (ref: { id?: string; name?: string }) => SimTemplate | undefined): SendCheck {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return bad(400, 'VALIDATION_001', 'Request body must be a JSON object', { body: ['must be a JSON object'] });
  const b = body as Record<string, unknown>;

  // Checked first so nothing about a live send is ever reported as fine.
  if (b.sandbox !== true)
    return bad(
      422,
      'SIM_LIVE_SEND_REFUSED',
      'The Sent simulator only accepts sandbox sends: add "sandbox": true. It never delivers messages.',
      { sandbox: ['must be true in the simulator'] },
    );

  if (b.to === undefined || b.to === null) return bad(400, 'VALIDATION_004', 'Required field missing: to', { to: ['required'] });
  if (!Array.isArray(b.to) || !b.to.every((x) => typeof x === 'string'))
    return bad(400, 'VALIDATION_001', 'to must be an array of E.164 phone numbers', { to: ['must be an array of strings'] });
  if (b.to.length === 0) return bad(400, 'VALIDATION_004', 'Required field missing: to', { to: ['at least one recipient'] });
  if (b.to.length > MAX_RECIPIENTS)
    return bad(400, 'VALIDATION_005', `At most ${MAX_RECIPIENTS} recipients per request in the simulator`, { to: [`at most ${MAX_RECIPIENTS}`] });
  const badPhones = (b.to as string[]).map((p, i) => [p, i] as const).filter(([p]) => !E164.test(p));
  if (badPhones.length)
    return bad(
      400,
      'VALIDATION_002',
      'Phone number is not in E.164 format',
      Object.fromEntries(badPhones.slice(0, 10).map(([, i]) => [`to[${i}]`, ['must be E.164, e.g. +14155550123']])),
    );

  let channels: string[];
  if (b.channel === undefined || b.channel === null) channels = ['sent'];
  else if (typeof b.channel === 'string') channels = [b.channel];
  else if (Array.isArray(b.channel) && b.channel.every((c) => typeof c === 'string')) channels = b.channel.length ? (b.channel as string[]) : ['sent'];
  else return bad(400, 'VALIDATION_001', 'channel must be a string or an array of strings', { channel: ['must be a string or array'] });
  const wrong = channels.find((c) => !CHANNELS.includes(c));
  if (wrong !== undefined)
    return bad(400, 'VALIDATION_006', 'Invalid channel value (values are case-sensitive)', {
      channel: [`${short(wrong)} is not one of ${CHANNELS.join(', ')}`],
    });
  channels = [...new Set(channels)];

  let fallback: string | undefined;
  if (b.fallback !== undefined && b.fallback !== null) {
    if (b.fallback !== 'sms') return bad(400, 'VALIDATION_006', 'Invalid fallback value', { fallback: ['must be "sms"'] });
    fallback = 'sms';
  }

  let senderProfileId: string | undefined;
  if (b.sender_profile_id !== undefined && b.sender_profile_id !== null) {
    if (typeof b.sender_profile_id !== 'string' || !/^sp_[A-Za-z0-9_-]{1,64}$/.test(b.sender_profile_id))
      return bad(400, 'VALIDATION_001', 'sender_profile_id must look like sp_…', { sender_profile_id: ['must start with sp_'] });
    senderProfileId = b.sender_profile_id;
  }

  const hasTemplate = b.template !== undefined && b.template !== null;
  const hasText = b.text !== undefined && b.text !== null;
  if (!hasTemplate && !hasText) return bad(400, 'VALIDATION_004', 'Provide either template or text', { template: ['template or text is required'] });
  if (hasTemplate && hasText) return bad(400, 'VALIDATION_001', 'Provide either template or text, not both', { text: ['not allowed with template'] });

  if (hasText) {
    if (typeof b.text !== 'string' || b.text.trim() === '') return bad(400, 'VALIDATION_001', 'text must be a non-empty string', { text: ['must be a non-empty string'] });
    if (b.text.length > MAX_TEXT) return bad(400, 'VALIDATION_005', `text is longer than ${MAX_TEXT} characters`, { text: [`at most ${MAX_TEXT} characters`] });
    return { ok: true, plan: { to: b.to as string[], channels, parameters: {}, text: b.text, fallback, senderProfileId } };
  }

  if (typeof b.template !== 'object' || Array.isArray(b.template))
    return bad(400, 'VALIDATION_001', 'template must be an object with id or name', {
      template: ['must be an object such as {"id": "tmpl_…"} or {"name": "…"}, not a string'],
    });
  const t = b.template as Record<string, unknown>;
  const id = typeof t.id === 'string' && t.id ? t.id : undefined;
  const name = typeof t.name === 'string' && t.name ? t.name : undefined;
  if (!id && !name) return bad(400, 'VALIDATION_004', 'template needs an id or a name', { 'template.id': ['id or name required'] });
  const template = findTemplate({ id, name });
  if (!template) return bad(404, 'RESOURCE_002', 'Template not found', null);

  const params = t.parameters ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    return bad(400, 'VALIDATION_001', 'template.parameters must be an object', { 'template.parameters': ['must be an object'] });
  const parameters: Record<string, string> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    if (typeof v !== 'string') return bad(400, 'VALIDATION_001', 'Template parameter values must be strings', { [`template.parameters.${k.slice(0, 40)}`]: ['must be a string'] });
    parameters[k] = v;
  }
  // Sandbox still validates required template variables.
  const missing = template.variables.filter((v) => !(v in parameters));
  if (missing.length)
    return bad(
      400,
      'VALIDATION_004',
      `Template ${template.name} expects ${template.variables.length} variables, ${template.variables.length - missing.length} supplied`,
      Object.fromEntries(missing.map((m) => [`template.parameters.${m}`, ['required by the template']])),
    );
  return { ok: true, plan: { to: b.to as string[], channels, template, parameters, fallback, senderProfileId } };
}
