/**
 * Sent's v3 error envelope → our typed errors. Messages are ours (built from the code, never
 * from the upstream body), so nothing Sent or a proxy echoes back (a key, a phone number,
 * HTML) reaches a user; the upstream text goes to `detail`, which only the logger sees.
 */
import { SentApiError, SentUnreachableError } from '../../tools/errors.js';
import { redactSecrets } from '../../tools/domain/redact.js';
import type { Envelope } from '../../tools/domain/records/schema.js';

/** What each documented v3 code means (Sent's error catalog, in our words). */
const MEANING: Record<string, string> = {
  AUTH_001: 'the x-api-key header is missing',
  AUTH_002: 'the API key is invalid or not recognised',
  AUTH_003: 'the API key is not allowed to do this',
  AUTH_004: "the key's role lacks permission for this operation",
  AUTH_005: 'the account is set up but waiting for final activation by Sent',
  AUTH_006: 'the account has not completed KYC',
  AUTH_007: 'no messaging channel is configured on the account',
  VALIDATION_001: 'the request failed validation',
  VALIDATION_002: 'a phone number is not in E.164 format',
  VALIDATION_003: 'a UUID is malformed',
  VALIDATION_004: 'a required field is missing',
  VALIDATION_005: 'a value is out of range',
  VALIDATION_006: 'a value is not one of the allowed (case-sensitive) values',
  VALIDATION_007: 'the Idempotency-Key header has a bad format',
  RESOURCE_001: 'contact not found',
  RESOURCE_002: 'template not found',
  RESOURCE_003: 'message not found',
  RESOURCE_004: 'customer not found',
  RESOURCE_005: 'organization not found',
  RESOURCE_006: 'user not found',
  RESOURCE_007: 'the resource already exists',
  RESOURCE_008: 'webhook not found',
  BUSINESS_001: 'an inherited contact cannot be modified',
  BUSINESS_002: 'rate limit exceeded',
  BUSINESS_003: 'insufficient balance',
  BUSINESS_004: 'all recipients have opted out',
  BUSINESS_005: 'the WhatsApp template is not approved',
  BUSINESS_006: 'the message can only be changed while QUEUED or ACCEPTED',
  BUSINESS_007: 'the channel is not available for this contact',
  BUSINESS_008: 'the account quota is exceeded',
  CONFLICT_001: 'the same idempotent request is already in flight',
  SERVICE_001: 'a Sent service is unavailable',
  INTERNAL_001: 'an unexpected error inside Sent',
  INTERNAL_002: 'a database failure inside Sent',
  INTERNAL_003: 'an upstream SMS/WhatsApp/RCS provider error',
  INTERNAL_004: 'an internal timeout inside Sent',
  INTERNAL_005: 'Sent is temporarily unavailable',
  LIMIT_001: 'too many scheduled messages are held',
};

const NO_RETRY_AUTH = 'Do not retry in a loop: ten consecutive authentication failures lock the credential.';

/** What the user can do next, per code (the product's advice, built on the guide and the error catalog). */
const HINTS: Record<string, string> = {
  AUTH_001: 'Set SENT_DM_API_KEY. Sent reads the key from the x-api-key header, not from Authorization: Bearer.',
  AUTH_002:
    'Copy the key again from Dashboard → API Keys with the copy button (no trailing space or newline), check whether someone ' +
    `regenerated it, and check it is the key for the environment you target. ${NO_RETRY_AUTH}`,
  AUTH_003: `The key is valid but not allowed to do this; check its role and profile in the dashboard. ${NO_RETRY_AUTH}`,
  AUTH_004: "Ask an account admin for a role that allows this operation, or use a key with that role.",
  AUTH_005: 'Setup is complete and waiting for final activation by Sent; contact Sent support if it takes long.',
  AUTH_006: 'Finish the KYC / compliance details in the Sent dashboard; sending works once the account is approved.',
  AUTH_007: 'Set up at least one channel (SMS or WhatsApp) under Dashboard → Channels.',
  VALIDATION_002: 'Write phone numbers in E.164 format: a plus sign, the country code and the number, e.g. +14155550123.',
  VALIDATION_006: 'Enum values are case-sensitive: channel values are lowercase (sms, whatsapp, rcs, sent).',
  VALIDATION_007: 'Idempotency-Key must be 1–255 characters of letters, digits, "_" or "-".',
  RESOURCE_002: 'Check the template ID or name in Dashboard → Templates, and that it belongs to the account or profile of this key.',
  RESOURCE_003:
    'Check the message ID for typos and that this key belongs to the same account, sender profile and environment (live vs test) that sent it.',
  BUSINESS_002: 'Wait for the Retry-After period, then try again; rate limits apply per account, not per key.',
  BUSINESS_003: 'Top up the account balance, then send again.',
  BUSINESS_004: 'Every recipient has opted out; they must opt in again before you can message them.',
  BUSINESS_005: 'Wait for the template to be approved, or fix and resubmit it, in Dashboard → Templates.',
  BUSINESS_007: 'That channel is not available for this contact; send on another channel (see available_channels).',
  CONFLICT_001: 'The same Idempotency-Key is still being processed; wait a moment before retrying.',
};

