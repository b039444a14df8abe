/**
 * recent_failures: the failure digest. Every failed, filtered or blocked message event that
 * sent-doctor receives (a Sent webhook, or a watch's poll) is counted by scenario in the store, in
 * time buckets: 5-minute buckets for the 1 h window and hourly buckets for the 24 h window, so the
 * windows roll with that granularity. A few example message IDs are kept per bucket and scenario,
 * with recipients masked. With Redis the counts are shared by every instance.
 *
 * `recordFailure` is the one writer (src/watch calls it); the tool is the one reader.
 */
import { z } from 'zod';
import type { Clock, Store } from './context.js';
import { defineTool } from './define.js';
import { SCENARIO_IDS } from './domain/scenarios.js';
import { maskPhone } from './domain/redact.js';

export const DIGEST_WINDOWS = { '1h': { span: 3_600_000, bucket: 300_000 }, '24h': { span: 86_400_000, bucket: 3_600_000 } } as const;
export type DigestWindow = keyof typeof DIGEST_WINDOWS;
/** A failure whose record points at no scenario. */
export const UNCLASSIFIED = 'unclassified';
const EXAMPLES_PER_BUCKET = 3;
const EXAMPLES_SHOWN = 3;
/** Buckets outlive the longest window a little. */
const KEEP_MS = DIGEST_WINDOWS['24h'].span + 2 * DIGEST_WINDOWS['24h'].bucket;
const SCENARIO_KEYS = [...SCENARIO_IDS, UNCLASSIFIED] as const;

export interface FailureEvent {
  message_id: string;
  /** FAILED, FILTERED or BLOCKED. */
  status: string;
  /** Primary scenario of the record's verdict; unclassified when it names none. */
  scenario?: string;
  /** The record's code (reason_code or a Meta code), if any. */
  code?: string;
  /** E.164 recipient, masked before it is stored. */
  recipient?: string | null;
  /** When the event happened (ms). */
  at: number;
}

const bucketKey = (w: DigestWindow, start: number, scenario: string) => `digest:${w}:${start}:${scenario}`;
const bucketStart = (w: DigestWindow, at: number) => at - (at % DIGEST_WINDOWS[w].bucket);

/** Counts one failure event in both windows (call once per event: the caller dedupes deliveries). */
export async function recordFailure(store: Store, e: FailureEvent): Promise<void> {
  const scenario = e.scenario && (SCENARIO_IDS as readonly string[]).includes(e.scenario) ? e.scenario : UNCLASSIFIED;
  const example = JSON.stringify({
    message_id: e.message_id.slice(0, 200),
    status: e.status.slice(0, 40),
    ...(e.code ? { code: e.code.slice(0, 40) } : {}),
    ...(e.recipient ? { recipient: e.recipient.includes('•') ? e.recipient : maskPhone(e.recipient) } : {}),
    at: new Date(e.at).toISOString(),
  });
  await Promise.all(
    (Object.keys(DIGEST_WINDOWS) as DigestWindow[]).map(async (w) => {
      const key = bucketKey(w, bucketStart(w, e.at), scenario);
      const n = await store.incr(key, KEEP_MS);
      if (n <= EXAMPLES_PER_BUCKET) await store.set(`${key}:ex:${n}`, example, KEEP_MS);
    }),
  );
}

const Example = z.object({
  message_id: z.string(),
  status: z.string(),
  code: z.string().optional(),
  recipient: z.string().optional().describe('Masked: calling code and last two digits'),
  at: z.string(),
});

const Output = z.object({
  window: z.enum(['1h', '24h']),
  since: z.string().describe('Start of the window (ISO 8601), rounded down to the bucket'),
  until: z.string(),
  total: z.number().int(),
  by_scenario: z.array(z.object({ scenario: z.string(), count: z.number().int(), examples: z.array(Example) })).describe('Most failures first'),
  note: z.string(),
});
export type RecentFailures = z.infer<typeof Output>;

/** The digest for one window, read from the store. */
export async function readDigest(store: Store, clock: Clock, window: DigestWindow): Promise<RecentFailures> {
  const { span, bucket } = DIGEST_WINDOWS[window];
  const now = clock.now();
  const newest = bucketStart(window, now);
  const starts: number[] = [];
  for (let s = newest; s > now - span; s -= bucket) starts.push(s);
  const rows = await Promise.all(
    SCENARIO_KEYS.map(async (scenario) => {
      const counts = await Promise.all(starts.map(async (s) => Number((await store.get(bucketKey(window, s, scenario))) ?? 0) || 0));
      const count = counts.reduce((a, b) => a + b, 0);
      const examples: z.infer<typeof Example>[] = [];
      for (let i = 0; i < starts.length && examples.length < EXAMPLES_SHOWN; i++) {
        if (!counts[i]) continue;
        for (let n = 1; n <= Math.min(counts[i]!, EXAMPLES_PER_BUCKET) && examples.length < EXAMPLES_SHOWN; n++) {
          const raw = await store.get(`${bucketKey(window, starts[i]!, scenario)}:ex:${n}`);
          const parsed = raw ? Example.safeParse(safeJson(raw)) : undefined;
          if (parsed?.success) examples.push(parsed.data);
        }
      }
      return { scenario, count, examples };
    }),
  );
  const by_scenario = rows.filter((r) => r.count > 0).sort((a, b) => b.count - a.count || a.scenario.localeCompare(b.scenario));
  return {
    window,
    since: new Date(starts.at(-1)!).toISOString(),
    until: new Date(now).toISOString(),
    total: by_scenario.reduce((a, r) => a + r.count, 0),
    by_scenario,
    note:
      'Counts failed, filtered and blocked message events received through Sent webhooks (or a watch\'s polling) by this deployment, ' +
      `by the scenario of each record's verdict; the window rolls in ${bucket / 60_000}-minute steps.`,
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

export const recentFailures = defineTool({
  name: 'recent_failures',
  description:
    'Failed, filtered and blocked message events of the last hour or day, by scenario, with example IDs.',
  input: z.object({
    window: z.enum(['1h', '24h']).default('24h').describe('Rolling window: the last hour (5-minute steps) or the last 24 hours (hourly steps)'),
  }),
  output: Output,
  annotations: { title: 'Recent failures by scenario', readOnlyHint: true, destructiveHint: false, openWorldHint: false, idempotentHint: true },
  async run({ window }, ctx) {
    return readDigest(ctx.store, ctx.clock, window);
  },
});
