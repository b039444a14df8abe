import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffMs, decideRetry, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter } from '../../src/sent/retry.js';

const P = { ...DEFAULT_RETRY, maxRetries: 2 };

describe('retry policy', () => {
  it('retryable statuses: 408, 429, 5xx only', () => {
    expect([408, 429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 409, 422, 600].some(isRetryableStatus)).toBe(false);
  });

  it('never retries POST, 401 or 403, and stops after maxRetries', () => {
    expect(decideRetry('POST', 0, 503, undefined, P, () => 0)).toEqual({ retry: false });
    expect(decideRetry('POST', 0, undefined, undefined, P, () => 0)).toEqual({ retry: false });
    expect(decideRetry('GET', 0, 401, undefined, P, () => 0)).toEqual({ retry: false });
    expect(decideRetry('GET', 0, 403, undefined, P, () => 0)).toEqual({ retry: false });
    expect(decideRetry('GET', 2, 503, undefined, P, () => 0)).toEqual({ retry: false });
    expect(decideRetry('GET', 1, undefined, undefined, P, () => 0)).toEqual({ retry: true, delayMs: 600 });
  });

  it('honours Retry-After up to the cap; above it, gives up', () => {
    expect(decideRetry('GET', 0, 429, 3000, P, () => 0)).toEqual({ retry: true, delayMs: 3000 });
    expect(decideRetry('GET', 0, 429, 60_000, P, () => 0)).toEqual({ retry: false });
  });

  it('backoff doubles, is capped, and jitter only shortens it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (n, r) => {
        const d = backoffMs(n, P, () => r);
        const raw = Math.min(P.maxDelayMs, P.baseDelayMs * 2 ** n);
        expect(d).toBeLessThanOrEqual(raw);
        expect(d).toBeGreaterThanOrEqual(Math.floor(raw * 0.75));
      }),
    );
  });

  it('parses Retry-After seconds and HTTP dates; ignores junk', () => {
    const now = Date.parse('2026-08-20T10:00:00Z');
    expect(parseRetryAfter('60', now)).toBe(60_000);
    expect(parseRetryAfter(['2'], now)).toBe(2000);
    expect(parseRetryAfter('Thu, 20 Aug 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 20 Aug 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