const byStatus = (status: number): string | undefined =>
  status === 401
    ? `Check SENT_DM_API_KEY. ${NO_RETRY_AUTH}`
    : status === 403
      ? 'The key is not allowed to do this (role, KYC or account activation).'
      : status === 404
        ? 'Check the ID and that it belongs to the account of this key.'
        : status === 429
          ? 'Slow down and try again later.'
          : undefined;

const CODE_RE = /^[A-Z][A-Z0-9_]{1,39}$/;
const REQ_ID_RE = /^[A-Za-z0-9_.:-]{1,100}$/;

export interface ErrorContext {
  status: number;
  envelope?: Envelope;
  requestId?: string;
  retryAfterSeconds?: number;
  /** What we were doing, e.g. "GET /v3/messages/{id}". */
  operation: string;
  /** Literal secrets to scrub from the detail. */
  secrets: readonly string[];
}

export function safeRequestId(...candidates: Array<string | null | undefined>): string | undefined {
  return candidates.find((c): c is string => !!c && REQ_ID_RE.test(c));
}

/** Only docs links on sent.dm are passed on: an upstream-chosen URL is otherwise a phishing vector. */
function safeDocUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' && (u.hostname === 'sent.dm' || u.hostname.endsWith('.sent.dm')) && url.length <= 300) return u.toString();
  } catch {
    /* not a URL */
  }
  return undefined;
}

/** Field names from `error.details` (`{field: [messages]}`), bounded and sanitised. */
function detailFields(details: unknown): string[] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  return Object.keys(details)
    .filter((k) => /^[A-Za-z0-9_.[\]-]{1,60}$/.test(k))
    .slice(0, 8);
}

function upstreamDetail(ctx: ErrorContext): string {
  const e = ctx.envelope?.error;
  const raw = JSON.stringify({ code: e?.code, message: e?.message, details: e?.details }).slice(0, 1000);
  return redactSecrets(`${ctx.operation} → HTTP ${ctx.status}: ${raw}`, ctx.secrets);
}

/** A 4xx answer (or a 5xx/429 we stopped retrying) → SentApiError with our own wording. */
export function toSentApiError(ctx: ErrorContext): SentApiError {
  const rawCode = ctx.envelope?.error?.code ?? undefined;
  const code = rawCode && CODE_RE.test(rawCode) ? rawCode : `HTTP_${ctx.status}`;
  const meaning = MEANING[code];
  const fields = detailFields(ctx.envelope?.error?.details);
  // Only Sent's answers are Sent's: a 404 without the v3 envelope comes from some other server.
  if (!ctx.envelope && ctx.status === 404)
    return new SentApiError(`The server answered ${ctx.operation} with HTTP 404 but without Sent's response envelope: this is not the Sent v3 API.`, {
      status: 404,
      code: 'NOT_SENT_API',
      requestId: ctx.requestId,
      hint: 'Check SENT_BASE_URL: it should be https://api.sent.dm (or the simulator URL that `sent-doctor simulate` prints), with no path.',
      detail: upstreamDetail(ctx),
    });
  let message = meaning
    ? `Sent answered ${ctx.operation} with ${code}: ${meaning} (HTTP ${ctx.status}).`
    : `Sent answered ${ctx.operation} with ${code} (HTTP ${ctx.status}).`;
  if (fields.length) message += ` Fields: ${fields.join(', ')}.`;
  if (ctx.retryAfterSeconds !== undefined) message += ` Retry after ${ctx.retryAfterSeconds} s.`;
  return new SentApiError(message, {
    status: ctx.status,
    code,
    docUrl: safeDocUrl(ctx.envelope?.error?.doc_url) ?? (meaning ? `https://docs.sent.dm/errors/${code}` : undefined),
    requestId: ctx.requestId,
    retryAfterSeconds: ctx.retryAfterSeconds,
    hint: HINTS[code] ?? (code.startsWith('VALIDATION_') ? 'Fix the fields named in the error and send again.' : byStatus(ctx.status)),
    detail: upstreamDetail(ctx),
  });
}

/** Sent kept failing with 5xx: unreachable for practical purposes. */
export function toServerError(ctx: ErrorContext, attempts: number): SentUnreachableError {
  const rawCode = ctx.envelope?.error?.code ?? undefined;
  const code = rawCode && CODE_RE.test(rawCode) ? ` ${rawCode}` : '';
  return new SentUnreachableError(
    `Sent answered ${ctx.operation} with HTTP ${ctx.status}${code} (a server-side error) ${attempts === 1 ? 'once' : `${attempts} times`}.`,
    'server_error',
    {
      hint: 'Check the Sent status page for an incident and try again in a few minutes.' + (ctx.requestId ? ` Request ID: ${ctx.requestId}.` : ''),
      detail: upstreamDetail(ctx),
    },
  );
}
