/** `sent-doctor triage` on real help-desk exports: ids kept, CSV back into their tools, errors, the report. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';
import { SENT_KEYS } from '../helpers/secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'sd-triage-'));
const file = (name: string, body: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};
const ESC = '\u001b';

describe('triage: exports as help desks write them', () => {
  const zendeskCsv = file(
    'zendesk.csv',
    '"Ticket ID","Subject","Description","Requester"\n' +
      '"4711","SMS to Algeria","Our SMS to Algeria are silently dropped","ana@example.com"\n' +
      '"4712","Key problem","every request returns AUTH_002","bo@example.com"\n' +
      '"4713","Sandbox?","does sandbox mode deliver to the phone?","cy@example.com"\n',
  );

  it('a Zendesk-style CSV (issue 13): every row triaged under its own ticket id', async () => {
    const r = await cli(['triage', zendeskCsv, '--json']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.id, x.scenarios[0].id])).toEqual([
      ['4711', 'sms-country-delivery'],
      ['4712', 'auth-invalid-api-key'],
      ['4713', 'sandbox-mode'],
    ]);
    expect(r.stderr).toMatch(/id "Ticket ID"; text "Subject" \+ "Description"/);
    expect(r.stderr).toMatch(/3 rows, 3 triaged, 0 skipped\. By scenario: .*1 sms-country-delivery/);
  });

  it('--csv: the input columns, then scenario, confidence, conclusive, cause and question, in the input delimiter', async () => {
    const r = await cli(['triage', zendeskCsv, '--csv']);
    const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['Ticket ID', 'Subject', 'Description', 'Requester', 'scenario', 'confidence', 'conclusive', 'cause', 'question', 'error']);
    expect(rows[0]).toMatchObject({ 'Ticket ID': '4711', Requester: 'ana@example.com', scenario: 'sms-country-delivery', conclusive: 'true' });
    expect(rows[0]!.cause).toMatch(/^Most likely: SMS not delivered/);
    const semi = file('semi.csv', 'Conversation ID;Subject;First Message\n77;Hi;"SMS to Algeria are silently dropped; help"\n');
    const s = await cli(['triage', semi, '--csv']);
    expect(s.stdout.split('\n')[0]).toBe('Conversation ID;Subject;First Message;scenario;confidence;conclusive;cause;question;error');
    expect(s.stdout.split('\n')[1]).toMatch(/^77;Hi;"SMS to Algeria are silently dropped; help";sms-country-delivery;/);
  });

  it('--csv is spreadsheet-safe: = + - @ tab and CR at the start of a cell are neutralised (issue 16)', async () => {
    const p = file(
      'formula.csv',
      'id,text,note\n' +
        '=HYPERLINK("http://x"),SMS to Algeria are silently dropped,+1 555\n' +
        '@SUM(A1),"-2+3","\tx"\n' +
        '"\rcr",every request returns AUTH_002,ok\n',
    );
    const r = await cli(['triage', p, '--csv']);
    const rows = parseCsv(r.stdout, { columns: true, relax_quotes: true }) as Record<string, string>[];
    for (const row of rows) for (const v of Object.values(row)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[0]!.id).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[0]!.note).toBe(`'+1 555`);
    expect(rows[1]).toMatchObject({ id: `'@SUM(A1)`, text: `'-2+3`, note: `'\tx` });
  });

  it('no text column: exit 2 with the headers and the flag, and no line per row', async () => {
    const p = file('notext.csv', 'Ticket ID,Status,Priority\n' + Array.from({ length: 50 }, (_, i) => `${i},open,high`).join('\n'));
    const r = await cli(['triage', p]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/No text column found .*"Ticket ID", "Status", "Priority"/);
    expect(r.stderr).toMatch(/--text-column "/);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    const fixed = await cli(['triage', p, '--text-column', 'status', '--id-column', 'TICKET ID', '--json']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout.trim().split('\n')).toHaveLength(50);
  });

  it('a file that is not text: exit 2 with the cause and the fix', async () => {
    const p = file('win.csv', Buffer.from('Ticket ID;Subject\n1;Caf\xe9 cr\xe8me\n', 'latin1'));
    const r = await cli(['triage', p, '--csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*not UTF-8 text.*\nfix: .+\n$/);
  });

  it('terminal escape sequences in ticket ids never reach the terminal (issue 16)', async () => {
    const ids = [`${ESC}[31mred${ESC}[0m`, `${ESC}]8;;http://evil.example${ESC}\\link${ESC}]8;;${ESC}\\`, `bell\u0007\u009b31m`, `${ESC}]0;title\u0007x`];
    const body = ids.map((id, i) => JSON.stringify({ id, text: i === 1 ? '' : 'SMS to Algeria are silently dropped' })).join('\n');
    const p = file('esc.jsonl', body);
    for (const mode of [[], ['--json'], ['--csv']]) {
      const r = await cli(['triage', p, ...mode]);
      expect(r.code).toBe(0);
      for (const out of [r.stdout, r.stderr]) {
        expect(out).not.toMatch(/[\u001b\u0007\u009b]/);
        expect(out).not.toContain('http://evil.example');
      }
    }
    const r = await cli(['triage', p, '--json']);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['red', 'link', 'bell', 'x']);
  });

  it('a key typed as a ticket id is redacted on stdout and stderr', async () => {
    const key = SENT_KEYS.extractFake;
    const p = file('key.jsonl', [JSON.stringify({ id: key, text: 'SMS to Algeria are silently dropped' }), JSON.stringify({ id: `x${key}` })].join('\n'));
    for (const mode of [[], ['--json'], ['--csv']]) {
      const r = await cli(['triage', p, ...mode]);
      expect(r.stdout + r.stderr).not.toContain(key);
      expect(r.stdout + r.stderr).toMatch(/sk_live_…abcd/);
    }
  });

  it('the summary line counts by scenario and names the not-conclusive queue', async () => {
    const p = file(
      'mixed.jsonl',
      [
        { id: 'a1', text: 'SMS to Algeria are silently dropped' },
        { id: 'a2', text: 'SMS to Algeria are silently dropped, nothing arrives' },
        { id: 'q1', text: 'hello?' },
        { id: 'q2', text: 'How much does one message cost?' },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const r = await cli(['triage', p]);
    const last = r.stdout.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^4 rows, 4 triaged, 0 skipped\. By scenario: .*\b2 sms-country-delivery\b/);
    expect(last).toMatch(/Not conclusive \(\d\): .*q2/);
    expect(last).not.toMatch(/Not conclusive.*a1/);
  });

  it('--html writes one self-contained report; stdout keeps its format', async () => {
    const out = join(dir, 'report.html');
    const p = file(
      'zd.json',
      JSON.stringify({
        url: 'https://acme.zendesk.com/api/v2/tickets/9.json',
        id: 9,
        subject: '<script>alert(1)</script>',
        description: `SMS to Algeria are silently dropped. Call me on +213 555 12 34 56. Key ${SENT_KEYS.extractFake}`,
      }) + '\n',
    );
    const r = await cli(['triage', p, '--html', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe('9');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain(SENT_KEYS.extractFake);
    expect(html).not.toMatch(/555 12 34 56/);
    expect(html).toContain('href="https://acme.zendesk.com/agent/tickets/9"');
    // Nothing is fetched: no src= at all, links only to the help desk and to anchors.
    expect(html).not.toMatch(/\ssrc=/i);
    expect([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).filter((h) => !h!.startsWith('#'))).toEqual(['https://acme.zendesk.com/agent/tickets/9']);
    expect(html).toContain("default-src 'none'");
  });

  it('--html to a path that cannot be written is a usage error', async () => {
    const r = await cli(['triage', zendeskCsv, '--html', join(dir, 'no', 'such', 'dir', 'r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot write the report/);
  });
});
