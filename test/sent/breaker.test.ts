/**
 * The circuit breaker on the Sent client: opens after consecutive unreachable failures, fails
 * fast with reason circuit_open, lets one trial call through after the (short, injected) delay,
 * closes on success; Sent's own error answers and cancelled calls never open it.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallOptions, SentApi } from '../../tools/context.js';
import type { MessageRecord } from '../../tools/domain/records/schema.js';
import { InputError, SentApiError, SentUnreachableError } from '../../tools/errors.js';
import { createLogger } from '../../src/log.js';
import { createSentBreaker, OPEN_MESSAGE, withCircuitBreaker } from '../../src/sent/breaker.js';
import { sentFactory } from '../../src/context.js';
import { loadConfig } from '../../src/config.js';
import { createMemoryStore } from '../../src/store/memory.js';

const HALF_OPEN_MS = 60;

/**
 * The breaker (cockatiel) reads Date.now(): only the clock is faked, so awaits and sockets run as
 * usual and the half-open delay passes exactly, without a real wait.
 */
function afterTheDelay(): void {
  vi.setSystemTime(Date.now() + HALF_OPEN_MS);
}
const tick = () => new Promise<void>((r) => setImmediate(r));
afterEach(() => {
  vi.useRealTimers();
});

type Outcome = 'ok' | 'down' | '4xx' | 'input' | ((o?: CallOptions) => Promise<MessageRecord>);

/** A Sent stand-in whose answers are scripted per call. */
class ScriptedSent implements SentApi {
  readonly baseUrl = 'http://127.0.0.1:9';
  readonly keyFingerprint = 'sk_test_…0000';
  calls = 0;
  next: Outcome = 'ok';
  async getMessage(id: string, o?: CallOptions): Promise<MessageRecord> {
    this.calls++;
    const n = this.next;
    if (typeof n === 'function') return n(o);
    if (n === 'down') throw new SentUnreachableError(`Could not reach Sent at ${this.baseUrl} (connection refused).`, 'network');
    if (n === '4xx') throw new SentApiError('Sent says: message not found.', { status: 404, code: 'RESOURCE_003' });
    if (n === 'input') throw new InputError('"x" is not a Sent message ID.');
    return { id, status: 'DELIVERED' } as MessageRecord;
  }
  getActivities = async () => [];
  getMe = async () => ({}) as never;
  getTemplate = async () => ({}) as never;
  sendSandbox = async () => ({}) as never;
}

function setup(consecutiveFailures = 5) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
  const inner = new ScriptedSent();
  const breaker = createSentBreaker({ logger, halfOpenAfterMs: HALF_OPEN_MS, consecutiveFailures });
  const api = withCircuitBreaker(inner, { logger, breaker });
  return { inner, breaker, api, lines };
}

async function failTimes(api: SentApi, n: number) {
  for (let i = 0; i < n; i++) await expect(api.getMessage('msg_1')).rejects.toMatchObject({ reason: 'network' });
}

