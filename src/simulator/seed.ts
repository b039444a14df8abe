/**
 * The simulator's seeded account: one message per failure scenario, in both record dialects
 * (the guide's `msg_…` records with channel_attempted / fallback_reason / template variables,
 * and the SDK's UUID records with events[] / message_body), plus templates and the /v3/me
 * account. Everything here is simulated: phone numbers are fictional or test ranges, prices
 * are made up, and provider texts marked "(simulated …)" imitate the style of Meta/carrier
 * errors without quoting them. Timestamps are offsets from the simulator clock at start.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ScenarioId } from '../../tools/domain/scenarios.js';
import type { VerdictKind } from '../../tools/domain/records/verdicts.js';

export interface SeedInfo {
  id: string;
  /** The knowledge scenario the message demonstrates; null for the healthy control message. */
  scenario: ScenarioId | null;
  /** The verdict-table row lookup_message should decide with, and the verdict kind. */
  rule: string;
  kind: VerdictKind;
  note: string;
}

export interface SimTemplate {
  id: string;
  name: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED';
  channels: string[];
  variables: string[];
  /** Body with {{variable}} placeholders (simulator-only, for rendering). */
  body: string;
  /** Hours since the last change (the review submission), for `updated_at` (simulator-only; default 30 days). */
  updatedHoursAgo?: number;
}

export interface SimStep {
  /** ms since epoch */
  at: number;
  status: string;
  description: string;
  /** Sender shown in the activity log. */
  from?: string | null;
  price?: string | null;
}

/** A stored message: its fixed fields and its steps; status and events are derived at read time. */
export interface SimMessage {
  id: string;
  dialect: 'guide' | 'sdk';
  fields: Record<string, unknown>;
  steps: SimStep[];
}

const HOUR = 3_600_000;
const SEC = 1_000;

export const SEED_TEMPLATES: SimTemplate[] = [
  {
    id: 'tmpl_order_update',
    name: 'order_update',
    category: 'UTILITY',
    language: 'en_US',
    status: 'APPROVED',
    channels: ['sms', 'whatsapp'],
    variables: ['name', 'order_id', 'eta'],
    body: 'Hi {{name}}, your order {{order_id}} arrives {{eta}}.',
  },
  {
    id: 'tmpl_otp',
    name: 'otp_verification',
    category: 'AUTHENTICATION',
    language: 'en_US',
    status: 'APPROVED',
    channels: ['sms', 'whatsapp'],
    variables: ['code'],
    body: 'Your verification code is {{code}}. Do not share it.',
  },
  {
    id: 'tmpl_promo_pending',
    name: 'promo_pending',
    category: 'MARKETING',
    language: 'en_US',
    status: 'PENDING',
    channels: ['sms', 'whatsapp'],
    variables: ['name'],
    body: 'Hi {{name}}, our spring offers are here.',
    updatedHoursAgo: 3 * 24 + 5,
  },
  {
    id: '6512bd43-d9ca-4e2b-8f3c-1a2b3c4d5e06',
    name: 'spring_sale',
    category: 'MARKETING',
    language: 'en_US',
    status: 'APPROVED',
    channels: ['whatsapp'],
    variables: ['name'],
    body: 'Hi {{name}}, 20% off everything this week.',
  },
  {
    // The account checkup's demo: promotional wording in a UTILITY template, rejected in review.
    id: 'tmpl_welcome_rejected',
    name: 'welcome_offer',
    category: 'UTILITY',
    language: 'en_US',
    status: 'REJECTED',
    channels: ['whatsapp'],
    variables: ['name'],
    body: 'Welcome {{name}}! Enjoy 15% off your first order with code WELCOME15.',
    updatedHoursAgo: 2 * 24,
  },
];

export function renderTemplate(t: SimTemplate, params: Record<string, string>): string {
  return t.body.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => params[k] ?? `{{${k}}}`);
}

const ACCOUNT_ID = '7ba7b820-9dad-41d1-80b4-00c04fd430c8';
export const SENDER_NUMBER = '+14155550100';

