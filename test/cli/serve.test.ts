import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { expectNoTestSecrets, SLACK_SECRETS } from '../helpers/secrets.js';

const MAIN = 'dist/src/cli/main.js';

/** `serve` as a user starts it: a real process, PORT=0, no key (demo mode), stopped with SIGTERM. */
describe('sent-doctor serve', () => {
  it('comes up in demo mode, answers /healthz, and stops cleanly on SIGTERM', async () => {
    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    delete env.SENT_DM_API_KEY;
    delete env.SENT_API_KEY;
    delete env.SLACK_BOT_TOKEN;
    delete env.REDIS_URL;
    const child = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stderr}`)), 15_000);
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', () => reject(new Error(`serve exited early:\n${stderr}`)));
    });
    expect(stderr).toMatch(/DEMO MODE/);
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, mode: { demo: true, sent: 'simulator' } });
    expect(JSON.stringify(health)).not.toMatch(/sk_test_[A-Za-z0-9]{8,}/);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toBe('');
    // The child's output is outside the suite's scan (test/setup/secrets-scan.ts): check it here.
    expectNoTestSecrets(stdout + stderr, 'sent-doctor serve output');
  });

  it('refuses demo mode when Slack is configured and no key is set, unless SENT_DEMO=1 asks for it', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', SLACK_BOT_TOKEN: SLACK_SECRETS.botToken, SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret };
    delete env.SENT_DM_API_KEY;
    delete env.SENT_API_KEY;
    delete env.SENT_DEMO;
    delete env.REDIS_URL;
    const child = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/no SENT_DM_API_KEY is set/);
    expect(stderr).toMatch(/SENT_DEMO=1/);
    expectNoTestSecrets(stderr, 'sent-doctor serve output');
  });

  /**
   * Defect 2: in demo mode the embedded simulator was left open when start-up failed, so the process
   * hung instead of exiting. Each failure now exits 2 in the CLI's error style, within seconds.
   */
  const demoEnv = (over: Record<string, string>): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', ...over };
    for (const k of ['SENT_DM_API_KEY', 'SENT_API_KEY', 'REDIS_URL', 'MCP_AUTH_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET']) if (!(k in over)) delete env[k];
    return env;
  };
  async function failedStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    clearTimeout(timer);
    expectNoTestSecrets(stderr, 'sent-doctor serve output');
    return { code, stderr };
  }

  it('demo mode, HOST=0.0.0.0 without MCP_AUTH_TOKEN: exits 2 (does not hang)', async () => {
    const r = await failedStart(demoEnv({ HOST: '0.0.0.0' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DEMO MODE/);
    expect(r.stderr).toMatch(/error: HOST=0\.0\.0\.0 listens beyond this machine[^\n]*\nfix: Set MCP_AUTH_TOKEN/);
  });

  it('demo mode, port in use: exits 2 with "Port N is already in use", like simulate', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = await failedStart(demoEnv({ PORT: String(port) }));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`error: Port ${port} is already in use\\.\\nfix: `));
      expect(r.stderr).not.toMatch(/Internal error|EADDRINUSE/);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('demo mode, a bad SLACK_APP_TOKEN: exits 2', async () => {
    const r = await failedStart(demoEnv({ SENT_DEMO: '1', SLACK_BOT_TOKEN: SLACK_SECRETS.botToken, SLACK_APP_TOKEN: SLACK_SECRETS.wrongKindToken }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: SLACK_APP_TOKEN must be an app-level token/);
  });
});
