/**
 * A stand-in Sent API (node:http on 127.0.0.1) for the account checkup, with two accounts kept
 * apart from the simulator: a messy one (every problem the checkup looks for) and a clean one.
 * Shapes follow the official TypeScript SDK: templates and webhooks paged with `pagination`,
 * profiles as `{profiles}`, campaigns as a bare array (camelCase BrandCampaign).
 *
 * Knobs: `pageSize` caps the page size so lists span several pages; `forbid` answers 403 AUTH_004
 * on a path prefix; `dieOn` destroys the connection and stops listening when a path is asked
 * (Sent down mid-run). Every request is logged (method and URL) for the read-only and paging checks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SENT_KEYS } from '../helpers/secrets.js';

export const MESSY_KEY = SENT_KEYS.helper;
export const CLEAN_KEY = SENT_KEYS.helperUuid;
export const WRONG_KEY = SENT_KEYS.helperWrong;
export const STANDIN_KEYS = [MESSY_KEY, CLEAN_KEY, WRONG_KEY];

/** Record times are relative to the moment the tests start (the CLI runs on the real clock). */
export const NOW = Date.now();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

export interface Account {
  me: Record<string, unknown>;
  templates: Record<string, unknown>[];
  webhooks: Record<string, unknown>[];
  profiles: Record<string, unknown>[];
  campaigns: Record<string, Record<string, unknown>[]>;
}

const template = (name: string, category: string, status: string, channels: string[], updatedAgo = 30 * DAY, extra: Record<string, unknown> = {}) => ({
  id: `tmpl_${name}`,
  name,
  category,
  language: 'en_US',
  status,
  channels,
  variables: ['name'],
  is_published: status === 'APPROVED',
  created_at: iso(40 * DAY),
  updated_at: iso(updatedAgo),
  ...extra,
});

const webhook = (id: string, over: Record<string, unknown>) => ({
  id,
  display_name: `hook ${id}`,
  endpoint_url: `https://hooks.example.com/${id}?token=standin-query-token`,
  event_types: ['message'],
  event_filters: null,
  is_active: true,
  signing_secret: 'whsec_c3RhbmRpbnNlY3JldHN0YW5kaW4=',
  retry_count: 3,
  timeout_seconds: 30,
  consecutive_failures: 0,
  last_delivery_attempt_at: iso(HOUR),
  last_successful_delivery_at: iso(HOUR),
  created_at: iso(90 * DAY),
  updated_at: iso(DAY),
  ...over,
});

const campaign = (id: string, status: string) => ({
  id,
  name: `campaign ${id}`,
  status,
  type: 'App',
  tcrCampaignId: `C${id.toUpperCase()}`,
  submittedToTCR: true,
  submittedAt: iso(400 * DAY),
  createdAt: iso(400 * DAY),
  updatedAt: iso(10 * DAY),
  useCases: [{ messagingUseCaseUs: 'ACCOUNT_NOTIFICATION', sampleMessages: ['Your order has shipped.'] }],
});

const me = (over: Record<string, unknown> = {}) => ({
  id: '11111111-2222-4333-8444-555555555555',
  type: 'organization',
  name: 'Stand-in Org',
  email: 'ops@example.com',
  status: 'approved',
  channels: {
    sms: { configured: true, phone_number: '+12025550123' },
    whatsapp: { configured: true, phone_number: '+12025550123', business_name: 'Stand-in' },
    rcs: { configured: false, phone_number: null },
  },
  profiles: [{ id: 'prof-main' }],
  ...over,
});

/** Every problem: rejected and pending templates, a switched-off webhook, an expired campaign, WhatsApp connected. */
export function messyAccount(): Account {
  return {
    me: me(),
    templates: [
      template('welcome_offer', 'UTILITY', 'REJECTED', ['whatsapp']),
      template('spring_promo', 'MARKETING', 'PENDING', ['whatsapp'], 3 * DAY),
      template('otp_code', 'AUTHENTICATION', 'APPROVED', ['whatsapp', 'sms']),
      // Enough approved ones that the list spans several pages with a small page size.
      ...Array.from({ length: 7 }, (_, i) => template(`order_${i}`, 'UTILITY', 'APPROVED', ['sms', 'whatsapp'])),
    ],
    webhooks: [
      webhook('orders', { is_active: false, consecutive_failures: 10, last_successful_delivery_at: iso(4 * DAY), last_delivery_attempt_at: iso(6 * HOUR) }),
      webhook('reviews', { event_types: ['templates'] }),
    ],
    profiles: [{ id: 'prof-main', name: 'Main', status: 'approved', sending_phone_number: '+12025550123', inherit_tcr_campaign: false }],
    campaigns: { 'prof-main': [campaign('old', 'EXPIRED')] },
  };
}