export function meRecord(createdAt: number): Record<string, unknown> {
  return {
    id: ACCOUNT_ID,
    type: 'organization',
    name: 'Demo Shop (Sent simulator)',
    email: 'dev@example.com',
    description: 'Simulated account: nothing is ever delivered',
    status: 'approved',
    created_at: new Date(createdAt - 90 * 24 * HOUR).toISOString(),
    channels: {
      sms: { configured: true, phone_number: SENDER_NUMBER },
      whatsapp: { configured: true, phone_number: SENDER_NUMBER, business_name: 'Demo Shop' },
      rcs: { configured: false, phone_number: null },
    },
    profiles: [{ id: 'b5f1c3e2-6d7a-4e8b-9c0d-1e2f3a4b5c6d', name: 'Default profile', short_name: 'demo' }],
  };
}

export function regionOf(phone: string): string | null {
  return parsePhoneNumberFromString(phone)?.country ?? null;
}

function tmpl(id: string): SimTemplate {
  return SEED_TEMPLATES.find((t) => t.id === id)!;
}

interface Spec {
  info: SeedInfo;
  dialect: 'guide' | 'sdk';
  phone: string;
  channel: string;
  template?: SimTemplate;
  variables?: Record<string, string>;
  /** Rendered body, when no template variables are recorded. */
  text?: string;
  price: number | null;
  from: string | null;
  /** [offset from start (ms, negative = past), status, description] */
  steps: Array<[number, string, string]>;
  extra?: Record<string, unknown>;
  /** SCHEDULED messages: when they are due, as an offset from start. */
  scheduledIn?: number;
}

