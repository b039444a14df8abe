/**
 * Typed errors. `message` is always safe to show a user (no key, no raw upstream body);
 * `detail` is for logs only and is scrubbed by the logger anyway.
 */
export abstract class DoctorError extends Error {
  abstract readonly kind: 'input' | 'config' | 'sent' | 'unreachable' | 'limit' | 'internal';
  /** What the user can do next. */
  readonly hint?: string;
  readonly detail?: string;
  constructor(message: string, opts: { hint?: string; detail?: string; cause?: unknown } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = new.target.name;
    this.hint = opts.hint;
    this.detail = opts.detail;
  }
}

/** The user's input cannot be used (bad message ID, malformed JSON where JSON is required…). */
export class InputError extends DoctorError {
  readonly kind = 'input' as const;
}

/** Something the operator must configure (no API key, bad env var). */
export class ConfigError extends DoctorError {
  readonly kind = 'config' as const;
}

/** Sent answered with an error envelope. */
export class SentApiError extends DoctorError {
  readonly kind = 'sent' as const;
  readonly status: number;
  readonly code: string;
  readonly docUrl?: string;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;
  constructor(
    message: string,
    f: { status: number; code: string; docUrl?: string; requestId?: string; retryAfterSeconds?: number; hint?: string; detail?: string },
  ) {
    super(message, { hint: f.hint, detail: f.detail });
    this.status = f.status;
    this.code = f.code;
    this.docUrl = f.docUrl;
    this.requestId = f.requestId;
    this.retryAfterSeconds = f.retryAfterSeconds;
  }
}

/** Sent could not be reached or answered something unreadable (timeout, reset, bad JSON, open circuit). */
export class SentUnreachableError extends DoctorError {
  readonly kind = 'unreachable' as const;
  readonly reason: 'timeout' | 'network' | 'malformed' | 'circuit_open' | 'server_error';
  constructor(message: string, reason: SentUnreachableError['reason'], opts: { hint?: string; detail?: string; cause?: unknown } = {}) {
    super(message, opts);
    this.reason = reason;
  }
}

/** A limit was hit (rate limit, text too long). */
export class LimitError extends DoctorError {
  readonly kind = 'limit' as const;
}

export function isDoctorError(e: unknown): e is DoctorError {
  return e instanceof DoctorError;
}
