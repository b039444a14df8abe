/** A real MCP Client over InMemoryTransport against createMcpServer: tools, errors, resources, prompts, completion, logging. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, LoggingMessageNotificationSchema, McpError, type LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import { TOOLS } from '../../tools/index.js';
import type { ListeningSimulator } from '../../src/simulator/index.js';
import { hasRenderer } from '../../src/render/markdown.js';
import { makeTestContext } from '../helpers/context.js';
import { connect, contextFor, expectNoSecrets, SECRETS, startSimulator, textOf } from './setup.js';

let sim: ListeningSimulator;
let client: Client;
let closeClient: () => Promise<void>;
const ctx = () => contextFor(sim.url);
let logLines: string[];
const outputs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator();
  const c = ctx();
  logLines = c.logLines;
  ({ client, close: closeClient } = await connect(c));
});
afterAll(async () => {
  await closeClient();
  await sim.close();
  // Nothing any test received or logged may contain a secret.
  expectNoSecrets(outputs.join('\n'));
  expectNoSecrets(logLines.join('\n'));
});

async function call(name: string, args: Record<string, unknown>, c: Client = client) {
  const r = await c.callTool({ name, arguments: args });
  outputs.push(JSON.stringify(r));
  return r as { content: Array<{ type: string; text: string }>; structuredContent?: Record<string, any>; isError?: boolean };
}

async function protocolError(p: Promise<unknown>): Promise<McpError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(McpError);
  return e as McpError;
}

describe('tools/list', () => {
  it('lists every registry tool once, with input and output schemas and complete annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    expect(tools.map((t) => t.name).sort()).toEqual(['check_account', 'check_api_key', 'diagnose', 'get_coverage', 'lookup_message', 'recent_failures', 'search_knowledge', 'validate_payload']);
    for (const t of tools) {
      expect(t.description?.length).toBeGreaterThan(40);
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
      expect(t.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(typeof t.annotations?.openWorldHint).toBe('boolean');
      expect(t.title).toBeTruthy();
      expect(hasRenderer(t.name), `renderer for ${t.name}`).toBe(true);
    }
  });

  it('marks the tools that call the Sent API as open-world and the offline ones as closed', async () => {
    const { tools } = await client.listTools();
    const open = Object.fromEntries(tools.map((t) => [t.name, t.annotations?.openWorldHint]));
    expect(open).toEqual({
      diagnose: true,
      lookup_message: true,
      validate_payload: true,
      check_api_key: true,
      get_coverage: false,
      search_knowledge: false,
      check_account: true,
      recent_failures: false,
    });
  });

  it('keeps the public contract (schemas, descriptions, annotations) in a reviewed snapshot', async () => {
    const { tools } = await client.listTools();
    await expect(JSON.stringify(tools, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/tools-list.json');
  });

  it('sends instructions with the three rules', () => {
    const i = client.getInstructions() ?? '';
    expect(i).toMatch(/before you say anything about whether it was sent, delivered or failed/);
    expect(i).toMatch(/Never ask a user to paste an API key/);
    expect(i).toMatch(/Mask phone numbers/);
  });
});

describe('tools/call: every tool', () => {
  it('diagnose: looks the message up, ranks the scenario, and renders summary, steps and verify as Markdown', async () => {
    const progress: Array<{ progress: number; total?: number; message?: string }> = [];
    const r = (await client.callTool(
      { name: 'diagnose', arguments: { text: 'Our SMS to +213551234567 in Algeria never arrived. Message msg_seed_algeria_sent, and also msg_seed_route_denied.', detail: 'full' } },
      undefined,
      { onprogress: (p) => void progress.push(p) },
    )) as Awaited<ReturnType<typeof call>>;
    outputs.push(JSON.stringify(r));
    expect(r.isError).toBeFalsy();
    const d = r.structuredContent!;
    expect(d.scenarios[0].id).toBe('sms-country-delivery');
    expect(d.lookups.map((l: { message_id: string }) => l.message_id).sort()).toEqual(['msg_seed_algeria_sent', 'msg_seed_route_denied']);
    const md = textOf(r);
    expect(md).toMatch(/^## Diagnosis/);
    expect(md).toMatch(/\*\*Most likely: .+\*\* — \d+% confidence/);
    expect(md).toMatch(/\n1\. .+\n2\. /);
    expect(md).toContain('**Verify:**');
    expect(md).toContain('`msg_seed_algeria_sent`: **SENT**');
    // The number the user wrote is masked in the shared rendering.
    expect(md).not.toContain('551234567');
    // One progress notification per lookup, counting up to the total.
    expect(progress.map((p) => p.progress)).toEqual([1, 2]);
    expect(progress.every((p) => p.total === 2)).toBe(true);
  });

  it('diagnose: brief by default: the same answer, the prose once in the text and the data in structuredContent', async () => {
    await client.listTools(); // the client checks structuredContent against the listed outputSchema
    const text = 'Our SMS to +213551234567 in Algeria never arrived. Message msg_seed_algeria_sent, and also msg_seed_route_denied.';
    const brief = await call('diagnose', { text });
    const full = await call('diagnose', { text, detail: 'full' });
    expect(brief.isError).toBeFalsy();
    const b = brief.structuredContent!;
    const f = full.structuredContent!;
    expect(b.detail).toBe('brief');
    // The same answer: the ranking, the verdicts and conclusiveness.
    expect(b.scenarios).toEqual(f.scenarios.map((s: { id: string; confidence: number }) => ({ id: s.id, confidence: s.confidence })));
    expect(b.messages.map((m: { kind?: string }) => m.kind)).toEqual(f.messages.map((m: { verdict?: { kind: string } }) => m.verdict?.kind));
    expect(b.conclusive).toBe(f.conclusive);
    const md = textOf(brief);
    // Each message's cause, the top scenario's numbered steps and how to verify, in the text.
    for (const m of f.messages) expect(md).toContain(m.verdict.cause.slice(0, 40));
    expect(md).toMatch(/\n1\. .+\n2\. /);
    expect(md).toContain('**Verify:**');
    expect(md).not.toContain('551234567');
    // No sentence is said twice: not in the text, not between the text and structuredContent.
    const lines = md.split('\n').filter((l) => l.length > 40);
    expect(new Set(lines).size).toBe(lines.length);
    const json = JSON.stringify(b);
    for (const l of lines) expect(json).not.toContain(l.slice(0, 40));
    expect(md.length + json.length).toBeLessThan((textOf(full).length + JSON.stringify(f).length) / 2);
  });

  it('diagnose: an unknown detail is an input error', async () => {
    const r = await call('diagnose', { text: 'SMS to Algeria', detail: 'medium' });
    expect(r.isError).toBe(true);
  });

  it('lookup_message: the record, the timeline oldest first and the findings', async () => {
    const r = await call('lookup_message', { message_id: 'msg_seed_algeria_sent' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ found: true, status: 'SENT', channel: 'sms', region_code: 'DZ' });
    const md = textOf(r);
    expect(md).toMatch(/^## Message `msg_seed_algeria_sent`: SENT/);
    expect(md).toMatch(/### Timeline \(oldest first\)\n\n1\. .+QUEUED/);
    expect(md).toMatch(/No delivery receipt 30 hours after SENT/);
    expect(md).toMatch(/\+213 •+\d\d/);
  });

  it('lookup_message: an unknown ID is a result (found=false) with what to check, not an error', async () => {
    const r = await call('lookup_message', { message_id: 'msg_does_not_exist_42' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ found: false });
    expect(textOf(r)).toMatch(/not found[\s\S]*### What to check\n\n1\. /);
  });

  it('validate_payload: findings with fixes and the corrected payload', async () => {
    const payload = { to: ['213551234567'], channel: 'WhatsApp', template: { id: 'tmpl_order_update' } };
    const r = await call('validate_payload', { payload: JSON.stringify(payload) });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent!.valid).toBe(false);
    const md = textOf(r);
    expect(md).toMatch(/^## Payload check\n\n\*\*Not valid:\*\* \d+ error/);
    expect(md).toMatch(/Fix: /);
    expect(md).toContain('### Corrected payload');
    expect(md).toContain('"channel": "whatsapp"');
  });

  it('check_api_key: the configured key by fingerprint only, checked with Sent', async () => {
    const r = await call('check_api_key', {});
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ source: 'config', live: { valid: true, checked: true } });
    expect(textOf(r)).toMatch(/^## API key sk_test_…/);
  });

  it('check_api_key: a pasted key with a "Bearer " prefix is caught offline and never echoed', async () => {
    const r = await call('check_api_key', { api_key: `Bearer ${SECRETS.pastedKey}` });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent!.format.ok).toBe(false);
    expect(JSON.stringify(r)).toContain(`…${SECRETS.pastedKey.slice(-4)}`);
  });

  it('get_coverage: the country rules with sources and date', async () => {
    const r = await call('get_coverage', { country: 'Algeria' });
    expect(r.structuredContent).toMatchObject({ iso2: 'DZ', calling_code: '+213' });
    const md = textOf(r);
    expect(md).toMatch(/^## SMS coverage: Algeria \(DZ, \+213\)/);
    expect(md).toContain('**Recommended sender:**');
    expect(md).toMatch(/### Sources\n\n- https?:\/\//);
  });

  it('check_account: the demo account checkup as structured checks and a Markdown checklist, problems first', async () => {
    const r = await call('check_account', {});
    expect(r.isError).toBeFalsy();
    const out = r.structuredContent!;
    expect(Object.keys(out).sort()).toEqual(['checks', 'summary']);
    const by = Object.fromEntries(out.checks.map((c: { id: string }) => [c.id, c]));
    expect(by['templates.rejected']).toMatchObject({ status: 'fail', scenario: 'whatsapp-template-issues' });
    expect(by['sms.us_10dlc']).toMatchObject({ status: 'fail', scenario: 'compliance-10dlc' });
    expect(by['webhooks.active']).toMatchObject({ status: 'fail' });
    expect(out.summary.fail).toBe(3);
    const md = textOf(r);
    expect(md).toMatch(/^## Account checkup\n\n\*\*3 failed\*\*/);
    expect(md).toMatch(/- \*\*✗ [^\n]+\n  \*\*Fix:\*\* /);
    expect(md).toContain('Scenario: `compliance-10dlc`');
  });

  it('search_knowledge: ranked entries and the steps of the best one', async () => {
    const r = await call('search_knowledge', { query: 'whatsapp 131049 not delivered' });
    expect(r.structuredContent!.results[0].id).toBe('whatsapp-131049');
    expect(textOf(r)).toMatch(/^## Knowledge base: \d+ results?\n\n1\. \*\*.+\*\* \(`whatsapp-131049`/);
  });
});