const SPECS: Spec[] = [
  {
    info: {
      id: 'msg_seed_template_params',
      scenario: 'whatsapp-api-payload',
      rule: 'code',
      kind: 'failure',
      note: 'WhatsApp template sent with 2 of its 3 variables: accepted by the API, then failed.',
    },
    dialect: 'guide',
    phone: '+447700900123',
    channel: 'whatsapp',
    template: tmpl('tmpl_order_update'),
    variables: { name: 'Amina', order_id: 'A-10293' },
    price: null,
    from: SENDER_NUMBER,
    steps: [
      [-2 * HOUR, 'QUEUED', 'Message accepted'],
      [-2 * HOUR + 1 * SEC, 'ROUTED', 'Routed to WhatsApp'],
      [-2 * HOUR + 3 * SEC, 'FAILED', 'ERR_TEMPLATE_PARAMS_INVALID: template order_update expects 3 variables, 2 supplied'],
    ],
  },
  {
    info: {
      id: '8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01',
      scenario: 'whatsapp-131049',
      rule: 'code',
      kind: 'failure',
      note: 'Marketing template refused by Meta for ecosystem engagement (131049), SDK record dialect.',
    },
    dialect: 'sdk',
    phone: '+14155550102',
    channel: 'whatsapp',
    template: tmpl('6512bd43-d9ca-4e2b-8f3c-1a2b3c4d5e06'),
    text: 'Hi Jordan, 20% off everything this week.',
    price: null,
    from: SENDER_NUMBER,
    steps: [
      [-5 * HOUR, 'QUEUED', 'Message queued for sending'],
      [-5 * HOUR + 1 * SEC, 'ROUTED', 'Routed to provider'],
      [-5 * HOUR + 2 * SEC, 'SENT', 'Message sent to WhatsApp'],
      [
        -5 * HOUR + 4 * SEC,
        'FAILED',
        'Meta error 131049 (ERR_ECOSYSTEM_ENGAGEMENT): message not delivered to maintain healthy ecosystem engagement (simulated provider text)',
      ],
    ],
  },
  {
    info: {
      id: 'msg_seed_algeria_sent',
      scenario: 'sms-country-delivery',
      rule: 'sent_stuck_filtering_country',
      kind: 'failure',
      note: 'SMS to an Algerian number (+213, DZ) stuck at SENT for 30 hours with no delivery receipt.',
    },
    dialect: 'guide',
    phone: '+213551234567',
    channel: 'sms',
    text: 'Your order A-10311 has shipped.',
    price: 0.1345,
    from: 'MySaaS',
    steps: [
      [-30 * HOUR, 'QUEUED', 'Message accepted'],
      [-30 * HOUR + 1 * SEC, 'ROUTED', 'Routed to carrier'],
      [-30 * HOUR + 2 * SEC, 'SENT', 'Message sent to carrier'],
    ],
  },
  {
    info: {
      id: 'msg_seed_fallback_template',
      scenario: 'failover-not-triggering',
      rule: 'fallback_reason',
      kind: 'not_a_failure',
      note: 'WhatsApp was skipped because the template is not approved for WhatsApp; delivered by SMS.',
    },
    dialect: 'guide',
    phone: '+14155550103',
    channel: 'sms',
    template: tmpl('tmpl_promo_pending'),
    variables: { name: 'Sam' },
    price: 0.0079,
    from: SENDER_NUMBER,
    extra: { channel_attempted: 'whatsapp', fallback_reason: 'template_not_approved' },
    steps: [
      [-3 * HOUR, 'QUEUED', 'Message accepted'],
      [-3 * HOUR + 1 * SEC, 'ROUTED', 'WhatsApp skipped (template not approved); routed to SMS'],
      [-3 * HOUR + 2 * SEC, 'SENT', 'Message sent to carrier'],
      [-3 * HOUR + 9 * SEC, 'DELIVERED', 'Message delivered to recipient'],
    ],
  },
  {
    info: {
      id: 'msg_seed_fallback_not_connected',
      scenario: 'failover-not-triggering',
      rule: 'fallback_reason',
      kind: 'not_a_failure',
      note: 'WhatsApp Business Account not connected, so Sent fell back to SMS.',
    },
    dialect: 'guide',
    phone: '+14155550104',
    channel: 'sms',
    template: tmpl('tmpl_order_update'),
    variables: { name: 'Lee', order_id: 'A-10300', eta: 'tomorrow' },
    price: 0.0079,
    from: SENDER_NUMBER,
    extra: { channel_attempted: 'whatsapp', fallback_reason: 'channel_not_connected' },
    steps: [
      [-4 * HOUR, 'QUEUED', 'Message accepted'],
      [-4 * HOUR + 1 * SEC, 'ROUTED', 'WhatsApp channel not connected; routed to SMS'],
      [-4 * HOUR + 2 * SEC, 'SENT', 'Message sent to carrier'],
      [-4 * HOUR + 7 * SEC, 'DELIVERED', 'Message delivered to recipient'],
    ],
  },
  {
    info: {
      id: 'msg_seed_fallback_not_capable',
      scenario: 'failover-not-triggering',
      rule: 'fallback_reason',
      kind: 'not_a_failure',
      note: 'Recipient not detected as WhatsApp-capable, so Sent fell back to SMS.',
    },
    dialect: 'guide',
    phone: '+14155550105',
    channel: 'sms',
    template: tmpl('tmpl_order_update'),
    variables: { name: 'Kai', order_id: 'A-10301', eta: 'Friday' },
    price: 0.0079,
    from: SENDER_NUMBER,
    extra: { channel_attempted: 'whatsapp', fallback_reason: 'recipient_not_capable' },
    steps: [
      [-6 * HOUR, 'QUEUED', 'Message accepted'],
      [-6 * HOUR + 1 * SEC, 'ROUTED', 'Recipient not WhatsApp-capable; routed to SMS'],
      [-6 * HOUR + 2 * SEC, 'SENT', 'Message sent to carrier'],
      [-6 * HOUR + 8 * SEC, 'DELIVERED', 'Message delivered to recipient'],
    ],
  },
  {
    info: {
      id: 'c9f0f895-fb98-4b91-a4c8-2b6f3d1e7a02',
      scenario: 'wrong-sender-number',
      rule: 'sender_short_code',
      kind: 'not_a_failure',
      note: 'SMS delivered from a shared short code because no sender_profile_id was given (SDK dialect).',
    },
    dialect: 'sdk',
    phone: '+14155550106',
    channel: 'sms',
    template: tmpl('tmpl_order_update'),
    text: 'Hi Ana, your order A-10302 arrives today.',
    price: 0.0079,
    from: '72345',
    steps: [
      [-1 * HOUR, 'QUEUED', 'Message accepted'],
      [-1 * HOUR + 1 * SEC, 'ROUTED', 'Default routing: shared short code'],
      [-1 * HOUR + 2 * SEC, 'SENT', 'Message sent to carrier'],
      [-1 * HOUR + 6 * SEC, 'DELIVERED', 'Message delivered to recipient'],
    ],
  },
  {
    info: {
      id: 'msg_seed_not_on_whatsapp',
      scenario: 'whatsapp-api-payload',
      rule: 'code',
      kind: 'failure',
      note: 'WhatsApp message to a number that is not a WhatsApp user: accepted, then failed.',
    },
    dialect: 'guide',
    phone: '+14155550107',
    channel: 'whatsapp',
    template: tmpl('tmpl_order_update'),
    variables: { name: 'Noor', order_id: 'A-10303', eta: 'Monday' },
    price: null,
    from: SENDER_NUMBER,
    steps: [
      [-7 * HOUR, 'QUEUED', 'Message accepted'],
      [-7 * HOUR + 1 * SEC, 'ROUTED', 'Routed to WhatsApp'],
      [
        -7 * HOUR + 3 * SEC,
        'FAILED',
        "Meta error 131026: message undeliverable; the recipient's phone number is not a WhatsApp user (simulated provider text)",
      ],
    ],
  },
  {
    info: {
      id: 'msg_seed_blocked_template',
      scenario: 'whatsapp-template-issues',
      rule: 'code',
      kind: 'blocked',
      note: 'Send with a template still PENDING: accepted, then BLOCKED with BUSINESS_005 before any delivery attempt.',
    },
    dialect: 'guide',
    phone: '+14155550108',
    channel: 'whatsapp',
    template: tmpl('tmpl_promo_pending'),
    variables: { name: 'Rio' },
    price: null,
    from: null,
    extra: { reason_code: 'BUSINESS_005', reason: 'Template promo_pending is not approved (status PENDING)' },
    steps: [
      [-8 * HOUR, 'QUEUED', 'Message accepted'],
      [-8 * HOUR + 1 * SEC, 'BLOCKED', 'BUSINESS_005: template promo_pending is not approved (status PENDING)'],
    ],
  },
  {
    info: {
      id: 'msg_test_otp_0001',
      scenario: 'sandbox-mode',
      rule: 'sandbox',
      kind: 'sandbox',
      note: 'Sandbox OTP send: nothing delivered; GET shows the submitted variables (code 482913).',
    },
    dialect: 'guide',
    phone: '+14155550109',
    channel: 'sms',
    template: tmpl('tmpl_otp'),
    variables: { code: '482913' },
    price: 0,
    from: SENDER_NUMBER,
    extra: { sandbox: true },
    steps: [
      [-20 * 60 * SEC, 'QUEUED', 'Message accepted (sandbox)'],
      [-20 * 60 * SEC + 1 * SEC, 'ROUTED', 'Routed (sandbox)'],
      [-20 * 60 * SEC + 2 * SEC, 'SENT', 'Sent (simulated: sandbox)'],
      [-20 * 60 * SEC + 4 * SEC, 'DELIVERED', 'Delivered (simulated: sandbox, nothing reached a phone)'],
    ],
  },
  {
    info: {
      id: '45c48cce-2e2d-4fbd-a3a0-6e2a0c1b5a05',
      scenario: null,
      rule: 'delivered',
      kind: 'not_a_failure',
      note: 'Control: a clean WhatsApp delivery, QUEUED → ROUTED → SENT → DELIVERED → READ (SDK dialect).',
    },
    dialect: 'sdk',
    phone: '+14155550110',
    channel: 'whatsapp',
    template: tmpl('tmpl_order_update'),
    text: 'Hi Mia, your order A-10304 arrives Tuesday.',
    price: 0.0055,
    from: SENDER_NUMBER,
    steps: [
      [-90 * 60 * SEC, 'QUEUED', 'Message queued for sending'],
      [-90 * 60 * SEC + 1 * SEC, 'ROUTED', 'Routed to provider'],
      [-90 * 60 * SEC + 2 * SEC, 'SENT', 'Message sent to WhatsApp'],
      [-90 * 60 * SEC + 5 * SEC, 'DELIVERED', 'Message delivered to recipient'],
      [-80 * 60 * SEC, 'READ', 'Message read by recipient'],
    ],
  },
  {
    info: {
      id: 'msg_seed_route_denied',
      scenario: 'sender-id-issues',
      rule: 'code',
      kind: 'failure',
      note: 'SMS to a destination the account holds no route for: FAILED with ERR_ROUTE_DENIED.',
    },
    dialect: 'guide',
    phone: '+2348031234567',
    channel: 'sms',
    text: 'Your order A-10305 has shipped.',
    price: null,
    from: null,
    steps: [
      [-10 * HOUR, 'QUEUED', 'Message accepted'],
      [-10 * HOUR + 1 * SEC, 'FAILED', 'ERR_ROUTE_DENIED: no active sms route for region NG on this account'],
    ],
  },
  {
    info: {
      id: 'msg_seed_consent_blocked',
      scenario: 'compliance-10dlc',
      rule: 'code',
      kind: 'filtered',
      note: 'Contact opted out (replied STOP): FILTERED with ERR_CONSENT_BLOCKED, no provider call, no charge.',
    },
    dialect: 'guide',
    phone: '+14155550111',
    channel: 'sms',
    text: 'Hi Eli, your weekly deals are here.',
    price: null,
    from: null,
    steps: [
      [-12 * HOUR, 'QUEUED', 'Message accepted'],
      [-12 * HOUR + 1 * SEC, 'FILTERED', 'ERR_CONSENT_BLOCKED: contact has opted out'],
    ],
  },
  {
    info: {
      id: 'msg_seed_insufficient_balance',
      scenario: 'escalate-to-support',
      rule: 'code',
      kind: 'blocked',
      note: 'Account balance too low: accepted, then BLOCKED with BUSINESS_003.',
    },
    dialect: 'guide',
    phone: '+14155550112',
    channel: 'sms',
    text: 'Your appointment is confirmed for 10:00.',
    price: null,
    from: null,
    extra: { reason_code: 'BUSINESS_003', reason: 'Insufficient balance' },
    steps: [
      [-9 * HOUR, 'QUEUED', 'Message accepted'],
      [-9 * HOUR + 1 * SEC, 'BLOCKED', 'BUSINESS_003: insufficient balance'],
    ],
  },
  {
    info: {
      id: 'b6d767d2-f8ad-4a4b-9c2e-5d1a7c3e9f07',
      scenario: 'whatsapp-131049',
      rule: 'code',
      kind: 'failure',
      note: 'Free-form WhatsApp text sent days after the customer last replied: Meta 131047 (24-hour window), SDK record dialect.',
    },
    dialect: 'sdk',
    phone: '+14155550113',
    channel: 'whatsapp',
    text: 'Hi Sam, just checking in on your order.',
    price: null,
    from: SENDER_NUMBER,
    steps: [
      [-7 * HOUR, 'QUEUED', 'Message queued for sending'],
      [-7 * HOUR + 1 * SEC, 'ROUTED', 'Routed to provider'],
      [-7 * HOUR + 3 * SEC, 'FAILED', 'Meta error 131047: re-engagement message, more than 24 hours since the customer last replied (simulated provider text)'],
    ],
  },
  {
    info: {
      id: 'msg_seed_us_10dlc',
      scenario: 'compliance-10dlc',
      rule: 'description',
      kind: 'failure',
      note: 'SMS to a US number rejected by the carrier: unregistered 10DLC campaign.',
    },
    dialect: 'guide',
    phone: '+14155550114',
    channel: 'sms',
    text: 'Your table for 4 is booked for 19:30.',
    price: null,
    from: SENDER_NUMBER,
    steps: [
      [-6 * HOUR, 'QUEUED', 'Message accepted'],
      [-6 * HOUR + 1 * SEC, 'SENT', 'Message sent to carrier'],
      [-6 * HOUR + 20 * SEC, 'FAILED', 'Carrier rejected the message: unregistered 10DLC campaign (simulated carrier text)'],
    ],
  },
  {
    info: {
      id: 'msg_seed_scheduled_quiet_hours',
      scenario: null,
      rule: 'scheduled',
      kind: 'in_progress',
      note: 'Held as SCHEDULED by quiet hours: moved once, goes out in 8 hours. Not a failure.',
    },
    dialect: 'guide',
    phone: '+447700900124',
    channel: 'sms',
    text: 'Reminder: your appointment is tomorrow at 09:00.',
    price: null,
    from: null,
    scheduledIn: 8 * HOUR,
    steps: [
      [-20 * 60 * SEC, 'SCHEDULED', 'Scheduled'],
      [-20 * 60 * SEC + 1 * SEC, 'SCHEDULED', 'Held for the recipient\'s quiet hours'],
    ],
  },
];

