/**
 * A circuit breaker in front of the Sent client (cockatiel). After a run of consecutive
 * "Sent is not answering" failures (timeouts, network errors, 5xx after retries, unreadable
 * answers) calls fail at once with SentUnreachableError('circuit_open') for a while, so answers
 * come from the knowledge base, marked "live checks unavailable", instead of waiting for timeouts.
 *
 * Only SentUnreachableError counts as a failure. A SentApiError (4xx) means Sent answered, so it
 * counts as a success; a call the caller cancelled (its budget ran out) or refused before any
 * request (bad ID) says nothing about Sent and does not count either way. One breaker is shared by every client of
 * one factory: when Sent is down it is down for every key.
 */
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { CallOptions, Logger, SentApi } from '../../tools/context.js';
import { SentApiError, SentUnreachableError } from '../../tools/errors.js';

export interface BreakerOptions {
  logger: Logger;
  /** How long the circuit stays open before one trial call is let through. */
  halfOpenAfterMs?: number;
  /** Consecutive unreachable failures that open the circuit. */
  consecutiveFailures?: number;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface SentBreaker {
  readonly state: BreakerState;
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export const OPEN_MESSAGE = 'Live checks unavailable: Sent is not answering (circuit open).';

/** Thrown inside the policy for failures that must not count; unwrapped before the caller sees it. */
class NotCounted {
  constructor(readonly error: unknown) {}
}

/** Returned inside the policy for a Sent error answer: Sent is up, so it counts as a success. */
class Answered {
  constructor(readonly error: SentApiError) {}
}

const counts = (e: Error) => e instanceof SentUnreachableError && e.reason !== 'circuit_open';

export function createSentBreaker(opts: BreakerOptions): SentBreaker {
  const halfOpenAfter = opts.halfOpenAfterMs ?? 30_000;
  const threshold = opts.consecutiveFailures ?? 5;
  const policy: CircuitBreakerPolicy = circuitBreaker(handleWhen(counts), {
    halfOpenAfter,
    breaker: new ConsecutiveBreaker(threshold),
  });
  let lastFailure = '';

  policy.onBreak((reason) => {
    const err = 'error' in reason ? reason.error : undefined;
    lastFailure = err instanceof Error ? err.message : 'unknown failure';
    opts.logger.warn(
      `Sent circuit open after ${threshold} consecutive failures (last: ${lastFailure}); live checks are skipped for ${Math.round(halfOpenAfter / 1000)} s and answers come from the knowledge base.`,
    );
  });
  policy.onHalfOpen(() => opts.logger.info('Sent circuit half-open: trying one live call.'));
  policy.onReset(() => opts.logger.info('Sent circuit closed: live checks are back.'));

  const openError = () =>
    new SentUnreachableError(OPEN_MESSAGE, 'circuit_open', {
      hint: `Sent failed ${threshold} times in a row${lastFailure ? ` (last: ${lastFailure})` : ''}. Live checks resume by themselves within ${Math.round(halfOpenAfter / 1000)} s; check the Sent status page and your network meanwhile.`,
    });

  return {
    get state(): BreakerState {
      const s = policy.state;
      return s === CircuitState.Closed ? 'closed' : s === CircuitState.HalfOpen ? 'half_open' : 'open';
    },
    async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      // cockatiel queues callers behind the half-open trial call; failing fast keeps answers quick.
      if (policy.state === CircuitState.HalfOpen) throw openError();
      try {
        const out = await policy.execute(async (): Promise<T | Answered> => {
          try {
            return await fn();
          } catch (e) {
            if (e instanceof SentApiError) return new Answered(e);
            if (signal?.aborted || !(e instanceof SentUnreachableError)) throw new NotCounted(e);
            throw e;
          }
        });
        if (out instanceof Answered) throw out.error;
        return out;
      } catch (e) {
        if (e instanceof BrokenCircuitError) throw openError();
        if (e instanceof NotCounted) throw e.error;
        throw e;
      }
    },
  };
}

/** Wraps a client; pass `breaker` to share one breaker between several clients. */
export function withCircuitBreaker(inner: SentApi, opts: BreakerOptions & { breaker?: SentBreaker }): SentApi {
  const b = opts.breaker ?? createSentBreaker(opts);
  const sig = (o?: CallOptions) => o?.signal;
  return {
    baseUrl: inner.baseUrl,
    keyFingerprint: inner.keyFingerprint,
    getMessage: (id, o) => b.run(() => inner.getMessage(id, o), sig(o)),
    getActivities: (id, o) => b.run(() => inner.getActivities(id, o), sig(o)),
    getMe: (o) => b.run(() => inner.getMe(o), sig(o)),
    getTemplate: (id, o) => b.run(() => inner.getTemplate(id, o), sig(o)),
    sendSandbox: (body, o) => b.run(() => inner.sendSandbox(body, o), sig(o)),
    listTemplates: (o) => b.run(() => inner.listTemplates(o), sig(o)),
    listWebhooks: (o) => b.run(() => inner.listWebhooks(o), sig(o)),
    listProfiles: (o) => b.run(() => inner.listProfiles(o), sig(o)),
    listCampaigns: (id, o) => b.run(() => inner.listCampaigns(id, o), sig(o)),
  };
}