describe('tools/call: errors', () => {
  it('an unknown tool is a protocol error (InvalidParams), not a tool result', async () => {
    const e = await protocolError(client.callTool({ name: 'delete_everything', arguments: {} }));
    expect(e.code).toBe(ErrorCode.InvalidParams);
    expect(e.message).toMatch(/Unknown tool "delete_everything"/);
  });

  it('a malformed tools/call request is a protocol error', async () => {
    const { CallToolResultSchema } = await import('@modelcontextprotocol/sdk/types.js');
    const noName = await protocolError(client.request({ method: 'tools/call', params: { arguments: {} } } as never, CallToolResultSchema));
    expect(noName.code).toBe(ErrorCode.InvalidParams);
    const badArgs = await protocolError(client.request({ method: 'tools/call', params: { name: 'diagnose', arguments: 'text' } } as never, CallToolResultSchema));
    expect(badArgs.code).toBe(ErrorCode.InvalidParams);
  });

  it('arguments that break the input schema are a tool error the model can correct', async () => {
    const r = await call('diagnose', { text: '' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/Invalid input for diagnose at text/);
  });

  it('a DoctorError becomes isError with the safe message and a recovery hint', async () => {
    const r = await call('lookup_message', { message_id: '../../etc/passwd' });
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toBeUndefined();
    const md = textOf(r);
    expect(md).toMatch(/^\*\*lookup_message failed \(input\):\*\* ".+" is not a Sent message ID/);
    expect(md).toMatch(/\*\*What to do:\*\* A message ID is a UUID/);
  });

  it('without a key, lookup_message says a key is needed (and the other tools still work)', async () => {
    const offline = await connect(makeTestContext());
    try {
      const r = await call('lookup_message', { message_id: 'msg_seed_algeria_sent' }, offline.client);
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/No Sent API key is configured[\s\S]*What to do:\*\* Set SENT_DM_API_KEY/);
      const d = await call('diagnose', { text: 'msg_seed_algeria_sent never arrived in Algeria' }, offline.client);
      expect(d.isError).toBeFalsy();
      expect(textOf(d)).toMatch(/Message msg_seed_algeria_sent was not looked up: no Sent API key is configured/);
    } finally {
      await offline.close();
    }
  });

  it('Sent unreachable is a tool error with a hint, never a raw upstream body', async () => {
    const dead = await startSimulator();
    const url = dead.url;
    await dead.close();
    const c = contextFor(url);
    const conn = await connect(c);
    try {
      const r = await call('lookup_message', { message_id: 'msg_seed_algeria_sent' }, conn.client);
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/^\*\*lookup_message failed \(unreachable\):\*\*/);
    } finally {
      await conn.close();
    }
  });

  it('an unexpected failure gives a generic message; the detail goes to the server log only', async () => {
    const base = makeTestContext();
    const broken = makeTestContext({
      knowledge: {
        ...base.knowledge,
        search: () => {
          throw new Error(`index exploded; key was ${SECRETS.pastedKey}`);
        },
      },
    });
    const conn = await connect(broken);
    try {
      const r = await call('search_knowledge', { query: 'anything' }, conn.client);
      expect(r.isError).toBe(true);
      const md = textOf(r);
      expect(md).toMatch(/internal error/);
      expect(md).not.toContain('exploded');
      const logged = broken.logLines.join('\n');
      expect(logged).toContain('index exploded');
      expect(logged).not.toContain(SECRETS.pastedKey);
    } finally {
      await conn.close();
    }
  });
});