/** Every seeded message with the scenario it demonstrates (tests and the CLI use this list). */
export const SEED_MESSAGES: readonly SeedInfo[] = SPECS.map((s) => s.info);

function build(spec: Spec, start: number): SimMessage {
  const { info, template: t } = spec;
  const steps: SimStep[] = spec.steps.map(([offset, status, description], i, all) => ({
    at: start + offset,
    status,
    description,
    from: status === 'QUEUED' ? null : spec.from,
    price: i === all.length - 1 && spec.price !== null ? spec.price.toFixed(4) : null,
  }));
  const body = spec.text ?? (t && spec.variables ? renderTemplate(t, spec.variables) : null);
  const common: Record<string, unknown> = {
    phone: spec.phone,
    region_code: regionOf(spec.phone),
    channel: spec.channel,
    created_at: new Date(steps[0]!.at).toISOString(),
    template_id: t?.id ?? null,
    template_name: t?.name ?? null,
    template_category: t?.category ?? null,
    price: spec.price,
  };
  const fields: Record<string, unknown> =
    spec.dialect === 'sdk'
      ? {
          id: info.id,
          customer_id: ACCOUNT_ID,
          contact_id: '6ba7b810-9dad-41d1-80b4-' + info.id.slice(-12),
          ...common,
          phone_international: parsePhoneNumberFromString(spec.phone)?.formatInternational() ?? spec.phone,
          direction: 'outbound',
          message_body: body ? { content: body, header: null, footer: null, buttons: null } : null,
          active_contact_price: null,
        }
      : {
          message_id: info.id,
          ...common,
          ...(spec.variables ? { template_variables: spec.variables } : {}),
          ...(spec.variables ? {} : body ? { message_body: { content: body, header: null, footer: null, buttons: null } } : {}),
          sandbox: false,
        };
  Object.assign(fields, spec.extra ?? {});
  if (spec.scheduledIn !== undefined) fields.scheduled_at = new Date(start + spec.scheduledIn).toISOString();
  return { id: info.id, dialect: spec.dialect, fields, steps };
}

