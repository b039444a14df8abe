/** `sent-doctor simulate`: what it prints and what it refuses. (Lives here until test/cli/ is set up.) */
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { runSimulate } from '../../src/cli/commands/simulate.js';
import { SEED_MESSAGES, SIMULATOR_DEMO_KEY, type ListeningSimulator } from '../../src/simulator/index.js';
import { InputError } from '../../tools/errors.js';

const MY_KEY = 'sk_test_MyOwnSimulatorKey000000000042';
const LIVE_KEY = 'sk_live_ThisIsALiveKeyDoNotUse0000000042';
const running: ListeningSimulator[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function start(env: Record<string, string> = {}, opts: { port?: string; host?: string } = { port: '0' }) {
  const err: string[] = [];
  const s = await runSimulate(opts, env, (t) => err.push(t));
  running.push(s);
  return { s, text: err.join('') };
}

const me = (url: string, key: string) => request(`${url}/v3/me`, { headers: { 'x-api-key': key } }).then(async (r) => (await r.body.text(), r.statusCode));

describe('sent-doctor simulate', () => {
  it('prints the URL, the demo key fingerprint (never the key), how to point SENT_BASE_URL at it, and example IDs', async () => {
    const { s, text } = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(text).toContain(`export SENT_BASE_URL=${s.url}`);
    expect(text).toContain('sk_test_…2026');
    expect(text).not.toContain(SIMULATOR_DEMO_KEY);
    for (const seed of SEED_MESSAGES) expect(text).toContain(seed.id);
    expect(await me(s.url, SIMULATOR_DEMO_KEY)).toBe(200);
  });

  it('also accepts the test key from SENT_DM_API_KEY, shown only as a fingerprint', async () => {
    const { s, text } = await start({ SENT_DM_API_KEY: MY_KEY });
    expect(text).not.toContain(MY_KEY);
    expect(text).toContain('sk_test_…0042');
    expect(await me(s.url, MY_KEY)).toBe(200);
  });

  it('refuses a live key', async () => {
    const { s, text } = await start({ SENT_DM_API_KEY: LIVE_KEY });
    expect(text).toContain('does not accept live keys');
    expect(text).not.toContain(LIVE_KEY);
    expect(await me(s.url, LIVE_KEY)).toBe(401);
  });

  it('bad --port, bad --host, port in use → InputError', async () => {
    await expect(runSimulate({ port: 'abc' }, {}, () => {})).rejects.toBeInstanceOf(InputError);
    await expect(runSimulate({ port: '70000' }, {}, () => {})).rejects.toBeInstanceOf(InputError);
    await expect(runSimulate({ port: '0', host: 'a b' }, {}, () => {})).rejects.toBeInstanceOf(InputError);
    const { s } = await start();
    const e = await runSimulate({ port: String(s.port) }, {}, () => {}).catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toContain('already in use');
  });
});

describe('sent-doctor simulate --webhook-url', () => {
  it('sends signed webhooks for status changes to the URL, with the secret it printed', async () => {
    const { createServer } = await import('node:http');
    const { verifyWebhook } = await import('../../src/webhooks/verify.js');
    const got: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/webhooks/sent`;
    try {
      const { s, text } = await start({}, { port: '0', webhookUrl: url } as { port: string });
      const secret = /signing secret \(set it as SENT_WEBHOOK_SECRET of the receiver\): (whsec_\S+)/.exec(text)?.[1];
      expect(secret).toBeDefined();
      const sent = await request(`${s.url}/v3/messages`, {
        method: 'POST',
        headers: { 'x-api-key': SIMULATOR_DEMO_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ to: ['+14155550123'], text: 'hi', channel: ['sms'], sandbox: true }),
      });
      expect(sent.statusCode).toBe(202);
      await sent.body.text();
      for (let i = 0; i < 100 && !got.length; i++) await new Promise((r) => setTimeout(r, 50));
      expect(got.length).toBeGreaterThan(0);
      const first = got[0]!;
      expect(verifyWebhook(secret!, first.headers, first.body, Date.now())).toEqual({ ok: true });
      expect(JSON.parse(first.body.toString()).field).toBe('message');
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it('refuses a URL that is not http(s)', async () => {
    await expect(runSimulate({ port: '0', webhookUrl: 'ftp://x' }, {}, () => undefined)).rejects.toBeInstanceOf(InputError);
  });
});
