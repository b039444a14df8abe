/** Shared by the client, simulator and lookup tests: a simulator on 127.0.0.1, a client for it, a raw log capture. */
import { afterEach } from 'vitest';
import type { Logger } from '../../tools/context.js';
import { createSentClient, type SentClient, type SentClientOptions } from '../../src/sent/client.js';
import { createSimulator, SIMULATOR_DEMO_KEY, type SimulatorOptions } from '../../src/simulator/index.js';
import { SENT_KEYS } from '../helpers/secrets.js';

/** The keys used in these tests (listed in test/helpers/secrets.ts), asserted never to appear in any output. */
export const TEST_KEY = SENT_KEYS.helper;
/** A UUID-shaped key (the docs say keys are UUIDs): the scrubber's sk_ pattern cannot hide it. */
export const UUID_KEY = SENT_KEYS.helperUuid;
export const WRONG_KEY = SENT_KEYS.helperWrong;
export const ALL_SECRETS = [TEST_KEY, UUID_KEY, WRONG_KEY, SIMULATOR_DEMO_KEY];

/** Records every argument unscrubbed, so a leak by the client itself is caught (createLogger would hide sk_ keys). */
export function rawLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (...m: unknown[]) => {
    lines.push(`${level} ${m.map((x) => (x instanceof Error ? `${x.message} ${(x as { detail?: string }).detail ?? ''}` : typeof x === 'string' ? x : JSON.stringify(x))).join(' ')}`);
  };
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

export function fakeClock(start = Date.parse('2026-08-20T10:00:00Z')) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

export async function startSim(opts: SimulatorOptions = {}) {
  const sim = createSimulator({ keys: [TEST_KEY, UUID_KEY, SIMULATOR_DEMO_KEY], ...opts });
  const server = await sim.listen(0, '127.0.0.1');
  closers.push(server.close);
  return { sim, server, url: server.url };
}

export function makeClient(baseUrl: string, over: Partial<SentClientOptions> = {}) {
  const logger = rawLogger();
  const sleeps: number[] = [];
  const client: SentClient = createSentClient({
    apiKey: TEST_KEY,
    baseUrl,
    timeoutMs: 2_000,
    connectTimeoutMs: 1_000,
    maxRetries: 2,
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...over,
  });
  closers.push(() => client.close());
  return { client, logger, sleeps };
}

/** Runs `fn`, expects it to throw, returns the error. */
export async function caught(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected a throw');
}

/** Every text an error could show or log. */
export function errorTexts(e: Error & Record<string, unknown>): string {
  return [e.message, e.hint, e.detail, e.stack, JSON.stringify(e)].filter(Boolean).join('\n');
}