/** The seeded messages, timestamped relative to `start` (the simulator clock when it was created). */
export function seedMessages(start: number): SimMessage[] {
  return SPECS.map((s) => build(s, start));
}

/** The record GET /v3/messages/{id} returns at time `now`: steps in the future are not visible yet. */
export function messageView(m: SimMessage, now: number): Record<string, unknown> {
  const visible = m.steps.filter((s) => s.at <= now);
  const shown = visible.length ? visible : m.steps.slice(0, 1);
  const last = shown[shown.length - 1]!;
  return {
    ...m.fields,
    status: last.status,
    updated_at: new Date(last.at).toISOString(),
    events: shown.map((s) => ({ status: s.status, timestamp: new Date(s.at).toISOString(), description: s.description })),
  };
}

/** GET /v3/messages/{id}/activities at time `now`: most recent first, as Sent returns them. */
export function activitiesView(m: SimMessage, now: number): Record<string, unknown>[] {
  const visible = m.steps.filter((s) => s.at <= now);
  const shown = visible.length ? visible : m.steps.slice(0, 1);
  return shown
    .map((s) => ({
      status: s.status,
      description: s.description,
      timestamp: new Date(s.at).toISOString(),
      from: s.from ?? null,
      price: s.price ?? null,
      active_contact_price: s.price ? '0.0000' : null,
    }))
    .reverse();
}

