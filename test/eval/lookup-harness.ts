/**
 * Tickets whose answer only a lookup can give: each line carries the v3 records of the messages
 * it names, served by a stand-in Sent API on loopback (envelope, RESOURCE_003 for unknown IDs,
 * activities, /v3/me). Scores the first message's verdict kind and the answer's top scenario:
 * with an expected scenario, top-1 must be it; with none (delivered, pending, not found), no
 * scenario may reach 0.5 and the answer may not be conclusive.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { diagnose } from '../../tools/diagnose.js';
import { createSentClient } from '../../src/sent/client.js';
import { makeTestContext } from '../helpers/context.js';

export interface LookupTicket {
  id: string;
  text: string;
  messages: { record: Record<string, unknown>; activities?: Record<string, unknown>[] }[];
  verdict: string;
  expect: string[];
  second?: { verdict: string; expect: string[] };
}

export interface LookupReport {
  total: number;
  /** Answer right: top-1 in expect, or (expect empty) nothing at >= 0.5 and not conclusive. */
  right: number;
  verdictRight: number;
  secondRight: number;
  seconds: number;
  confidentWrong: string[];
  misses: string[];
}

/** The moment the set was written against (records are dated relative to it). */
export const LOOKUP_SET_NOW = Date.parse('2026-12-02T13:20:00Z');
const KEY = 'sk_test_lookupEvalStandIn2026';

export function readTickets(path: string): LookupTicket[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LookupTicket);
}

function envelope(data: unknown, error?: { code: string; message: string }) {
  return JSON.stringify({ success: !error, data: error ? null : data, error: error ?? null, meta: { request_id: 'req_standin', timestamp: new Date(LOOKUP_SET_NOW).toISOString(), version: 'v3' } });
}

/** A stand-in Sent v3 API serving one ticket's records at a time. */
async function standIn() {
  let current: LookupTicket['messages'] = [];
  const srv = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (req.headers['x-api-key'] !== KEY) return send(401, envelope(null, { code: 'AUTH_002', message: 'Invalid or missing API key' }));
    if (url.pathname === '/v3/me')
      return send(200, envelope({ id: 'acct', type: 'organization', name: 'Stand-in', channels: { sms: { configured: true, phone_number: '+12125550100' }, whatsapp: { configured: true, phone_number: '+12125550100' } } }));
    const m = /^\/v3\/messages\/([^/]+)(\/activities)?$/.exec(url.pathname);
    if (!m) return send(404, envelope(null, { code: 'RESOURCE_003', message: 'Not found' }));
    const id = decodeURIComponent(m[1]!);
    const msg = current.find((x) => x.record.id === id || x.record.message_id === id);
    if (!msg) return send(404, envelope(null, { code: 'RESOURCE_003', message: 'Message not found' }));
    return send(200, m[2] ? envelope({ message_id: id, activities: msg.activities ?? [] }) : envelope(msg.record));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { url, serve: (t: LookupTicket) => (current = t.messages), close: () => new Promise<void>((r) => srv.close(() => r())) };
}

export async function evaluateLookups(tickets: LookupTicket[]): Promise<LookupReport> {
  const api = await standIn();
  const base = makeTestContext({ clock: { now: () => LOOKUP_SET_NOW } });
  const sent = createSentClient({ apiKey: KEY, baseUrl: api.url, timeoutMs: 5000, connectTimeoutMs: 1000, maxRetries: 0, logger: base.logger });
  const ctx = { ...base, sent };
  const r: LookupReport = { total: tickets.length, right: 0, verdictRight: 0, secondRight: 0, seconds: 0, confidentWrong: [], misses: [] };
  try {
    for (const t of tickets) {
      api.serve(t);
      const d = (await diagnose.run({ text: t.text, lookups: true }, ctx)) as Awaited<ReturnType<typeof diagnose.run>> & { messages?: { verdict?: { kind: string }; scenarios: { id: string; confidence: number }[] }[] };
      const top = d.scenarios[0];
      const ok = t.expect.length ? !!top && t.expect.includes(top.id) : !d.conclusive && (top?.confidence ?? 0) < 0.5;
      if (ok) r.right++;
      else {
        r.misses.push(`${t.id} (${t.verdict}) expect ${t.expect.join('|') || '(none)'} got ${d.scenarios.map((s) => `${s.id}(${s.confidence})`).join(' ')} conclusive=${d.conclusive}`);
        if ((top?.confidence ?? 0) >= 0.8) r.confidentWrong.push(t.id);
      }
      const kind = d.messages?.[0]?.verdict?.kind;
      if (kind === t.verdict) r.verdictRight++;
      else r.misses.push(`${t.id} verdict ${kind} expected ${t.verdict}`);
      if (t.second) {
        r.seconds++;
        const m2 = d.messages?.[1];
        const s2 = m2?.scenarios[0];
        const ok2 = m2?.verdict?.kind === t.second.verdict && (t.second.expect.length ? !!s2 && t.second.expect.includes(s2.id) : (s2?.confidence ?? 0) < 0.5);
        if (ok2) r.secondRight++;
      }
    }
  } finally {
    await api.close();
  }
  return r;
}
