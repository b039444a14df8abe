/**
 * redactSecrets' labelled values: every label form is caught, and the label-word check that lets
 * text without a label skip the full pattern (tools/domain/redact.ts LABEL_WORD) lets none through.
 */
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../tools/domain/redact.js';
import { SENT_KEYS } from '../helpers/secrets.js';

const VALUE = SENT_KEYS.helperUuid;
const LABELS = [
  'x-api-key: ',
  'X-API-KEY:',
  'api_key=',
  'api-key: "',
  'apiKey: ',
  'API_KEY=',
  'SENT_DM_API_KEY=',
  'sent_api_key: ',
  'Authorization: Bearer ',
  'authorization=',
  'bearer ',
  'token: ',
  'Secret=',
  'password: ',
];

describe('redactSecrets: labelled values', () => {
  it.each(LABELS)('a value after %j is replaced by its fingerprint', (label) => {
    const out = redactSecrets(`curl -H '${label}${VALUE}' https://api.sent.dm/v3/messages`);
    expect(out).not.toContain(VALUE);
    expect(out).toContain('[key …3b4c]');
  });

  it('a value written after the words "API key" (no label) stays: that is prose, not a header', () => {
    const text = `Your API key ${VALUE.slice(0, 8)} is shown in Dashboard → API Keys.`;
    expect(redactSecrets(text)).toBe(text);
  });

  it('text with no label word comes back unchanged, however long', () => {
    const text = `Open Dashboard → Activities and read channel_attempted and fallback_reason. ${'abcdefghijklmnopqrstuvwxyz '.repeat(200)}`;
    expect(redactSecrets(text)).toBe(text);
  });
});