// ---------------------------------------------------------------------------------------------
// The account behind the demo key, for the account checkup (GET /v3/templates, /v3/webhooks,
// /v3/profiles, /v3/profiles/{id}/campaigns), with a few of the problems the checkup finds: a
// REJECTED and a PENDING template (above), WhatsApp connected (meRecord), a webhook Sent switched
// off after 10 consecutive failed deliveries, and an EXPIRED US 10DLC campaign. Shapes follow the
// official TypeScript SDK (WebhookResponse, ProfileDetail, BrandCampaign).

const DAY = 24 * HOUR;
export const DEMO_PROFILE_ID = 'b5f1c3e2-6d7a-4e8b-9c0d-1e2f3a4b5c6d';

/** GET /v3/templates items: the SDK's Template (no body, no simulator fields). */
export function templateView(t: SimTemplate, now: number): Record<string, unknown> {
  const { body: _body, updatedHoursAgo, ...record } = t;
  return {
    ...record,
    is_published: t.status === 'APPROVED',
    created_at: new Date(now - 30 * DAY).toISOString(),
    updated_at: new Date(now - (updatedHoursAgo ?? 30 * 24) * HOUR).toISOString(),
  };
}

export function seedWebhooks(now: number): Record<string, unknown>[] {
  const iso = (ms: number) => new Date(now - ms).toISOString();
  return [
    {
      id: 'd4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8',
      customer_id: ACCOUNT_ID,
      display_name: 'Order status events',
      endpoint_url: 'https://hooks.demo-shop.example/sent/messages',
      event_types: ['message'],
      event_filters: { message: ['delivered', 'failed'] },
      is_active: false,
      signing_secret: null,
      retry_count: 3,
      timeout_seconds: 30,
      consecutive_failures: 10,
      last_delivery_attempt_at: iso(6 * HOUR),
      last_successful_delivery_at: iso(4 * DAY),
      created_at: iso(60 * DAY),
      updated_at: iso(6 * HOUR),
    },
    {
      id: 'e5a6b7c8-d9e0-4f1a-b2c3-d4e5f6a7b8c9',
      customer_id: ACCOUNT_ID,
      display_name: 'Template reviews',
      endpoint_url: 'https://hooks.demo-shop.example/sent/templates',
      event_types: ['templates'],
      event_filters: null,
      is_active: true,
      signing_secret: null,
      retry_count: 3,
      timeout_seconds: 30,
      consecutive_failures: 0,
      last_delivery_attempt_at: iso(2 * DAY),
      last_successful_delivery_at: iso(2 * DAY),
      created_at: iso(60 * DAY),
      updated_at: iso(60 * DAY),
    },
  ];
}

