import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedFold, foldKey, storeFold } from './fold-cache.js';
import type { ModelJSON } from '../../tools/domain/triage/model.js';

const DIR = fileURLToPath(new URL('../../node_modules/.cache/sent-doctor-eval', import.meta.url));
const examples = [{ text: 'SMS to Algeria dropped', label: 'sms-country-delivery', weight: 1 }];
const stored: string[] = [];

afterEach(() => {
  for (const k of stored.splice(0)) rmSync(join(DIR, `${k}.json`), { force: true });
  delete process.env.EVAL_FOLD_CACHE;
});

describe('fold model cache', () => {
  it('keys a fold by its training examples: any change to them is another key', () => {
    expect(foldKey(examples)).toBe(foldKey([...examples]));
    expect(foldKey([{ ...examples[0]!, label: 'sender-id-issues' }])).not.toBe(foldKey(examples));
    expect(foldKey([{ ...examples[0]!, weight: 2 }])).not.toBe(foldKey(examples));
  });

  it('gives back what was stored under the key, and nothing for a key never stored', () => {
    const key = `test-${process.pid}-${Date.now()}`;
    stored.push(key);
    const model = { format: 'test', labels: ['a'], temperature: 0.5 } as unknown as ModelJSON;
    expect(cachedFold(key)).toBeUndefined();
    storeFold(key, model);
    expect(cachedFold(key)).toEqual(model);
  });

  it('EVAL_FOLD_CACHE=0 neither reads nor writes', () => {
    const key = `test-off-${process.pid}-${Date.now()}`;
    stored.push(key);
    process.env.EVAL_FOLD_CACHE = '0';
    storeFold(key, { labels: [] } as unknown as ModelJSON);
    delete process.env.EVAL_FOLD_CACHE;
    expect(cachedFold(key)).toBeUndefined();
  });
});