describe('resources', () => {
  it('lists every knowledge entry as sent-doctor://scenarios/{id}, Markdown', async () => {
    const { resources } = await client.listResources();
    const kb = makeTestContext().knowledge.list();
    expect(resources.map((r) => r.uri).sort()).toEqual(kb.map((s) => `sent-doctor://scenarios/${s.id}`).sort());
    for (const r of resources) {
      expect(r.mimeType).toBe('text/markdown');
      expect(r.title).toBeTruthy();
      expect(r.description).toBeTruthy();
    }
  });

  it('reads an entry as Markdown with its steps and sources', async () => {
    const r = await client.readResource({ uri: 'sent-doctor://scenarios/whatsapp-131049' });
    const c = r.contents[0] as { uri: string; mimeType: string; text: string };
    expect(c.uri).toBe('sent-doctor://scenarios/whatsapp-131049');
    expect(c.mimeType).toBe('text/markdown');
    expect(c.text).toMatch(/^# .+/);
    expect(c.text).toContain('131049');
    expect(c.text).toMatch(/### Sources\n\n- /);
  });

  it('an unknown entry or a path-like ID is a protocol error', async () => {
    const missing = await protocolError(client.readResource({ uri: 'sent-doctor://scenarios/no-such-entry' }));
    expect(missing.code).toBe(-32002);
    await protocolError(client.readResource({ uri: 'sent-doctor://scenarios/../../etc/passwd' }));
  });

  it('offers the three templates', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['sent-doctor://coverage/{country}', 'sent-doctor://messages/{id}', 'sent-doctor://scenarios/{id}']);
  });

  it('reads coverage by ISO code or by name, through get_coverage', async () => {
    const byCode = await client.readResource({ uri: 'sent-doctor://coverage/DZ' });
    expect((byCode.contents[0] as { text: string }).text).toMatch(/^## SMS coverage: Algeria \(DZ/);
    const byName = await client.readResource({ uri: 'sent-doctor://coverage/Alg%C3%A9rie' });
    expect((byName.contents[0] as { text: string }).text).toMatch(/^## SMS coverage: Algeria \(DZ/);
    const unknown = await protocolError(client.readResource({ uri: 'sent-doctor://coverage/Atlantis' }));
    expect(unknown.code).toBe(-32002);
    expect(unknown.message).toMatch(/not a country sent-doctor recognises/);
  });
});

describe('completion', () => {
  const complete = (uri: string, name: string, value: string) =>
    client.complete({ ref: { type: 'ref/resource', uri }, argument: { name, value } }).then((r) => r.completion);

  it('completes country codes by code and by name', async () => {
    const al = await complete('sent-doctor://coverage/{country}', 'country', 'al');
    expect(al.values).toContain('AL');
    expect(al.values).toContain('DZ'); // Algeria
    const d = await complete('sent-doctor://coverage/{country}', 'country', 'D');
    expect(d.values.slice(0, 3)).toEqual(['DE', 'DJ', 'DK']);
    const all = await complete('sent-doctor://coverage/{country}', 'country', '');
    expect(all.values.length).toBe(100);
    expect(all.hasMore).toBe(true);
    expect(all.total).toBeGreaterThan(200);
  });

  it('completes scenario IDs', async () => {
    const w = await complete('sent-doctor://scenarios/{id}', 'id', 'whatsapp');
    expect(w.values.length).toBeGreaterThan(1);
    expect(w.values.every((v) => v.startsWith('whatsapp'))).toBe(true);
  });
});

describe('prompts', () => {
  it('lists the three prompts with their arguments', async () => {
    const { prompts } = await client.listPrompts();
    expect(Object.fromEntries(prompts.map((p) => [p.name, p.arguments?.map((a) => [a.name, a.required])]))).toEqual({
      triage_ticket: [['ticket', true]],
      debug_message: [['message_id', true]],
      check_integration: [['payload', true]],
    });
  });

  const order = (text: string, tools: string[]) => tools.map((t) => text.indexOf(`\`${t}\``));

  it('triage_ticket: diagnose first, then the resources; the ticket embedded with keys redacted', async () => {
    const ticket = `SMS to Algeria not arriving, msg_seed_algeria_sent. curl -H "x-api-key: ${SECRETS.pastedKey}" ...`;
    const r = await client.getPrompt({ name: 'triage_ticket', arguments: { ticket } });
    const text = (r.messages[0]!.content as { text: string }).text;
    outputs.push(text);
    expect(r.messages[0]!.role).toBe('user');
    expect(text).toMatch(/1\. Call `diagnose`/);
    expect(text).toContain('<ticket>\nSMS to Algeria not arriving, msg_seed_algeria_sent.');
    expect(text).toContain(`…${SECRETS.pastedKey.slice(-4)}`);
    expect(text).toMatch(/Never ask for an API key/);
  });

  it('debug_message: one diagnose call that names the message', async () => {
    const r = await client.getPrompt({ name: 'debug_message', arguments: { message_id: 'msg_seed_algeria_sent' } });
    const text = (r.messages[0]!.content as { text: string }).text;
    expect(text).toMatch(/Call `diagnose` once/);
    expect(text).not.toMatch(/lookup_message|get_coverage/);
    expect(text).toContain('msg_seed_algeria_sent?"');
    const odd = await client.getPrompt({ name: 'debug_message', arguments: { message_id: 'hello' } });
    expect((odd.messages[0]!.content as { text: string }).text).toMatch(/does not look like a Sent message ID/);
  });

  it('check_integration: validate_payload, get_coverage, check_api_key, search_knowledge, in that order', async () => {
    const r = await client.getPrompt({ name: 'check_integration', arguments: { payload: '{"to":["+213551234567"],"channel":"sms"}' } });
    const text = (r.messages[0]!.content as { text: string }).text;
    const at = order(text, ['validate_payload', 'get_coverage', 'check_api_key', 'search_knowledge']);
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('<payload>\n{"to":["+213551234567"]');
  });

  it('a missing argument is a protocol error', async () => {
    const e = await protocolError(client.getPrompt({ name: 'triage_ticket', arguments: {} }));
    expect(e.code).toBe(ErrorCode.InvalidParams);
  });
});

describe('logging', () => {
  it('forwards the lines of a request at the level the client set, and nothing else', async () => {
    const c = contextFor(sim.url);
    const conn = await connect(c);
    const got: LoggingMessageNotification['params'][] = [];
    conn.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void got.push(n.params));
    try {
      // Default level (info): the client's debug lines stay in the server log.
      await call('lookup_message', { message_id: 'msg_seed_algeria_sent' }, conn.client);
      await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual([]);
      expect(c.logLines.some((l) => /sent GET \/v3\/messages/.test(l))).toBe(true);

      await conn.client.setLoggingLevel('debug');
      await call('lookup_message', { message_id: 'msg_seed_algeria_sent' }, conn.client);
      await new Promise((r) => setTimeout(r, 20));
      expect(got.length).toBeGreaterThan(0);
      expect(got.every((g) => g.level === 'debug' && g.logger === 'sent-doctor')).toBe(true);
      expect(got.map((g) => String(g.data)).join('\n')).toMatch(/sent GET \/v3\/messages/);

      // Lines written outside this client's requests, and the boundary's own failure details, are not forwarded.
      const before = got.length;
      c.logger.warn('something unrelated to this client');
      await call('lookup_message', { message_id: 'not-an-id' }, conn.client);
      await new Promise((r) => setTimeout(r, 20));
      expect(got.slice(before).map((g) => String(g.data))).toEqual([]);
      expect(c.logLines.some((l) => l.includes('lookup_message: input error'))).toBe(true);

      await conn.client.setLoggingLevel('error');
      await call('lookup_message', { message_id: 'msg_seed_algeria_sent' }, conn.client);
      await new Promise((r) => setTimeout(r, 20));
      expect(got.length).toBe(before);
      outputs.push(JSON.stringify(got));
    } finally {
      await conn.close();
    }
  });

  it('keeps two clients on one logger apart: each sees only the lines of its own requests', async () => {
    const shared = contextFor(sim.url);
    const a = await connect(shared);
    const b = await connect(shared);
    const seen: Record<string, string[]> = { a: [], b: [] };
    a.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void seen.a!.push(String(n.params.data)));
    b.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void seen.b!.push(String(n.params.data)));
    try {
      await Promise.all([a.client.setLoggingLevel('debug'), b.client.setLoggingLevel('debug')]);
      await Promise.all(
        Array.from({ length: 4 }, () => [
          call('lookup_message', { message_id: 'msg_seed_algeria_sent' }, a.client),
          call('lookup_message', { message_id: 'msg_seed_route_denied' }, b.client),
        ]).flat(),
      );
      await new Promise((r) => setTimeout(r, 20));
      expect(seen.a!.length).toBeGreaterThan(0);
      expect(seen.b!.length).toBeGreaterThan(0);
      // Each lookup also reads GET /v3/me; the message lines name only the client's own message.
      expect(seen.a!.some((l) => l.includes('msg_seed_algeria_sent'))).toBe(true);
      expect(seen.b!.some((l) => l.includes('msg_seed_route_denied'))).toBe(true);
      expect(seen.a!.some((l) => l.includes('msg_seed_route_denied'))).toBe(false);
      expect(seen.b!.some((l) => l.includes('msg_seed_algeria_sent'))).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