export function seedProfiles(now: number): Record<string, unknown>[] {
  return [
    {
      id: DEMO_PROFILE_ID,
      name: 'Default profile',
      short_name: 'demo',
      description: 'Simulated sender profile',
      organization_id: ACCOUNT_ID,
      status: 'approved',
      billing_model: 'organization',
      sending_phone_number: SENDER_NUMBER,
      whatsapp_phone_number: SENDER_NUMBER,
      waba_id: '100000000000001',
      inherit_contacts: true,
      inherit_templates: true,
      inherit_tcr_brand: false,
      inherit_tcr_campaign: false,
      allow_contact_sharing: false,
      allow_template_sharing: false,
      brand: { id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b', status: 'ACTIVE', identity_status: 'VERIFIED', submitted_to_tcr: true, is_inherited: false },
      created_at: new Date(now - 90 * DAY).toISOString(),
      updated_at: new Date(now - 30 * DAY).toISOString(),
    },
  ];
}

export function seedCampaigns(now: number): Record<string, Record<string, unknown>[]> {
  const iso = (ms: number) => new Date(now - ms).toISOString();
  return {
    [DEMO_PROFILE_ID]: [
      {
        id: 'a7b8c9d0-e1f2-4a3b-9c4d-5e6f7a8b9c0d',
        customerId: DEMO_PROFILE_ID,
        brandId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
        name: 'Order notifications',
        description: 'Order confirmations and delivery updates',
        type: 'App',
        status: 'EXPIRED',
        submittedToTCR: true,
        submittedAt: iso(400 * DAY),
        tcrCampaignId: 'CDEMO01',
        tcrSyncError: null,
        dcaElectionsComplete: true,
        hasSubmissionTransaction: true,
        volume: '1500',
        useCases: [
          {
            messagingUseCaseUs: 'ACCOUNT_NOTIFICATION',
            sampleMessages: ['Hi {name}, your order {order_id} has shipped.', 'Your order {order_id} arrives {eta}. Reply STOP to opt out.'],
          },
        ],
        createdAt: iso(400 * DAY),
        updatedAt: iso(10 * DAY),
      },
    ],
  };
}
