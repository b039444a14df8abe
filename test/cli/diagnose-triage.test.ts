import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { cli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'sd-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('sent-doctor diagnose', () => {
  it('prints a readable diagnosis with numbered steps', async () => {
    const r = await cli(['diagnose', 'every', 'request', 'returns', 'AUTH_002']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/AUTH_002|API key/);
    expect(r.stdout).toMatch(/\n1\. /);
  });

  it('--json prints exactly one JSON document', async () => {
    const r = await cli(['diagnose', '--json', 'SMS to Algeria are silently dropped']);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenarios[0].id).toBe('sms-country-delivery');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('--explain shows why: the evidence votes and the model\'s top features', async () => {
    const r = await cli(['diagnose', '--explain', 'Meta returned 131049 for our WhatsApp order updates']);
    expect(r.stdout).toMatch(/\nWhy \(explain\)\n/);
    expect(r.stdout).toMatch(/whatsapp-131049 \+4 \(code\)/);
    expect(r.stdout).toMatch(/Top features for the answer: .*131049/);
    // --format markdown: the Markdown MCP sends.
    const md = await cli(['diagnose', '--explain', '--format', 'markdown', 'Meta returned 131049 for our WhatsApp order updates']);
    expect(md.stdout).toMatch(/### Why \(explain\)/);
    expect(md.stdout).toMatch(/`whatsapp-131049` \+4 \(code\)/);
  });

  it('reads stdin with "-"', async () => {
    const r = await cli(['diagnose', '--json', '-'], { stdin: 'does sandbox mode deliver to the phone?' });
    expect(JSON.parse(r.stdout).scenarios[0].id).toBe('sandbox-mode');
  });

  it('empty input is a usage error without a stack trace', async () => {
    const r = await cli(['diagnose', '-'], { stdin: '   ' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Nothing to diagnose/);
    expect(r.stderr).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('a bad configuration is exit 2 with a clear message', async () => {
    const r = await cli(['diagnose', 'x'], { env: { SENT_DM_API_KEY: 'sk_test_abc def' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/whitespace or quotes inside the key/);
    expect(r.stderr).not.toContain('sk_test_abc def');
  });

  it('an unknown command is a usage error', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
  });
});

describe('sent-doctor triage', () => {
  const jsonl = file(
    'tickets.jsonl',
    [
      JSON.stringify({ id: 't1', text: 'every request returns AUTH_002' }),
      'this line is not JSON',
      JSON.stringify({ id: 't3', text: 'SMS to Algeria are silently dropped' }),
      JSON.stringify({ id: 't4' }),
      '',
      JSON.stringify({ id: 't5', text: 'does sandbox mode deliver to the phone?' }),
    ].join('\n'),
  );

  it('--json: one result per input row, in order; bad rows reported, not fatal', async () => {
    const r = await cli(['triage', jsonl, '--json']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.id)).toEqual(['t1', 'line 2', 't3', 't4', 't5']);
    expect(rows[0].scenarios[0].id).toBe('auth-invalid-api-key');
    expect(rows[1].error).toMatch(/not valid JSON/);
    expect(rows[2].scenarios[0].id).toBe('sms-country-delivery');
    expect(rows[3].error).toMatch(/missing "text"/);
    expect(rows[4].scenarios[0].id).toBe('sandbox-mode');
    expect(r.stderr).toMatch(/row 2 .*skipped/);
  });

  it('--explain adds why to each row', async () => {
    const r = await cli(['triage', jsonl, '--json', '--explain']);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[0].explain.votes.length + rows[0].explain.features.length).toBeGreaterThan(0);
    expect(rows[0].explain.model[0].label).toBe('auth-invalid-api-key');
  });

  it('human mode ends with a count per scenario', async () => {
    const r = await cli(['triage', jsonl]);
    expect(r.stdout).toMatch(/5 rows, 3 triaged, 2 skipped/);
    expect(r.stdout).toMatch(/1\s+auth-invalid-api-key/);
  });

  it('reads CSV with quoted, multi-line text and writes CSV', async () => {
    const csv = file('export.csv', 'id,text\nc1,"Meta returned 131049 for our order updates"\nc2,"line one\nmessages come from a shared short code instead of our toll-free number, ""urgent"""\n');
    const r = await cli(['triage', csv, '--csv']);
    // The input's columns, then what triage adds (test/cli/triage-export.test.ts covers the rest).
    expect(r.stdout.split('\n')[0]).toBe('id,text,scenario,confidence,conclusive,cause,question,error');
    const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.id, x.scenario])).toEqual([['c1', 'whatsapp-131049'], ['c2', 'wrong-sender-number']]);
  });

  it('a missing file is a usage error', async () => {
    const r = await cli(['triage', join(dir, 'nope.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot read/);
  });
});