/** Nothing wrong: approved, both channels, approved templates, healthy webhooks, an ACTIVE campaign. */
export function cleanAccount(): Account {
  return {
    me: me({ id: '66666666-7777-4888-9999-000000000000', name: 'Clean Org' }),
    templates: [template('order_update', 'UTILITY', 'APPROVED', ['sms', 'whatsapp']), template('otp_code', 'AUTHENTICATION', 'APPROVED', ['whatsapp'])],
    webhooks: [webhook('events', { event_filters: { message: ['delivered', 'failed'] } })],
    profiles: [{ id: 'prof-clean', name: 'Clean', status: 'approved', sending_phone_number: '+12025550199', inherit_tcr_campaign: false }],
    campaigns: { 'prof-clean': [campaign('live', 'ACTIVE')] },
  };
}

export interface StandInOptions {
  accounts?: Record<string, Account>;
  pageSize?: number;
  forbid?: string[];
  /** The 403 code for `forbid` (default AUTH_004, role lacks permission). */
  forbidCode?: string;
  dieOn?: string;
}

export interface StandIn {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startStandIn(o: StandInOptions = {}): Promise<StandIn> {
  const accounts = o.accounts ?? { [MESSY_KEY]: messyAccount(), [CLEAN_KEY]: cleanAccount() };
  const requests: string[] = [];
  let seq = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://standin.local');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, data: unknown, error: unknown = null) => {
      const body = JSON.stringify({ success: error === null, data: error === null ? data : null, error, meta: { request_id: `req_standin_${++seq}`, timestamp: new Date(NOW).toISOString(), version: 'v3' } });
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
    };
    const err = (status: number, code: string, message: string) => send(status, null, { code, message, details: null, doc_url: `https://docs.sent.dm/errors/${code}` });

    if (o.dieOn && url.pathname.startsWith(o.dieOn)) {
      server.close();
      req.socket.destroy();
      return;
    }
    const account = accounts[String(req.headers['x-api-key'] ?? '')];
    if (!account) return err(401, 'AUTH_002', 'Invalid or missing API key');
    if (req.method !== 'GET') return err(405, 'STANDIN_READ_ONLY', 'the checkup must only read');
    if (o.forbid?.some((p) => url.pathname.startsWith(p))) return err(403, o.forbidCode ?? 'AUTH_004', 'Forbidden');

    const paged = (key: string, all: unknown[]) => {
      const page = Number(url.searchParams.get('page'));
      const asked = Number(url.searchParams.get('page_size'));
      if (!page || !asked) return err(400, 'VALIDATION_004', 'page and page_size are required');
      const size = Math.min(asked, o.pageSize ?? asked);
      const pages = Math.max(1, Math.ceil(all.length / size));
      return send(200, { [key]: all.slice((page - 1) * size, page * size), pagination: { page, page_size: size, total_count: all.length, total_pages: pages, has_more: page < pages, cursors: null } });
    };
    const p = url.pathname;
    if (p === '/v3/me') return send(200, account.me);
    if (p === '/v3/templates') return paged('templates', account.templates);
    if (p === '/v3/webhooks') return paged('webhooks', account.webhooks);
    if (p === '/v3/profiles') return send(200, { profiles: account.profiles });
    const m = /^\/v3\/profiles\/([^/]+)\/campaigns$/.exec(p);
    if (m) return account.campaigns[decodeURIComponent(m[1]!)] ? send(200, account.campaigns[decodeURIComponent(m[1]!)]) : err(404, 'RESOURCE_004', 'Profile not found');
    return err(404, 'STANDIN_NOT_FOUND', 'no such endpoint');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
        if (!server.listening) r();
      }),
  };
}
