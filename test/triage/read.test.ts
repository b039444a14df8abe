/** Reading help-desk exports: formats, column detection, overrides, and files that are not text. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openExport, type TriageRow } from '../../src/triage/bulk.js';
import { chooseColumns, normaliseName } from '../../src/triage/columns.js';
import { sniffDelimiter } from '../../src/triage/read.js';
import { InputError } from '../../tools/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'sd-read-'));
let k = 0;
const file = (name: string, body: string | Buffer) => {
  const p = join(dir, `${k++}-${name}`);
  writeFileSync(p, body);
  return p;
};
async function rowsOf(path: string, opts = {}): Promise<TriageRow[]> {
  const out: TriageRow[] = [];
  for await (const r of (await openExport(path, opts)).rows) out.push(r);
  return out;
}

const zendeskTicket = {
  url: 'https://acme.zendesk.com/api/v2/tickets/101.json',
  id: 101,
  subject: 'SMS to Algeria not delivered',
  description: 'Our texts to Algeria never arrive.',
  requester_id: 7,
  comments: [
    { id: 1, author_id: 7, plain_body: 'Our texts to Algeria never arrive.', public: true, created_at: '2025-01-01T10:00:00Z' },
    { id: 2, author_id: 99, plain_body: 'AGENT REPLY: have you checked the sender?', public: true, created_at: '2025-01-01T11:00:00Z' },
    { id: 4, author_id: 7, body: '<p>They stay at <b>sent</b> forever.</p>', public: true, created_at: '2025-01-01T13:00:00Z' },
    { id: 3, author_id: 99, plain_body: 'PRIVATE NOTE', public: false, created_at: '2025-01-01T12:00:00Z' },
  ],
};

describe('JSON exports', () => {
  it('Zendesk full export (one ticket a line): subject, description, then the customer comments only; the agent link', async () => {
    const [r] = await rowsOf(file('zd.json', JSON.stringify(zendeskTicket) + '\n'));
    expect(r!.id).toBe('101');
    expect(r!.url).toBe('https://acme.zendesk.com/agent/tickets/101');
    expect(r!.text).toBe('SMS to Algeria not delivered\n\nOur texts to Algeria never arrive.\n\nThey stay at sent forever.');
    expect(r!.text).not.toMatch(/AGENT|PRIVATE/);
  });

  it('the customer first message comes first even when the export has no description', async () => {
    const t = { id: 5, subject: 'Help', requester_id: 7, comments: [{ author_id: 7, plain_body: 'second', created_at: '2025-01-02T00:00:00Z' }, { author_id: 7, plain_body: 'first', created_at: '2025-01-01T00:00:00Z' }] };
    const [r] = await rowsOf(file('zd.jsonl', JSON.stringify(t)));
    expect(r!.text).toBe('Help\n\nfirst\n\nsecond');
  });

  it('the Zendesk API shape {"tickets":[…]}, pretty-printed, and one page a line', async () => {
    const doc = { tickets: [zendeskTicket, { ...zendeskTicket, id: 102 }], next_page: null, count: 2 };
    expect((await rowsOf(file('api.json', JSON.stringify(doc, null, 2)))).map((r) => r.id)).toEqual(['101', '102']);
    const pages = [JSON.stringify(doc), JSON.stringify({ tickets: [{ ...zendeskTicket, id: 103 }] })].join('\n');
    expect((await rowsOf(file('pages.json', pages))).map((r) => r.id)).toEqual(['101', '102', '103']);
    expect((await openExport(file('arr.json', JSON.stringify([zendeskTicket])))).format).toBe('json');
  });

  it('a JSON lines export starting with a BOM keeps its first row (issue 16)', async () => {
    const body = '\uFEFF' + [JSON.stringify({ id: 'first', text: 'SMS to Algeria never arrive' }), JSON.stringify({ id: 'second', text: 'x' })].join('\n');
    const rows = await rowsOf(file('bom.jsonl', body));
    expect(rows.map((r) => [r.id, r.error])).toEqual([
      ['first', undefined],
      ['second', undefined],
    ]);
  });

  it('--id-column / --text-column name JSON fields', async () => {
    const t = { ref: 'T-9', title: 'ignored', body_text: 'the real text', notes: 'more' };
    const [r] = await rowsOf(file('o.json', JSON.stringify(t)), { idColumn: 'Ref', textColumns: ['body_text', 'NOTES'] });
    expect(r!.id).toBe('T-9');
    expect(r!.text).toBe('the real text\n\nmore');
  });

  it('Intercom- and Help Scout-style parts: only the customer speaks', async () => {
    const t = {
      id: 'c1',
      title: 'Subject',
      conversation_parts: { conversation_parts: [{ author: { type: 'admin' }, body: 'agent' }, { author: { type: 'user' }, body: '<p>customer &amp; co</p>' }] },
    };
    const [r] = await rowsOf(file('ic.json', JSON.stringify(t)));
    expect(r!.text).toBe('Subject\n\ncustomer & co');
  });
});

describe('CSV exports', () => {
  it('sniffs , ; and tab, outside quotes', () => {
    expect(sniffDelimiter('"a;b",c,d\n')).toBe(',');
    expect(sniffDelimiter('"a,b";c;d\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc, d\n')).toBe('\t');
    expect(sniffDelimiter('text\n')).toBe(',');
  });

  it('BOM, CRLF, ";" and quoted multi-line fields', async () => {
    const body = '\uFEFF"Conversation ID";"Subject";"First Message"\r\n2398;"SMS, Italy";"line one\r\nline ""two"""\r\n2399;Key;"401 on every call"\r\n';
    const opened = await openExport(file('hs.csv', body));
    expect(opened.delimiter).toBe(';');
    expect(opened.columns).toEqual(['Conversation ID', 'Subject', 'First Message']);
    const rows: TriageRow[] = [];
    for await (const r of opened.rows) rows.push(r);
    expect(rows.map((r) => r.id)).toEqual(['2398', '2399']);
    expect(rows[0]!.text).toBe('SMS, Italy\n\nline one\r\nline "two"');
  });

  it("Excel's sep= line and tab-separated files", async () => {
    expect((await rowsOf(file('sep.csv', 'sep=;\nid;text\n1;hello\n'))).map((r) => r.text)).toEqual(['hello']);
    expect((await rowsOf(file('t.tsv', 'Ticket ID\tSubject\tDescription\n7\tHi\tBody\n')))[0]).toMatchObject({ id: '7', text: 'Hi\n\nBody' });
  });

  it('--id-column and --text-column (repeatable) override detection; an unknown name lists the headers', async () => {
    const p = file('o.csv', 'Ref,Notes,Extra,Subject\nR1,first,second,ignored\n');
    expect((await rowsOf(p, { idColumn: 'ref', textColumns: ['Extra', 'notes'] }))[0]).toMatchObject({ id: 'R1', text: 'second\n\nfirst' });
    await expect(openExport(p, { textColumns: ['Body'] })).rejects.toThrow(/No column "Body".*"Ref", "Notes", "Extra", "Subject"/);
  });

  it('no text column: a usage error naming the headers and the flag, before any row', async () => {
    const p = file('none.csv', 'Ticket ID,Status,Priority\n1,open,high\n2,open,low\n');
    const e = await openExport(p).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(/No text column found .*"Ticket ID", "Status", "Priority"/);
    expect((e as InputError).hint).toMatch(/--text-column "/);
  });

  it('Jira: Issue key, Summary + Description, and only the reporter comments', async () => {
    const body =
      'Summary,Issue key,Issue id,Description,Reporter Id,Comment,Comment\n' +
      'SMS fail,SUP-12,10012,"Texts to Peru fail",557058:aa,"01/Feb/25 10:00 AM;557058:bb;AGENT asks for ids","01/Feb/25 11:00 AM;557058:aa;msg ids attached"\n';
    const [r] = await rowsOf(file('jira.csv', body));
    expect(r).toMatchObject({ id: 'SUP-12', text: 'SMS fail\n\nTexts to Peru fail\n\nmsg ids attached' });
  });
});

describe('column detection by help desk (case-insensitive)', () => {
  const pick = (headers: string[]) => {
    const c = chooseColumns(headers);
    return { id: c.id === undefined ? undefined : headers[c.id], text: [c.subject, ...c.body].flatMap((i) => (i === undefined ? [] : [headers[i]])), url: c.url === undefined ? undefined : headers[c.url] };
  };
  it.each([
    ['Zendesk', ['Id', 'Requester', 'Subject', 'Status', 'Tags', 'Created at'], 'Id', ['Subject']],
    ['Zendesk (issue 13)', ['Ticket ID', 'Subject', 'Description', 'Requester'], 'Ticket ID', ['Subject', 'Description']],
    ['Freshdesk', ['Ticket ID', 'Subject', 'Description', 'Status', 'Priority', 'Agent'], 'Ticket ID', ['Subject', 'Description']],
    ['Help Scout', ['Conversation ID', 'Number', 'Subject', 'Customer', 'Preview'], 'Conversation ID', ['Subject', 'Preview']],
    ['Intercom', ['Conversation ID', 'Conversation title', 'First message', 'Conversation URL'], 'Conversation ID', ['Conversation title', 'First message']],
    ['Front', ['Message ID', 'Conversation ID', 'Subject', 'Body', 'Direction'], 'Conversation ID', ['Subject', 'Body']],
    ['HubSpot', ['Ticket ID', 'Ticket name', 'Ticket description', 'Pipeline'], 'Ticket ID', ['Ticket name', 'Ticket description']],
    ['Jira Service Management', ['Summary', 'Issue key', 'Issue id', 'Description'], 'Issue key', ['Summary', 'Description']],
    ['snake_case', ['ticket_id', 'SUBJECT', 'description'], 'ticket_id', ['SUBJECT', 'description']],
    ['plain', ['id', 'text'], 'id', ['text']],
  ])('%s', (_name, headers, id, text) => {
    expect(pick(headers)).toMatchObject({ id, text });
  });
  it('normalises names', () => {
    expect(normaliseName('\uFEFFTicket_ID')).toBe('ticket id');
    expect(normaliseName('ticketId')).toBe('ticket id');
  });
});

describe('files that are not a text export', () => {
  it.each([
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /not a text file/],
    ['UTF-16', Buffer.from('\uFEFFid,text\n1,hi\n', 'utf16le'), /UTF-16/],
    ['Latin-1', Buffer.from('id,text\n1,caf\xe9 d\xe9j\xe0 vu\n', 'latin1'), /not UTF-8 text/],
    ['empty', Buffer.alloc(0), /is empty/],
  ])('%s is refused with one line', async (_n, body, re) => {
    const e = await openExport(file('bad.csv', body)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(re);
    expect((e as InputError).message).not.toMatch(/\n/);
    expect((e as InputError).hint).toBeUndefined();
  });
});
