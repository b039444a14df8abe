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
