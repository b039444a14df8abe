/**
 * `sent-doctor checkup [--json]` in-process against the stand-in Sent API: the human checklist,
 * the one-JSON-document contract, exit codes 0/1/2/3, and the key never in any output.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { cli } from './run.js';
import { fingerprint } from '../../tools/domain/redact.js';
import { CLEAN_KEY, MESSY_KEY, startStandIn, STANDIN_KEYS, WRONG_KEY, type StandIn, type StandInOptions } from '../tools/checkup-standin.js';

let s: StandIn | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function checkup(key: string | undefined, args: string[] = [], o: StandInOptions = {}) {
  s = await startStandIn(o);
  const env: Record<string, string> = { SENT_BASE_URL: s.url, SENT_MAX_RETRIES: '0', SENT_TIMEOUT_MS: '3000' };
  if (key) env.SENT_DM_API_KEY = key;
  const r = await cli(['checkup', ...args], { env });
  for (const k of STANDIN_KEYS) {
    expect(r.stdout).not.toContain(k);
    expect(r.stderr).not.toContain(k);
  }
  return r;
}

describe('sent-doctor checkup', () => {
  test('human output: a checklist with the fix under each problem; exit 1 when a check fails', async () => {
    const r = await checkup(MESSY_KEY);
    expect(r.code).toBe(1);
    const out = r.stdout;
    // The same checklist MCP sends, rendered for the terminal: problems first, each with its fix.
    expect(out).toMatch(/^Account checkup\n\n3 failed, 3 warnings, 7 passed, 0 skipped\.\n/);
    expect(out).toContain(`✓ API key (pass) — Sent accepts the key ${fingerprint(MESSY_KEY)}`);
    expect(out).toMatch(/✗ Rejected templates \(fail\) — .*"welcome_offer"/);
    expect(out).toMatch(/! Templates waiting for review \(warn\) — .*pending for 3 days/);
    expect(out).toMatch(/✗ US 10DLC campaign \(fail\) — [^\n]*EXPIRED[^\n]*\n {2}Fix: Register [^\n]*\n {2}Scenario: compliance-10dlc/);
    expect(out).toMatch(/✗ Webhooks switched off \(fail\) — .*\n {2}Fix: /);
    // Passing checks carry no fix.
    expect(out).not.toMatch(/✓ [^\n]*\n {2}Fix:/);
    expect(out.indexOf('(fail)')).toBeLessThan(out.indexOf('(pass)'));
    expect(out).toMatch(/\nChecked at http:\/\/127\.0\.0\.1:\d+ with key sk_\w+…\w{4}\.\n$/);
    expect(r.stderr).toBe('');
  });

  test('--json: exactly one JSON document with checks and summary; exit 0 for the clean account', async () => {
    const r = await checkup(CLEAN_KEY, ['--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc).sort()).toEqual(['checks', 'summary']);
    expect(Object.keys(doc.summary).sort()).toEqual(['fail', 'pass', 'skip', 'warn']);
    expect(doc.summary.fail).toBe(0);
    for (const c of doc.checks) {
      expect(['pass', 'warn', 'fail', 'skip']).toContain(c.status);
      expect(typeof c.id).toBe('string');
      expect(typeof c.title).toBe('string');
      expect(typeof c.detail).toBe('string');
    }
  });

  test('--json for the messy account: the scenarios, exit 1', async () => {
    const r = await checkup(MESSY_KEY, ['--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const by = Object.fromEntries(doc.checks.map((c: { id: string }) => [c.id, c]));
    expect(by['templates.rejected']).toMatchObject({ status: 'fail', scenario: 'whatsapp-template-issues' });
    expect(by['templates.pending']).toMatchObject({ status: 'warn', scenario: 'whatsapp-template-issues' });
    expect(by['webhooks.active']).toMatchObject({ status: 'fail' });
    expect(by['sms.us_10dlc']).toMatchObject({ status: 'fail', scenario: 'compliance-10dlc' });
    expect(by['channels.whatsapp_routing']).toMatchObject({ status: 'warn', scenario: 'sms-only-mode' });
  });

  test('a wrong key: AUTH_002 on the key check, exit 1', async () => {
    const r = await checkup(WRONG_KEY, ['--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.checks[0]).toMatchObject({ id: 'key', status: 'fail' });
    expect(doc.checks[0].detail).toContain('AUTH_002');
  });

  test('a 403 on one endpoint: those checks are skipped with the reason, the run goes on', async () => {
    const r = await checkup(CLEAN_KEY, [], { forbid: ['/v3/templates'] });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/– Rejected templates \(skip\) — Not checked: Sent answered GET \/v3\/templates with 403 AUTH_004/);
  });

  test('Sent down mid-run: exit 3, and --json still prints one JSON document', async () => {
    const human = await checkup(MESSY_KEY, [], { dieOn: '/v3/webhooks' });
    expect(human.code).toBe(3);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/^error: Could not reach Sent/);
    const json = await checkup(MESSY_KEY, ['--json'], { dieOn: '/v3/templates' });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { kind: 'unreachable' } });
  });

  test('no key configured: a configuration error, exit 2', async () => {
    const r = await checkup(undefined);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a Sent API key/);
    expect(s!.requests).toEqual([]);
  });
});
