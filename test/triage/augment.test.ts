import { describe, expect, it } from 'vitest';
import { CROP_MIN_WORDS, CROP_SHARE, variants } from '../../tools/domain/triage/augment.js';
import { mulberry32, trainModel } from '../../tools/domain/triage/train.js';

const LONG = 'our whatsapp template sends from the backend fail with a parameter error but the same template sent from the dashboard arrives fine every time';

/** True when `sub` is `all` with some items left out, order kept. */
function isSubsequence(sub: readonly string[], all: readonly string[]): boolean {
  let i = 0;
  for (const w of all) if (i < sub.length && sub[i] === w) i++;
  return i === sub.length;
}

describe('training variants (augment.ts)', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(variants(LONG, mulberry32(1))).toEqual(variants(LONG, mulberry32(1)));
    expect(variants(LONG, mulberry32(1))).not.toEqual(variants(LONG, mulberry32(2)));
  });

  it('drop words but keep the order and at least two words', () => {
    const words = LONG.split(' ');
    for (let seed = 0; seed < 50; seed++) {
      const [dropped] = variants(LONG, mulberry32(seed));
      const kept = dropped!.split(' ');
      expect(kept.length).toBeGreaterThanOrEqual(2);
      expect(kept.length).toBeLessThan(words.length + 1);
      expect(isSubsequence(kept, words)).toBe(true);
    }
    // A two-word text is kept whole or not varied at all.
    for (let seed = 0; seed < 20; seed++) for (const v of variants('AUTH_002 again', mulberry32(seed))) expect(v).toBe('AUTH_002 again');
  });

  it('crop a contiguous window of long texts only', () => {
    const words = LONG.split(' ');
    expect(words.length).toBeGreaterThan(CROP_MIN_WORDS);
    for (let seed = 0; seed < 50; seed++) {
      const out = variants(LONG, mulberry32(seed));
      expect(out).toHaveLength(2);
      const crop = out[1]!;
      expect(crop.split(' ')).toHaveLength(Math.ceil(words.length * CROP_SHARE));
      expect(` ${LONG} `.includes(` ${crop} `)).toBe(true);
    }
    const short = 'sms to algeria are silently dropped since monday';
    for (let seed = 0; seed < 20; seed++) expect(variants(short, mulberry32(seed)).length).toBeLessThanOrEqual(1);
  });

  it('read whitespace of any kind as word breaks and leave text without spaces whole', () => {
    for (const v of variants('401\n\tunauthorized   from\u00a0the api', mulberry32(3))) expect(v).not.toMatch(/\s{2,}|\n|\t/);
    expect(variants('エラー131049が出ます', mulberry32(1))).toEqual([]);
  });
});

describe('training with variants', () => {
  const examples = [
    ...['api key rejected with 401 unauthorized on every call we make from production servers today', 'AUTH_002 after rotating the key in our vault yesterday evening at the office'].map((text) => ({ text, label: 'auth' })),
    ...['sandbox true in the request and nothing arrives on the test phone we use for qa', 'test mode messages never reach the handset while we develop the new integration'].map((text) => ({ text, label: 'sandbox' })),
    ...['how do i download my invoice for last month from the billing page of the account', 'is there an official sdk for go or rust that we could use in our services'].map((text) => ({ text, label: 'off-topic' })),
  ];

  it('adds the variants to the training rows but counts and calibrates on the examples alone', () => {
    const on = trainModel(examples, { calibrationFolds: 2 });
    const off = trainModel(examples, { calibrationFolds: 2, augment: false });
    expect(on.training.variants).toBeGreaterThan(0);
    expect(off.training.variants).toBe(0);
    expect(on.training.perLabel).toEqual({ auth: 2, 'off-topic': 2, sandbox: 2 });
    expect(on.training.perLabel).toEqual(off.training.perLabel);
    expect(JSON.stringify(trainModel(examples, { calibrationFolds: 2 }))).toBe(JSON.stringify(on));
  });
});
