/**
 * Defect 4 (issue 16): a key typed where an id or a field name goes never comes back verbatim, on
 * any output path: structuredContent and text of tool results, prompts, and the JSON-RPC errors
 * that echo an unknown tool, prompt or resource name. One redaction (tools/domain/redact.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { connect } from './setup.js';
import { makeTestContext } from '../helpers/context.js';
import { SENT_KEYS, expectNoTestSecrets } from '../helpers/secrets.js';
import { callTool } from '../../tools/define.js';
import { validatePayload } from '../../tools/validate-payload.js';
import { redactDeep, redactName, secretsInJson } from '../../tools/domain/redact.js';

const KEY = SENT_KEYS.mcpPasted;
const UUID_KEY = SENT_KEYS.cliUuid;

let client: Client;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ client, close } = await connect(makeTestContext()));
});
afterAll(async () => {
  await close();
});

const all = (v: unknown) => JSON.stringify(v);
async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return String((e as Error).message);
  }
  throw new Error('expected a JSON-RPC error');
}

describe('no key on any MCP output path', () => {
  it('diagnose with a key in context.message_ids (brief and full)', async () => {
    for (const detail of ['brief', 'full']) {
      const r = await client.callTool({ name: 'diagnose', arguments: { text: 'what happened to my message?', context: { message_ids: [KEY] }, detail } });
      expectNoTestSecrets(all(r), `diagnose (${detail})`);
    }
  });

  it('prompts/get debug_message with a key as the message ID; a real UUID message ID stays', async () => {
    const r = await client.getPrompt({ name: 'debug_message', arguments: { message_id: KEY } });
    expectNoTestSecrets(all(r), 'debug_message prompt');
    const ok = await client.getPrompt({ name: 'debug_message', arguments: { message_id: '8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01' } });
    expect(all(ok)).toContain('8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01');
  });

  it('unknown tool, prompt and resource names are not echoed when they are keys', async () => {
    for (const name of [KEY, UUID_KEY]) {
      const texts = [
        await rejection(client.callTool({ name, arguments: {} })),
        await rejection(client.getPrompt({ name, arguments: {} })),
        await rejection(client.readResource({ uri: `sent-doctor://scenarios/${name}` })),
        await rejection(client.readResource({ uri: `sent-doctor://nothing-here/${name}` })),
      ];
      for (const t of texts) expectNoTestSecrets(t, 'JSON-RPC error');
      expect(texts[0]).toMatch(/Unknown tool/);
    }
  });

  it('validate_payload: a key as a field name, a UUID key under a credential field', async () => {
    const payload = JSON.stringify({ to: ['+14155550100'], text: 'hi', [KEY]: 1, credentials: { key: UUID_KEY }, sentKey: UUID_KEY, [UUID_KEY]: 'x' });
    const r = await client.callTool({ name: 'validate_payload', arguments: { payload } });
    expectNoTestSecrets(all(r), 'validate_payload over MCP');
    const direct = await callTool(validatePayload, { payload }, makeTestContext());
    expectNoTestSecrets(all(direct), 'validate_payload output (findings[].path, corrected)');
    // The findings still point at the field, by fingerprint.
    expect(direct.findings.some((f) => f.code === 'unknown_field' && f.path === '[key sk_live_…9Hs4]')).toBe(true);
    expect(direct.corrected).not.toBeNull();
  });
});

describe('redact.ts helpers', () => {
  it('secretsInJson finds key-shaped field names and credential values, not placeholders', () => {
    const found = secretsInJson({ [KEY]: 1, api_key: UUID_KEY, headers: { 'x-api-key': '$SENT_DM_API_KEY', token: 'YOUR_TOKEN_HERE' } });
    expect(found.sort()).toEqual([KEY, UUID_KEY].sort());
  });

  it('redactDeep keeps the shape (and __proto__ stays data); codes such as api_key_placeholder are not mistaken for keys', () => {
    const v = JSON.parse(`{"__proto__": {"polluted": true}, "code": "api_key_placeholder", "nested": {"apiKey": "${UUID_KEY}"}}`);
    const out = redactDeep(v);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'code', 'nested']);
    expect(out.code).toBe('api_key_placeholder');
    expect(all(out)).not.toContain(UUID_KEY);
  });

  it('redactName fingerprints a UUID (a name is never one)', () => {
    expect(redactName(`unknown command '${UUID_KEY}'`)).toBe(`unknown command '[key …4e5f]'`);
  });
});