describe('Sent circuit breaker', () => {
  it('opens after 5 consecutive unreachable failures and then fails fast with circuit_open', async () => {
    const { inner, breaker, api, lines } = setup();
    inner.next = 'down';
    await failTimes(api, 4);
    expect(breaker.state).toBe('closed');
    await failTimes(api, 1);
    expect(breaker.state).toBe('open');
    expect(inner.calls).toBe(5);

    inner.next = 'ok';
    const err = await api.getMessage('msg_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SentUnreachableError);
    expect(err).toMatchObject({ reason: 'circuit_open', message: OPEN_MESSAGE });
    expect((err as SentUnreachableError).hint).toContain('connection refused');
    expect(inner.calls).toBe(5); // failed fast: Sent was not called
    expect(lines.filter((l) => l.includes('Sent circuit open'))).toHaveLength(1);
  });

  it('lets one trial call through after the delay and closes when it succeeds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { inner, breaker, api, lines } = setup();
    inner.next = 'down';
    await failTimes(api, 5);
    inner.next = 'ok';
    await expect(api.getMessage('msg_1')).rejects.toMatchObject({ reason: 'circuit_open' });
    vi.setSystemTime(Date.now() + HALF_OPEN_MS - 1);
    await expect(api.getMessage('msg_1')).rejects.toMatchObject({ reason: 'circuit_open' });
    vi.setSystemTime(Date.now() + 1);
    await expect(api.getMessage('msg_1')).resolves.toMatchObject({ status: 'DELIVERED' });
    expect(breaker.state).toBe('closed');
    expect(inner.calls).toBe(6);
    expect(lines.some((l) => l.includes('half-open'))).toBe(true);
    expect(lines.some((l) => l.includes('Sent circuit closed'))).toBe(true);
    // Closed means a fresh count: four new failures do not reopen it.
    inner.next = 'down';
    await failTimes(api, 4);
    expect(breaker.state).toBe('closed');
  });

  it('opens again when the trial call fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { inner, breaker, api } = setup();
    inner.next = 'down';
    await failTimes(api, 5);
    afterTheDelay();
    await failTimes(api, 1);
    expect(breaker.state).toBe('open');
    await expect(api.getMessage('msg_1')).rejects.toMatchObject({ reason: 'circuit_open' });
    expect(inner.calls).toBe(6);
  });

  it('fails fast for other callers while the trial call is in flight', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { inner, breaker, api } = setup();
    inner.next = 'down';
    await failTimes(api, 5);
    afterTheDelay();
    let release!: () => void;
    inner.next = () => new Promise((r) => (release = () => r({ id: 'msg_1', status: 'SENT' } as MessageRecord)));
    const trial = api.getMessage('msg_1');
    await tick();
    expect(breaker.state).toBe('half_open');
    await expect(api.getMessage('msg_2')).rejects.toMatchObject({ reason: 'circuit_open' });
    release();
    await expect(trial).resolves.toMatchObject({ status: 'SENT' });
    expect(breaker.state).toBe('closed');
  });

  it('never opens on Sent error answers (4xx), and they reset the failure count', async () => {
    const { inner, breaker, api } = setup();
    inner.next = '4xx';
    for (let i = 0; i < 20; i++) await expect(api.getMessage('msg_1')).rejects.toBeInstanceOf(SentApiError);
    expect(breaker.state).toBe('closed');
    expect(inner.calls).toBe(20);

    inner.next = 'down';
    await failTimes(api, 4);
    inner.next = '4xx';
    await expect(api.getMessage('msg_1')).rejects.toMatchObject({ status: 404, code: 'RESOURCE_003' });
    inner.next = 'down';
    await failTimes(api, 4);
    expect(breaker.state).toBe('closed');
  });

  it('does not count calls the caller cancelled, or calls refused before any request', async () => {
    const { inner, breaker, api } = setup();
    const ac = new AbortController();
    ac.abort();
    inner.next = async () => {
      throw new SentUnreachableError('The request to Sent (GET /v3/messages/msg_1) was cancelled.', 'timeout');
    };
    for (let i = 0; i < 10; i++) await expect(api.getMessage('msg_1', { signal: ac.signal })).rejects.toMatchObject({ reason: 'timeout' });
    inner.next = 'input';
    for (let i = 0; i < 10; i++) await expect(api.getMessage('x')).rejects.toBeInstanceOf(InputError);
    expect(breaker.state).toBe('closed');
  });

  it('one shared breaker protects every client of a factory', async () => {
    const { inner, breaker } = setup(3);
    const { logger } = { logger: createLogger({ write: () => undefined }) };
    const other = new ScriptedSent();
    const apiA = withCircuitBreaker(inner, { logger, breaker });
    const apiB = withCircuitBreaker(other, { logger, breaker });
    inner.next = 'down';
    await failTimes(apiA, 3);
    await expect(apiB.getMessage('msg_1')).rejects.toMatchObject({ reason: 'circuit_open' });
    expect(other.calls).toBe(0);
    expect(apiB.keyFingerprint).toBe(other.keyFingerprint);
  });

  it('counts every kind of unreachable failure (timeout, 5xx after retries, malformed)', async () => {
    const { inner, breaker, api } = setup(3);
    const reasons = ['timeout', 'server_error', 'malformed'] as const;
    for (const reason of reasons) {
      inner.next = async () => {
        throw new SentUnreachableError(`failure: ${reason}`, reason);
      };
      await expect(api.getMessage('msg_1')).rejects.toMatchObject({ reason });
    }
    expect(breaker.state).toBe('open');
  });
});

describe('sentFactory wiring (real client, real HTTP server on 127.0.0.1)', () => {
  // Same prefix and last four characters: the same display fingerprint, two accounts.
  const KEYS = { A: 'sk_test_wiringAAAAAAAAAAAAAAAA51c2', B: 'sk_test_wiringBBBBBBBBBBBBBBBB51c2' };

  async function fakeSent() {
    const hits: string[] = [];
    let down = false;
    const server = createServer((req, res) => {
      const key = String(req.headers['x-api-key']);
      const account = key === KEYS.A ? 'acct-A' : key === KEYS.B ? 'acct-B' : 'unknown';
      hits.push(`${account} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      if (down) {
        res.statusCode = 503;
        res.end(JSON.stringify({ success: false, error: { code: 'SERVICE_001', message: 'unavailable' } }));
        return;
      }
      const id = decodeURIComponent((req.url ?? '').split('/')[3] ?? '');
      res.end(JSON.stringify({ success: true, data: { id, status: 'DELIVERED', customer_id: account } }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    return { url, hits, setDown: (d: boolean) => (down = d), close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it('every client is cached per key and guarded by one shared breaker', async () => {
    const sent = await fakeSent();
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (l) => lines.push(l), secrets: Object.values(KEYS) });
    try {
      const config = loadConfig({ SENT_BASE_URL: sent.url, SENT_MAX_RETRIES: '0' });
      const forKey = sentFactory(config, logger, undefined, createMemoryStore());
      const a = forKey(KEYS.A);
      const b = forKey(KEYS.B);
      expect(a.keyFingerprint).toBe(b.keyFingerprint);

      expect((await a.getMessage('msg_test_wire1')).customer_id).toBe('acct-A');
      expect((await a.getMessage('msg_test_wire1')).customer_id).toBe('acct-A');
      expect((await b.getMessage('msg_test_wire1')).customer_id).toBe('acct-B');
      expect(sent.hits).toEqual(['acct-A /v3/messages/msg_test_wire1', 'acct-B /v3/messages/msg_test_wire1']);

      // Sent goes down: five 503s through key A open the circuit for key B too.
      sent.setDown(true);
      for (let i = 0; i < 5; i++) await expect(a.getMessage(`msg_test_down${i}`)).rejects.toMatchObject({ reason: 'server_error' });
      const before = sent.hits.length;
      await expect(b.getMessage('msg_test_other')).rejects.toMatchObject({ reason: 'circuit_open', message: OPEN_MESSAGE });
      expect(sent.hits.length).toBe(before);
      // A cached lookup still answers while the circuit is open.
      expect((await b.getMessage('msg_test_wire1')).customer_id).toBe('acct-B');
      const all = lines.join('\n');
      for (const k of Object.values(KEYS)) expect(all).not.toContain(k);
    } finally {
      await sent.close();
    }
  });
});
