/**
 * The suite-wide secrets scan (vitest.config.ts `setupFiles`, so it runs in every worker before
 * each test file).
 *
 * How it works:
 * - It wraps process.stdout.write, process.stderr.write and console.* of the worker, so whatever
 *   the test file or the product code under test prints passes through `record()` (and is then
 *   written as before).
 * - It mocks src/log.js so that every logger made with createLogger() gets one more onLine
 *   listener. onLine sees each line exactly as it is written (after the logger's own scrubbing),
 *   including lines that a test sends to its own `write` capture instead of stderr: a key in such
 *   a line would be on stderr in production.
 * - Each recorded chunk is checked against every secret in test/helpers/secrets.ts (with the end
 *   of the previous chunk of the same stream, so a key split across two writes is still found).
 * - afterAll fails the test file if any secret was seen, naming the secret by fingerprint and the
 *   stream it appeared on, never the secret itself.
 *
 * Not covered here: output of child processes (the tests that spawn them check what they
 * captured with expectNoTestSecrets), and strings a test only keeps in memory (tests assert on
 * those themselves).
 */
import { afterAll, vi } from 'vitest';
import { format } from 'node:util';
import { ALL_TEST_SECRETS, nameOf } from '../helpers/secrets.js';

const TAIL = 128;
const tails = new Map<string, string>();
const hits = new Map<string, Set<string>>();

function record(stream: string, chunk: unknown): void {
  const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
  const window = (tails.get(stream) ?? '') + text;
  tails.set(stream, window.slice(-TAIL));
  for (const s of ALL_TEST_SECRETS) {
    if (window.includes(s)) {
      const set = hits.get(s) ?? new Set<string>();
      set.add(stream);
      hits.set(s, set);
    }
  }
}

for (const [name, stream] of [
  ['stdout', process.stdout],
  ['stderr', process.stderr],
] as const) {
  const original = stream.write.bind(stream) as (...a: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    record(name, chunk);
    return original(chunk, ...rest);
  }) as typeof stream.write;
}

for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    record(`console.${method}`, format(...args));
    original(...args);
  };
}

vi.mock('../../src/log.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/log.js')>();
  return {
    ...real,
    createLogger: (...args: Parameters<typeof real.createLogger>) => {
      const logger = real.createLogger(...args);
      logger.onLine((level, line) => record(`logger (${level})`, `${line}\n`));
      return logger;
    },
  };
});

afterAll(() => {
  if (!hits.size) return;
  const list = [...hits].map(([s, where]) => `${nameOf(s)} on ${[...where].join(', ')}`);
  hits.clear();
  throw new Error(`Secrets scan: a test secret was written out: ${list.join('; ')}. Find where it is printed or logged and use fingerprint() there.`);
});

/** For test/helpers/secrets.test.ts, which proves the scan catches what it should (then forgets it). */
(globalThis as { __secretsScan?: unknown }).__secretsScan = { hits };
