/**
 * When and how long to wait before retrying a Sent request. Only idempotent GETs are retried:
 * a retried POST could send a message twice, and a retried 401 counts towards Sent's lockout
 * (ten consecutive auth failures lock the credential).
 */

export interface RetryPolicy {
  /** Retries after the first attempt (0 = no retry). */
  maxRetries: number;
  /** First backoff; doubles each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we will wait for; a longer one ends the retries instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'maxRetries'> = {
  baseDelayMs: 300,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
};

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** Exponential backoff with up to 25 % jitter taken off, so callers never wait longer than the cap. */
export function backoffMs(retry: number, p: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const raw = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** retry);
  return Math.round(raw * (1 - 0.25 * random()));
}

/** Retry-After as delta seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const t = v.trim();
  if (/^\d{1,7}$/.test(t)) return Number(t) * 1000;
  // An HTTP date has a weekday or month name; bare numbers like "-5" would otherwise parse as years.
  const date = /[A-Za-z]{3}/.test(t) ? Date.parse(t) : NaN;
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return undefined;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * Decide after attempt `retry` (0-based) failed with `status` (undefined = no response).
 * A Retry-After above the cap stops the retries: the caller reports it rather than hammering.
 */
export function decideRetry(
  method: string,
  retry: number,
  status: number | undefined,
  retryAfterMs: number | undefined,
  p: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (method !== 'GET' || retry >= p.maxRetries) return { retry: false };
  if (status !== undefined && !isRetryableStatus(status)) return { retry: false };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > p.maxRetryAfterMs) return { retry: false };
    return { retry: true, delayMs: Math.max(retryAfterMs, backoffMs(retry, p, random)) };
  }
  return { retry: true, delayMs: backoffMs(retry, p, random) };
}
