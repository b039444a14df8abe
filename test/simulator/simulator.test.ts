import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { SEED_MESSAGES, SEED_TEMPLATES, SIMULATOR_DEMO_KEY } from '../../src/simulator/index.js';
import { Envelope } from '../../tools/domain/records/schema.js';
import { TEST_KEY, fakeClock, startSim } from '../sent/helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(url: string, path: string, init: { method?: 'GET' | 'POST'; key?: string | null; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.key !== null) headers['x-api-key'] = init.key ?? TEST_KEY;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.body.text();
  let json: Json | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json: json as Json };
}

const sendBody = (over: Json = {}) => ({ to: ['+14155550123'], template: { id: 'tmpl_otp', parameters: { code: '777111' } }, channel: 'sms', sandbox: true, ...over });

describe('envelope and auth', () => {
  it('every answer is a v3 envelope with meta.request_id, timestamp, version and X-Request-Id', async () => {
    const clock = fakeClock();
    const { url } = await startSim({ clock });
    for (const [path, key] of [['/v3/me', undefined], ['/v3/messages/nope', undefined], ['/v3/me', null]] as const) {
      const r = await call(url, path, { key });
      expect(Envelope.safeParse(r.json).success).toBe(true);
      expect(r.json.meta.version).toBe('v3');
      expect(r.json.meta.timestamp).toBe('2026-08-20T10:00:00.000Z');
      expect(r.json.meta.request_id).toMatch(/^req_sim_/);
      expect(r.headers['x-request-id']).toBe(r.json.meta.request_id);
      expect(r.headers['x-api-version']).toBe('v3');
    }
  });

  it('AUTH_001 without a key (mentions Bearer when that was tried), AUTH_002 with a wrong one', async () => {
    const { url } = await startSim();
    const none = await call(url, '/v3/me', { key: null });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('AUTH_001');
    const bearer = await call(url, '/v3/me', { key: null, headers: { authorization: `Bearer ${TEST_KEY}` } });
    expect(bearer.json.error.message).toContain('Bearer is not accepted');
    const wrong = await call(url, '/v3/me', { key: 'sk_test_nope000000000000000000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toMatchObject({ code: 'AUTH_002', doc_url: 'https://docs.sent.dm/errors/AUTH_002' });
    expect(JSON.stringify(wrong.json)).not.toContain('sk_test_nope');
  });

  it('accepts only the configured keys; the demo key by default', async () => {
    const { url } = await startSim({ keys: undefined });
    expect((await call(url, '/v3/me', { key: SIMULATOR_DEMO_KEY })).status).toBe(200);
  });

  it('unknown endpoints and methods get a clear envelope error; health needs no key', async () => {
    const { url } = await startSim();
    expect((await call(url, '/v3/contacts')).json.error.code).toBe('SIM_NOT_FOUND');
    expect((await call(url, '/v2/messages/x')).status).toBe(404);
    expect((await call(url, '/health/live', { key: null })).status).toBe(200);
  });
});

describe('seeded data', () => {
  it('every seeded message is retrievable with events oldest → newest and activities newest → oldest', async () => {
    const clock = fakeClock();
    const { url } = await startSim({ clock });
    expect(SEED_MESSAGES.length).toBeGreaterThanOrEqual(12);
    for (const s of SEED_MESSAGES) {
      const m = await call(url, `/v3/messages/${s.id}`);
      expect(m.status, s.id).toBe(200);
      const rec = m.json.data;
      expect(rec.id ?? rec.message_id).toBe(s.id);
      for (const f of ['phone', 'region_code', 'channel', 'status', 'created_at', 'price', 'template_id']) expect(rec, `${s.id}.${f}`).toHaveProperty(f);
      const times = rec.events.map((e: Json) => Date.parse(e.timestamp));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(times.every((t: number) => t <= clock.now())).toBe(true);
      expect(rec.status).toBe(rec.events.at(-1).status);
      const a = await call(url, `/v3/messages/${s.id}/activities`);
      expect(a.json.data.message_id).toBe(s.id);
      expect(a.json.data.activities.map((x: Json) => x.status)).toEqual([...rec.events.map((e: Json) => e.status)].reverse());
    }
  });

  it('seeds carry the scenario facts other tests rely on', async () => {
    const clock = fakeClock();
    const { url } = await startSim({ clock });
    const get = async (id: string) => (await call(url, `/v3/messages/${id}`)).json.data;
    const algeria = await get('msg_seed_algeria_sent');
    expect(algeria).toMatchObject({ region_code: 'DZ', channel: 'sms', status: 'SENT' });
    expect(algeria.phone.startsWith('+213')).toBe(true);
    expect(clock.now() - Date.parse(algeria.events.at(-1).timestamp)).toBeGreaterThan(29 * 3_600_000);
    expect(await get('msg_seed_template_params')).toMatchObject({ channel: 'whatsapp', status: 'FAILED' });
    expect((await get('msg_seed_template_params')).events.at(-1).description).toBe(
      'ERR_TEMPLATE_PARAMS_INVALID: template order_update expects 3 variables, 2 supplied',
    );
    const meta = await get('8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01');
    expect(meta.events.at(-1).description).toMatch(/131049.*ERR_ECOSYSTEM_ENGAGEMENT/);
    expect(meta.message_body.content).toBeTruthy();
    expect(await get('msg_seed_fallback_template')).toMatchObject({ channel: 'sms', channel_attempted: 'whatsapp', fallback_reason: 'template_not_approved', status: 'DELIVERED' });
    expect(await get('msg_seed_fallback_not_connected')).toMatchObject({ channel: 'sms', fallback_reason: 'channel_not_connected' });
    expect(await get('msg_seed_fallback_not_capable')).toMatchObject({ channel: 'sms', fallback_reason: 'recipient_not_capable' });
    const short = await get('c9f0f895-fb98-4b91-a4c8-2b6f3d1e7a02');
    expect(short).toMatchObject({ channel: 'sms', status: 'DELIVERED' });
    expect(short.sender_profile_id).toBeUndefined();
    const acts = (await call(url, '/v3/messages/c9f0f895-fb98-4b91-a4c8-2b6f3d1e7a02/activities')).json.data.activities;
    expect(acts[0].from).toMatch(/^\d{5,6}$/);
    expect((await get('msg_seed_not_on_whatsapp')).events.at(-1).description).toMatch(/131026.*not a WhatsApp user.*simulated/);
    expect(await get('msg_seed_blocked_template')).toMatchObject({ status: 'BLOCKED', reason_code: 'BUSINESS_005', template_id: 'tmpl_promo_pending' });
    expect(await get('msg_test_otp_0001')).toMatchObject({ sandbox: true, template_variables: { code: '482913' }, status: 'DELIVERED' });
    expect((await get('45c48cce-2e2d-4fbd-a3a0-6e2a0c1b5a05')).events.map((e: Json) => e.status)).toEqual(['QUEUED', 'ROUTED', 'SENT', 'DELIVERED', 'READ']);
    expect((await get('msg_seed_route_denied')).events.at(-1).description).toContain('ERR_ROUTE_DENIED');
  });

  it('templates and /v3/me', async () => {
    const { url } = await startSim();
    for (const t of SEED_TEMPLATES) expect((await call(url, `/v3/templates/${t.id}`)).json.data).toMatchObject({ id: t.id, status: t.status, variables: t.variables });
    expect((await call(url, '/v3/templates/tmpl_order_update')).json.data.body).toBeUndefined();
    expect((await call(url, '/v3/templates/tmpl_missing')).json.error.code).toBe('RESOURCE_002');
    const me = (await call(url, '/v3/me')).json.data;
    expect(me).toMatchObject({ type: 'organization', channels: { sms: { configured: true }, whatsapp: { configured: true } } });
  });

  it('seed: false starts empty', async () => {
    const { url } = await startSim({ seed: false });
    expect((await call(url, '/v3/messages/msg_seed_algeria_sent')).json.error.code).toBe('RESOURCE_003');
  });
});

describe('sandbox sends', () => {
  it('a non-sandbox send is refused clearly; nothing is created', async () => {
    const { url, sim } = await startSim();
    const before = sim.messages.size;
    for (const sandbox of [undefined, false, 'true']) {
      const r = await call(url, '/v3/messages', { method: 'POST', body: sendBody({ sandbox }) });
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe('SIM_LIVE_SEND_REFUSED');
      expect(r.json.error.message).toContain('"sandbox": true');
    }
    expect(sim.messages.size).toBe(before);
  });

  it('creates msg_test_ messages that progress with the clock and show the submitted variables', async () => {
    const clock = fakeClock();
    const { url } = await startSim({ clock });
    const r = await call(url, '/v3/messages', { method: 'POST', body: sendBody({ to: ['+14155550123', '+447700900001'], channel: ['sms', 'whatsapp'] }) });
    expect(r.status).toBe(202);
    expect(r.headers['x-sandbox']).toBe('true');
    expect(r.json.data.status).toBe('QUEUED');
    expect(r.json.data.recipients).toHaveLength(4); // recipients × channels
    const id = r.json.data.recipients[0].message_id;
    expect(id).toMatch(/^msg_test_[0-9a-f]{12}$/);
    expect(r.json.data.recipients[0].body).toBe('Your verification code is 777111. Do not share it.');
    let m = (await call(url, `/v3/messages/${id}`)).json.data;
    expect(m).toMatchObject({ status: 'QUEUED', sandbox: true, template_variables: { code: '777111' }, region_code: 'US' });
    clock.advance(2_500);
    expect((await call(url, `/v3/messages/${id}`)).json.data.status).toBe('SENT');
    clock.advance(5_000);
    m = (await call(url, `/v3/messages/${id}`)).json.data;
    expect(m.status).toBe('DELIVERED');
    expect(m.events.map((e: Json) => e.status)).toEqual(['QUEUED', 'ROUTED', 'SENT', 'DELIVERED']);
    expect(m.events.at(-1).description).toContain('simulated');
  });

  it('guide dialect: WhatsApp + fallback sms with a pending template falls back; without fallback it is BLOCKED', async () => {
    const clock = fakeClock();
    const { url } = await startSim({ clock });
    const body = sendBody({ template: { id: 'tmpl_promo_pending', parameters: { name: 'A' } }, channel: 'whatsapp' });
    const fb = await call(url, '/v3/messages', { method: 'POST', body: { ...body, fallback: 'sms' } });
    const blk = await call(url, '/v3/messages', { method: 'POST', body });
    clock.advance(10_000);
    const fbm = (await call(url, `/v3/messages/${fb.json.data.recipients[0].message_id}`)).json.data;
    expect(fbm).toMatchObject({ channel: 'sms', channel_attempted: 'whatsapp', fallback_reason: 'template_not_approved', status: 'DELIVERED' });
    const bm = (await call(url, `/v3/messages/${blk.json.data.recipients[0].message_id}`)).json.data;
    expect(bm).toMatchObject({ status: 'BLOCKED', reason_code: 'BUSINESS_005' });
  });

  it.each([
    ['not JSON', '{"to": [', 400, 'VALIDATION_001'],
    ['an array', '[]', 400, 'VALIDATION_001'],
    ['no to', { ...sendBody(), to: undefined }, 400, 'VALIDATION_004'],
    ['to as a string', { ...sendBody(), to: '+14155550123' }, 400, 'VALIDATION_001'],
    ['a non-E.164 number', { ...sendBody(), to: ['4155550123'] }, 400, 'VALIDATION_002'],
    ['a capitalised channel', { ...sendBody(), channel: 'WhatsApp' }, 400, 'VALIDATION_006'],
    ['channel "wa"', { ...sendBody(), channel: ['wa'] }, 400, 'VALIDATION_006'],
    ['template as a flat string', { ...sendBody(), template: 'tmpl_otp' }, 400, 'VALIDATION_001'],
    ['template without id or name', { ...sendBody(), template: { parameters: {} } }, 400, 'VALIDATION_004'],
    ['an unknown template', { ...sendBody(), template: { id: 'tmpl_nope' } }, 404, 'RESOURCE_002'],
    ['a missing variable', { ...sendBody(), template: { id: 'tmpl_order_update', parameters: { name: 'a', order_id: 'b' } } }, 400, 'VALIDATION_004'],
    ['neither template nor text', { to: ['+14155550123'], sandbox: true }, 400, 'VALIDATION_004'],
    ['both template and text', { ...sendBody(), text: 'hi' }, 400, 'VALIDATION_001'],
    ['a bad sender_profile_id', { ...sendBody(), sender_profile_id: 'profile1' }, 400, 'VALIDATION_001'],
    ['a bad fallback', { ...sendBody(), fallback: 'email' }, 400, 'VALIDATION_006'],
  ])('rejects %s', async (_name, body, status, code) => {
    const { url } = await startSim();
    const r = await call(url, '/v3/messages', { method: 'POST', body });
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBe(code);
    expect(r.json.success).toBe(false);
  });

  it('names the missing template variables in details', async () => {
    const { url } = await startSim();
    const r = await call(url, '/v3/messages', { method: 'POST', body: sendBody({ template: { name: 'order_update', parameters: { name: 'a', order_id: 'b' } } }) });
    expect(r.json.error.message).toBe('Template order_update expects 3 variables, 2 supplied');
    expect(r.json.error.details).toEqual({ 'template.parameters.eta': ['required by the template'] });
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const { url } = await startSim();
    const r = await call(url, '/v3/messages', { method: 'POST', body: JSON.stringify({ ...sendBody(), pad: 'x'.repeat(1_100_000) }) });
    expect(r.status).toBe(413);
  });

  it('Idempotency-Key: bad format → VALIDATION_007; a replay returns the first answer', async () => {
    const { url, sim } = await startSim();
    expect((await call(url, '/v3/messages', { method: 'POST', body: sendBody(), headers: { 'idempotency-key': 'bad key!' } })).json.error.code).toBe('VALIDATION_007');
    const a = await call(url, '/v3/messages', { method: 'POST', body: sendBody(), headers: { 'idempotency-key': 'order-1' } });
    const size = sim.messages.size;
    const b = await call(url, '/v3/messages', { method: 'POST', body: sendBody({ to: ['+14155550999'] }), headers: { 'idempotency-key': 'order-1' } });
    expect(b.json.data).toEqual(a.json.data);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(sim.messages.size).toBe(size);
  });
});

describe('x-sim-fault header', () => {
  it('status, rate_limit, malformed, latency, reset and bad values', async () => {
    const { url, sim } = await startSim();
    const f = (v: string) => call(url, '/v3/me', { headers: { 'x-sim-fault': v } });
    const s503 = await f('status=503');
    expect(s503.status).toBe(503);
    expect(s503.json.error.code).toBe('SERVICE_001');
    const rl = await f('rate_limit=7');
    expect(rl.status).toBe(429);
    expect(rl.json.error.code).toBe('BUSINESS_002');
    expect(rl.headers['retry-after']).toBe('7');
    expect((await f('rate_limit')).headers['retry-after']).toBe('60');
    const mal = await f('malformed');
    expect(mal.status).toBe(200);
    expect(mal.json).toBeUndefined();
    const t0 = Date.now();
    expect((await f('latency=120')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    expect((await f('latency=20,status=500')).status).toBe(500);
    await expect(f('reset')).rejects.toThrow();
    for (const bad of ['nope', 'status=404', 'latency=99999999', 'latency', 'reset=1', '']) {
      const r = await f(bad);
      expect(r.status, bad).toBe(400);
      expect(r.json.error.code).toBe('SIM_FAULT_INVALID');
    }
    expect(sim.requests.find((r) => r.faults.includes('rate_limit'))).toBeTruthy();
  });

  it('programmatic faults match by path and method and run out', async () => {
    const s = await startSim();
    s.sim.injectFault({ path: /activities$/, method: 'GET', fault: 'status=502', times: 2 });
    expect((await call(s.url, '/v3/me')).status).toBe(200);
    expect((await call(s.url, '/v3/messages/msg_seed_algeria_sent/activities')).status).toBe(502);
    expect((await call(s.url, '/v3/messages/msg_seed_algeria_sent/activities')).status).toBe(502);
    expect((await call(s.url, '/v3/messages/msg_seed_algeria_sent/activities')).status).toBe(200);
    s.sim.injectFault({ path: '/v3/me', method: 'POST', fault: 'status=500' });
    expect((await call(s.url, '/v3/me')).status).toBe(200);
  });

  it('a client that gives up during latency does not crash the server', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'latency=300' });
    await expect(request(`${url}/v3/me`, { headers: { 'x-api-key': TEST_KEY }, signal: AbortSignal.timeout(50) })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 350));
    expect((await call(url, '/v3/me')).status).toBe(200);
  });
});
