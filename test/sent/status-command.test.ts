/** `sent-doctor status` end to end: real config, real context, the simulator on loopback. (Lives here until test/cli/ is set up.) */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register, statusExitCode } from '../../src/cli/commands/status.js';
import type { CliDeps } from '../../src/cli/deps.js';
import { exitCodeFor } from '../../src/cli/errors.js';
import { loadConfig, configSecrets } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { buildContext } from '../../src/context.js';
import { ALL_SECRETS, TEST_KEY, startSim } from './helpers.js';

async function run(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const deps: CliDeps = {
    env,
    io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => '', isTTY: false },
    loadConfig: () => loadConfig({ SENT_MAX_RETRIES: '0', ...env }),
    logger: (config) => createLogger({ level: 'debug', write: (l) => err.push(l), secrets: config ? configSecrets(config) : [] }),
    buildContext: (config, logger) => buildContext(config, { logger }),
    exit: (c) => {
      code = c;
    },
  };
  const program = new Command('sent-doctor').option('--verbose').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  register(program, deps);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    code = exitCodeFor(e);
    err.push(String((e as Error).message));
  }
  return { out: out.join(''), err: err.join('\n'), code };
}

describe('sent-doctor status', () => {
  it('prints a readable explanation; exit 1 for a failed message, 0 for a delivered one', async () => {
    const { url } = await startSim();
    const env = { SENT_DM_API_KEY: TEST_KEY, SENT_BASE_URL: url };
    const failed = await run(['status', 'msg_seed_template_params'], env);
    expect(failed.code).toBe(1);
    expect(failed.out.split('\n')[0]).toBe('Message msg_seed_template_params: FAILED');
    expect(failed.out).toMatch(/\nfailure: ERR_TEMPLATE_PARAMS_INVALID/);
    expect(failed.out).toContain('expects 3 variables, 2 supplied');
    expect(failed.out).toMatch(/\nStatus: +FAILED\nChannel: +whatsapp\n/);
    expect(failed.out).toContain('Timeline (oldest first)');
    const ok = await run(['status', '45c48cce-2e2d-4fbd-a3a0-6e2a0c1b5a05'], env);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Status: +READ\nChannel: +whatsapp/);
    const blocked = await run(['status', 'msg_seed_blocked_template'], env);
    expect(blocked.code).toBe(1);
    for (const r of [failed, ok, blocked]) for (const k of ALL_SECRETS) expect(r.out + r.err).not.toContain(k);
  });

  it('--json prints exactly one JSON document', async () => {
    const { url } = await startSim();
    const r = await run(['status', 'msg_seed_algeria_sent', '--json'], { SENT_DM_API_KEY: TEST_KEY, SENT_BASE_URL: url });
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ found: true, status: 'SENT', region_code: 'DZ' });
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(1); // 30 hours at SENT with no receipt to a filtering country: a failure verdict
  });

  it('not found → exit 1 with what to check', async () => {
    const { url } = await startSim();
    const r = await run(['status', 'msg_nope'], { SENT_DM_API_KEY: TEST_KEY, SENT_BASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.out).toContain('not found');
    expect(r.out).toContain('What to check');
  });

  it('bad ID and missing key → exit 2; Sent unreachable → exit 3', async () => {
    const { url, sim } = await startSim();
    expect((await run(['status', '../../v3/me'], { SENT_DM_API_KEY: TEST_KEY, SENT_BASE_URL: url })).code).toBe(2);
    expect((await run(['status', 'msg_seed_algeria_sent'], { SENT_BASE_URL: url })).code).toBe(2);
    sim.injectFault({ fault: 'status=503', times: Infinity });
    expect((await run(['status', 'msg_seed_algeria_sent'], { SENT_DM_API_KEY: TEST_KEY, SENT_BASE_URL: url })).code).toBe(3);
    expect(sim.requests.every((q) => !q.url.includes('..'))).toBe(true);
  });

  it('statusExitCode', () => {
    const verdict = (kind: 'not_a_failure' | 'filtered' | 'not_found' | 'in_progress') => ({ message_id: 'm', kind, status: 'X', rule: 'r', cause: 'c', scenarios: [], evidenced: false, next: [] });
    const base = { message_id: 'm', looked_up_at: { base_url: 'x', key: 'y' } };
    expect(statusExitCode({ ...base, found: true, status: 'DELIVERED', verdict: verdict('not_a_failure') })).toBe(0);
    expect(statusExitCode({ ...base, found: true, status: 'SCHEDULED', verdict: verdict('in_progress') })).toBe(0);
    expect(statusExitCode({ ...base, found: true, status: 'FILTERED', verdict: verdict('filtered') })).toBe(1);
    expect(statusExitCode({ ...base, found: false, verdict: verdict('not_found') })).toBe(1);
  });
});
