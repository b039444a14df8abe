/**
 * Fault injection for the Sent simulator: how tests and demos make Sent slow, broken or rude.
 *
 * Per request, header `x-sim-fault: <fault>[,<fault>…]` (e.g. `x-sim-fault: latency=800,status=503`):
 *   latency=<ms>        wait <ms> (0–60000) before answering; combines with any other fault
 *   status=<5xx>        answer 500, 502, 503 or 504 with a v3 error envelope (INTERNAL_00x / SERVICE_001)
 *   rate_limit[=<s>]    answer 429 BUSINESS_002 with `Retry-After: <s>` (default 60 s, the value Sent documents)
 *   malformed           answer 200 with a JSON content type and a body that is not valid JSON
 *   reset               start a 200 answer, then destroy the socket mid-body
 *
 * Programmatically (the Sent client never sends x-sim-fault, so tests use this form):
 *   sim.injectFault({ path: /^\/v3\/messages\//, method: 'GET', fault: 'status=503', times: 2 })
 * queues a fault for the next `times` (default 1; Infinity allowed) requests whose path matches
 * (`path` string = path prefix, RegExp = tested against the path; omitted = every path). Queued
 * faults are used before a header's, oldest rule first. `sim.clearFaults()` empties the queue.
 */

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'malformed' }
  | { kind: 'reset' };

export class FaultSyntaxError extends Error {}

const MAX_LATENCY_MS = 60_000;
const MAX_FAULTS = 5;

/** `latency=200,status=503` → faults; throws FaultSyntaxError on anything else. */
export function parseFaults(spec: string): Fault[] {
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_FAULTS) throw new FaultSyntaxError(`expected 1–${MAX_FAULTS} faults`);
  return parts.map((p) => {
    const m = /^([a-z_]+)(?:=(\d{1,6}))?$/.exec(p);
    if (!m) throw new FaultSyntaxError(`unreadable fault "${p.slice(0, 40)}"`);
    const [, name, arg] = m;
    const n = arg === undefined ? undefined : Number(arg);
    switch (name) {
      case 'latency':
        if (n === undefined || n > MAX_LATENCY_MS) throw new FaultSyntaxError(`latency needs 0–${MAX_LATENCY_MS} ms`);
        return { kind: 'latency', ms: n };
      case 'status':
        if (n !== 500 && n !== 502 && n !== 503 && n !== 504) throw new FaultSyntaxError('status must be 500, 502, 503 or 504');
        return { kind: 'status', status: n };
      case 'rate_limit':
        if (n !== undefined && n > 3600) throw new FaultSyntaxError('rate_limit takes 0–3600 seconds');
        return { kind: 'rate_limit', retryAfterSeconds: n ?? 60 };
      case 'malformed':
      case 'reset':
        if (n !== undefined) throw new FaultSyntaxError(`${name} takes no value`);
        return { kind: name };
      default:
        throw new FaultSyntaxError(`unknown fault "${name}"`);
    }
  });
}

export interface FaultRule {
  /** Path prefix (string) or pattern (RegExp) the request path must match; omitted = every path. */
  path?: string | RegExp;
  method?: string;
  /** Same syntax as the header, or parsed faults. */
  fault: string | Fault | Fault[];
  /** How many matching requests get it (default 1). */
  times?: number;
}

interface QueuedRule {
  path?: string | RegExp;
  method?: string;
  faults: Fault[];
  left: number;
}

export function createFaultQueue() {
  const rules: QueuedRule[] = [];
  return {
    add(rule: FaultRule): void {
      const faults = typeof rule.fault === 'string' ? parseFaults(rule.fault) : Array.isArray(rule.fault) ? rule.fault : [rule.fault];
      const left = rule.times ?? 1;
      if (!(left > 0)) throw new FaultSyntaxError('times must be positive');
      rules.push({ path: rule.path, method: rule.method?.toUpperCase(), faults, left });
    },
    /** The faults for this request (and one use of the rule that gave them), or []. */
    take(method: string, path: string): Fault[] {
      const i = rules.findIndex(
        (r) =>
          (!r.method || r.method === method) &&
          (r.path === undefined || (typeof r.path === 'string' ? path.startsWith(r.path) : r.path.test(path))),
      );
      if (i < 0) return [];
      const r = rules[i]!;
      if (--r.left <= 0) rules.splice(i, 1);
      return r.faults;
    },
    clear(): void {
      rules.length = 0;
    },
    get pending(): number {
      return rules.length;
    },
  };
}
export type FaultQueue = ReturnType<typeof createFaultQueue>;
