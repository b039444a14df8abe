import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadTextModel, TEXT_MODEL_FILE } from '../../src/knowledge/model.js';
import { bucketOf, featurise, featuriseNamed, fnv1a, IDF_STEP, inverseDocumentFrequency, tokenise } from '../../tools/domain/triage/features.js';
import { decodeBuckets, encodeBuckets, modelFromJSON, packBytes, rowIndex, type ModelJSON } from '../../tools/domain/triage/model.js';
import { trainModel } from '../../tools/domain/triage/train.js';
import { BucketSums } from '../../tools/domain/triage/counts.js';
import { weightedExamples } from '../../scripts/train.js';
import { UNCLEAR } from '../../tools/domain/scenarios.js';

describe('featuriser', () => {
  it('hashes with 32-bit FNV-1a over UTF-8', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('keeps error codes and 5–6 digit numbers as tokens', () => {
    const t = tokenise('Got AUTH_002 then Meta error 131049 and 13104, status 401');
    expect(t).toEqual(expect.arrayContaining(['auth_002', '131049', '13104', '401']));
  });

  it('replaces UUIDs, URLs, e-mails and long digit runs with placeholders', () => {
    const t = tokenise('id 3F2504E0-4F89-11D3-9A0C-0305E82C3301 see https://api.sent.dm/v3/messages?x=1 from ops@acme.example to +14155550142');
    expect(t).toEqual(['id', '_uuid_', 'see', '_url_', 'from', '_email_', 'to', '_num_']);
  });

  it('strips diacritics from Latin letters but keeps other scripts intact', () => {
    expect(tokenise('Não recebi o código, ÇA NE MARCHE PAS')).toEqual(['nao', 'recebi', 'o', 'codigo', 'ca', 'ne', 'marche', 'pas']);
    expect(tokenise('ガイド नमस्ते')).toEqual(['ガイド', 'नमस्ते']);
  });

  it('gives Japanese text character n-grams and splits codes from it', () => {
    const { names } = featuriseNamed('テンプレートが承認されません エラー131049');
    expect(names).toEqual(expect.arrayContaining(['c:テン', 'c:承認', 'c:プレート', 'w:131049', 'c: エラ']));
  });

  it('has word, bigram and padded 2–5 character features, L2-normalised, each named after its bucket', () => {
    const v = featuriseNamed('sandbox webhook sandbox');
    expect(v.names).toEqual(expect.arrayContaining(['w:sandbox', 'b:sandbox webhook', 'c: s', 'c:box ', 'c:andbo']));
    expect(v.names.some((n) => n.startsWith('c:') && n.length - 2 > 5)).toBe(false);
    v.index.forEach((b, i) => expect(bucketOf(v.names[i]!)).toBe(b));
    expect(v.sources[v.names.indexOf('w:sandbox')]).toEqual(new Map([['sandbox', 2]]));
    expect(v.sources[v.names.indexOf('b:sandbox webhook')]).toEqual(new Map([['sandbox webhook', 1]]));
    expect(v.value.reduce((a, x) => a + x * x, 0)).toBeCloseTo(1, 10);
    const w = featurise('sandbox webhook sandbox');
    expect([...w.index]).toEqual([...v.index]);
    expect(new Set(w.index).size).toBe(w.index.length);
    expect(featurise('').index.length).toBe(0);
  });

  it('normalises words, bigrams and character n-grams each on its own before adding them', () => {
    // One word: the word block is that word alone (1), the character block its n-grams (each 1/√k);
    // added and normalised again, the word weighs 1/√2 however many n-grams the word has.
    for (const word of ['sandbox', 'x', 'unsubscribed']) {
      const v = featuriseNamed(word);
      const chars = v.names.filter((n) => n.startsWith('c:')).length;
      expect(chars).toBeGreaterThan(0);
      expect(v.value[v.names.indexOf(`w:${word}`)]).toBeCloseTo(Math.SQRT1_2, 10);
    }
    // The same vector however often the featuriser ran before (its counters are reused).
    const once = featurise('the template was rejected by Meta');
    featurise('x '.repeat(3000));
    const again = featurise('the template was rejected by Meta');
    expect([...again.index]).toEqual([...once.index]);
    expect([...again.value]).toEqual([...once.value]);
  });

  it('counts buckets in first-seen order, past its first capacity, and clears', () => {
    const c = new BucketSums();
    const buckets = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 262_144);
    for (const b of buckets) c.add(b);
    c.add(buckets[3]!);
    expect(c.size).toBe(5000);
    expect(Array.from({ length: c.size }, (_, i) => c.bucketAt(i))).toEqual(buckets);
    expect(c.get(buckets[3]!)).toBe(2);
    expect(c.sumAt(3)).toBe(2);
    expect(c.get(262_143)).toBe(0);
    c.clear();
    expect(c.size).toBe(0);
    expect(c.get(buckets[3]!)).toBe(0);
    c.add(0);
    expect([c.bucketAt(0), c.sumAt(0)]).toEqual([0, 1]);
  });

  it('sums weighted values per bucket, in first-seen order', () => {
    const s = new BucketSums();
    s.add(7, 0.5);
    s.add(3, 0.5);
    s.add(7, 0.25);
    expect([s.bucketAt(0), s.sumAt(0), s.bucketAt(1), s.sumAt(1)]).toEqual([7, 0.75, 3, 0.5]);
  });

  it('folds ASCII text by lower-casing alone, as the full Unicode folding would', () => {
    // A trailing "é" sends the same words through the Unicode path; the ASCII words must come out alike.
    const ascii = 'WhatsApp TEMPLATE_Rejected 131049 +44 7700 900123 https://x.io a@b.co';
    expect(tokenise(`${ascii} é`)).toEqual([...tokenise(ascii), 'e']);
  });

  it('counts a bucket seen thousands of times exactly', () => {
    const v = featuriseNamed(`${'a '.repeat(2999)}b`);
    const at = (name: string) => v.value[v.names.indexOf(name)]!;
    // Same block, so the ratio is that of the sublinear counts: 1 + ln 2999 against 1 + ln 1.
    expect(at('w:a') / at('w:b')).toBeCloseTo(1 + Math.log(2999), 12);
  });

  it('weighs a feature by its inverse document frequency: one that every text has counts least', () => {
    const idf = inverseDocumentFrequency(['the template was rejected', 'the key fails', 'the sandbox is on'].map((t) => featurise(t)));
    const [the, key, unseen] = ['w:the', 'w:key', 'w:invoice'].map(bucketOf) as [number, number, number];
    // ln((1 + n) / (1 + df)) + 1 over n = 3 texts, in steps of 1/16.
    expect(idf[the]! * IDF_STEP).toBeCloseTo(1, 1);
    expect(idf[key]! * IDF_STEP).toBeCloseTo(Math.log(2) + 1, 1);
    expect(idf[unseen]! * IDF_STEP).toBeCloseTo(Math.log(4) + 1, 1);
    const ratio = (v: ReturnType<typeof featuriseNamed>) => v.value[v.names.indexOf('w:key')]! / v.value[v.names.indexOf('w:the')]!;
    expect(ratio(featuriseNamed('the key'))).toBeCloseTo(1, 10);
    expect(ratio(featuriseNamed('the key', idf))).toBeCloseTo(idf[key]! / idf[the]!, 10);
    expect([...featurise('the key', idf).index]).toEqual([...featurise('the key').index]);
  });

  it('reads only the first 6,000 characters', () => {
    const head = 'whatsapp template rejected '.repeat(300).slice(0, 6000);
    expect([...featurise(head + ' invoice refund pricing').index]).toEqual([...featurise(head).index]);
  });
});

const SMALL = [
  { text: 'my api key returns 401 unauthorized', label: 'auth' },
  { text: 'AUTH_002 invalid key header', label: 'auth' },
  { text: 'the key was regenerated and now every call fails', label: 'auth' },
  { text: 'sandbox true but nothing arrives on the phone', label: 'sandbox' },
  { text: 'test mode webhooks do not fire', label: 'sandbox' },
  { text: 'sandbox messages are not delivered', label: 'sandbox' },
  { text: 'where can I download my invoice', label: 'off-topic' },
  { text: 'pricing for sms in germany', label: 'off-topic' },
  { text: 'do you have a python sdk', label: 'off-topic' },
];

describe('training', () => {
  it('is deterministic: the same examples give identical JSON', () => {
    const a = JSON.stringify(trainModel(SMALL, { calibrationFolds: 3 }));
    const b = JSON.stringify(trainModel(SMALL, { calibrationFolds: 3 }));
    expect(a).toBe(b);
  });

  it('predicts a sorted distribution over every label that sums to 1', () => {
    const m = modelFromJSON(trainModel(SMALL, { calibrationFolds: 3 }));
    expect([...m.labels]).toEqual(['auth', 'off-topic', 'sandbox']);
    for (const text of ['401 unauthorized key', 'sandbox webhook', '', '🙂']) {
      const p = m.predict(text);
      expect(p.map((x) => x.label).sort()).toEqual([...m.labels]);
      expect(p.reduce((a, x) => a + x.p, 0)).toBeCloseTo(1, 9);
      for (let i = 1; i < p.length; i++) expect(p[i - 1]!.p).toBeGreaterThanOrEqual(p[i]!.p);
    }
    expect(m.predict('the api key gives 401')[0]!.label).toBe('auth');
  });

  it('explains with features that occur in the text, strongest first', () => {
    const m = modelFromJSON(trainModel(SMALL, { calibrationFolds: 0 }));
    const text = 'Our API key is rejected with 401';
    const ex = m.explain(text, 'auth', 5);
    expect(ex.length).toBeGreaterThan(0);
    expect(ex.length).toBeLessThanOrEqual(5);
    const words = tokenise(text);
    const own = new Set([...words, ...words.slice(1).map((w, i) => `${words[i]} ${w}`)]);
    for (const f of ex) {
      expect(own.has(f.feature)).toBe(true);
      expect(f.weight).toBeGreaterThan(0);
    }
    for (let i = 1; i < ex.length; i++) expect(ex[i - 1]!.weight).toBeGreaterThanOrEqual(ex[i]!.weight);
    expect(() => m.explain(text, 'nope')).toThrow(/unknown label/);
  });

  it('pulls questions labelled unclear towards equal odds over the scenarios, never making "unclear" a label', () => {
    const vague = ['it does not work', 'nothing arrives', 'please help, something is broken', 'messages fail'].map((text) => ({ text, label: UNCLEAR }));
    const plain = modelFromJSON(trainModel(SMALL, { calibrationFolds: 0, augment: false }));
    const trained = trainModel([...SMALL, ...vague], { calibrationFolds: 0, augment: false });
    const taught = modelFromJSON(trained);
    expect([...taught.labels]).toEqual(['auth', 'off-topic', 'sandbox']);
    expect(trained.training.perLabel).toMatchObject({ unclear: 4 });
    const spread = (m: typeof plain, text: string) => {
      const p = Object.fromEntries(m.predict(text).map((x) => [x.label, x.p]));
      return Math.abs(p.auth! - p.sandbox!);
    };
    for (const text of ['it is broken, nothing works', 'messages do not arrive']) expect(spread(taught, text)).toBeLessThan(spread(plain, text));
    // What decides a scenario still decides it.
    expect(taught.predict('the api key gives 401')[0]!.label).toBe('auth');
    expect(taught.predict('sandbox true, nothing on the phone')[0]!.label).toBe('sandbox');
  });

  it('calibrates on the vague questions too when asked, which softens every answer without reordering it', () => {
    const vague = ['it does not work', 'nothing arrives', 'please help, something is broken', 'messages fail', 'urgent problem', 'help us'].map((text) => ({ text, label: UNCLEAR }));
    const both = [...SMALL, ...SMALL.map((e) => ({ ...e, text: `${e.text} today` })), ...vague];
    const on = trainModel(both, { calibrationFolds: 3, augment: false, calibrateUnclear: true });
    const off = trainModel(both, { calibrationFolds: 3, augment: false, calibrateUnclear: false });
    expect(on.weights).toBe(off.weights);
    expect(on.temperature).toBeGreaterThan(off.temperature);
    const [a, b] = [modelFromJSON(on), modelFromJSON(off)].map((m) => m.predict('it is broken'));
    expect(a![0]!.p).toBeLessThan(b![0]!.p);
    expect(a!.map((x) => x.label)).toEqual(b!.map((x) => x.label));
  });

  it('finds the row of every stored bucket, and none for the others', () => {
    const stored = Int32Array.from([0, 1, 31, 32, 33, 63, 64, 1000, 65_535, 131_071, 262_143]);
    const row = rowIndex(stored);
    const want = new Map([...stored].map((b, r) => [b, r]));
    for (let b = 0; b < 1 << 18; b++) expect(row(b)).toBe(want.get(b) ?? -1);
  });

  it('reads back the bucket list it wrote, and refuses one cut short or with a number too long', () => {
    const buckets = [0, 1, 127, 128, 300, 16_383, 16_384, 100_000, 262_143];
    expect(Array.from(decodeBuckets(encodeBuckets(buckets)))).toEqual(buckets);
    expect(decodeBuckets(encodeBuckets([]))).toHaveLength(0);
    const bytes = encodeBuckets(buckets);
    expect(() => decodeBuckets(bytes.subarray(0, bytes.length - 1))).toThrow(/ends inside a number/);
    expect(() => decodeBuckets(Uint8Array.from([0x81, 0x81, 0x81, 0x81, 0x01]))).toThrow(/longer than four bytes/);
  });

  it('refuses a file that is not a model, saying why', () => {
    expect(() => modelFromJSON({ format: 'x' })).toThrow(/not a text model/);
    const good = trainModel(SMALL, { calibrationFolds: 0 });
    expect(() => modelFromJSON({ ...good, weights: good.weights.slice(0, 8) })).toThrow(/weights/);
    expect(() => modelFromJSON({ ...good, weights: 'not deflated' })).toThrow(/weights/);
    expect(() => modelFromJSON({ ...good, idf: packBytes(new Uint8Array(10)) })).toThrow(/idf needs 262144/);
  });
});

/** Obvious phrasings, written for this test (not in the training sets). */
const OBVIOUS: Record<string, string[]> = {
  'auth-invalid-api-key': ['Every request to the API returns 401 unauthorized, is our API key wrong?', 'We regenerated the API key and now all calls fail with AUTH_002.'],
  'compliance-10dlc': ['Our 10DLC brand registration and campaign were rejected, US carriers block our texts.', 'How do we register an A2P 10DLC campaign for US traffic?'],
  'escalate-to-support': ['Nothing in the guides helped, what information should I send to Sent support to open a ticket?', 'I want to escalate this to a human at Sent, what diagnostic details do you need?'],
  'failover-not-triggering': ['WhatsApp should be tried first with SMS as fallback, but every message goes out as SMS.', 'Failover never attempts WhatsApp, fallback_reason says channel not connected.'],
  'login-otp': ["I can't log in to the Sent dashboard, the verification code for signup never arrives on my phone.", 'The OTP to verify my phone number when creating my Sent account does not come.'],
  'sandbox-mode': ['We send with sandbox set to true and nothing arrives on the test phone.', 'Do webhooks fire for sandbox messages, and is credit used in test mode?'],
  'sender-id-issues': ['How do I buy a local phone number in Mexico? The country is not in the list.', 'Our alphanumeric sender ID request for this country is still pending.'],
  'sms-country-delivery': ['SMS arrive in the US but not in Nigeria, carriers seem to filter them.', 'Texts to India are never delivered although they work everywhere else.'],
  'sms-only-mode': ['We have a WhatsApp Business Account connected but want all messages to go out as SMS only.', 'How can we turn off WhatsApp and send only SMS without disconnecting it?'],
  'whatsapp-131049': ['WhatsApp message failed with error 131049 ERR_ECOSYSTEM_ENGAGEMENT.', 'Free-form WhatsApp messages fail when the customer has not replied in over 24 hours.'],
  'whatsapp-api-payload': ['The WhatsApp template works from the dashboard but fails when we send it through the API.', 'API returns 202 for our WhatsApp send but the message fails later in Activities, dashboard sends are fine.'],
  'whatsapp-template-issues': ['Our WhatsApp template was rejected by Meta, how do we get it approved?', 'Meta changed our template category from utility to marketing and paused it.'],
  'wrong-sender-number': ['We set up a toll-free number in our sender profile but messages come from a shared short code.', 'Texts are sent from the wrong number, not the dedicated long code we configured.'],
  'off-topic': ['How do I download my invoice?', 'What does an SMS to Germany cost? I need your price list.', 'Is there an official SDK for Go?'],
};

describe('training sources', () => {
  it('an example counts in training by its weight', () => {
    const base = [
      { text: 'alpha bravo', label: 'x' },
      { text: 'charlie delta', label: 'y' },
    ];
    const clash = (wx: number, wy: number) =>
      modelFromJSON(trainModel([...base, { text: 'echo foxtrot', label: 'x', weight: wx }, { text: 'echo foxtrot', label: 'y', weight: wy }], { calibrationFolds: 0, balanced: false, epochs: 20 })).predict('echo foxtrot')[0]!.label;
    expect(clash(4, 1)).toBe('x');
    expect(clash(1, 4)).toBe('y');
  });

  it('each source (every set, and the entries) weighs the same in total, however many examples it has', () => {
    const ex = (n: number, label: string) => Array.from({ length: n }, (_, i) => ({ id: `${label}${i}`, text: `${label} ${i}`, label }));
    const sets = [
      { name: 'a.jsonl', examples: ex(300, 'off-topic') },
      { name: 'b.jsonl', examples: ex(20, 'sandbox-mode') },
      { name: 'empty.jsonl', examples: [] },
    ];
    const out = weightedExamples(sets, ex(10, 'login-otp'));
    expect(out).toHaveLength(330);
    const total = (label: string) => out.filter((e) => e.label === label).reduce((a, e) => a + e.weight!, 0);
    for (const label of ['off-topic', 'sandbox-mode', 'login-otp']) expect(total(label)).toBeCloseTo(110, 9);
    expect(out.every((e) => !('id' in e))).toBe(true);
  });
});

describe('the committed model (knowledge/model/triage-model.json)', () => {
  const model = loadTextModel();

  it('is smaller than 3 MB and knows every scenario plus off-topic', () => {
    expect(statSync(TEXT_MODEL_FILE).size).toBeLessThan(3 * 1024 * 1024);
    expect([...model.labels].sort()).toEqual(Object.keys(OBVIOUS).sort());
    expect(loadTextModel()).toBe(model);
  });

  for (const [label, texts] of Object.entries(OBVIOUS))
    it(`classifies obvious ${label} sentences`, () => {
      for (const text of texts) expect({ text, label: model.predict(text)[0]!.label }).toEqual({ text, label });
    });

  it('explains a prediction with words of the text', () => {
    const ex = model.explain('WhatsApp message failed with error 131049', 'whatsapp-131049', 3);
    expect(ex.map((e) => e.feature)).toContain('131049');
    expect(model.explain('where do I download my invoice', 'off-topic', 3).map((e) => e.feature)).toContain('invoice');
  });

  it('predicts exactly what the file defines: softmax((scale · Σ q·x + bias) / temperature), one feature at a time', () => {
    // The reference reads the file on its own; predict reads the weights in passes (model.ts), which must not change a bit.
    const json = JSON.parse(readFileSync(TEXT_MODEL_FILE, 'utf8')) as ModelJSON;
    const buckets = decodeBuckets(Buffer.from(json.buckets, 'base64'));
    const q = new Int8Array(inflateRawSync(Buffer.from(json.weights, 'base64')));
    const idf = new Uint8Array(inflateRawSync(Buffer.from(json.idf, 'base64')));
    const rowOf = new Map(Array.from(buckets, (b, r) => [b, r]));
    const C = json.labels.length;
    const long = Array.from({ length: 400 }, (_, i) => `word${i} Übung${i % 7} 番号${i}`).join(' ');
    for (const text of ['WhatsApp failed with 131049', 'SMS to Algeria never arrive, sender ID ACME', '', long]) {
      const { index, value } = featurise(text, idf);
      const z = new Float64Array(C);
      for (let j = 0; j < index.length; j++) {
        const r = rowOf.get(index[j]!);
        if (r === undefined) continue;
        for (let c = 0; c < C; c++) z[c]! += q[r * C + c]! * value[j]!;
      }
      const logits = Array.from(z, (v, c) => (v * json.scales[c]! + json.bias[c]!) / json.temperature);
      const max = Math.max(...logits);
      const e = logits.map((l) => Math.exp(l - max));
      const sum = e.reduce((a, b) => a + b, 0);
      const expected = json.labels.map((label, c) => ({ label, p: e[c]! / sum })).sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : 1));
      expect(model.predict(text)).toEqual(expected);
    }
    expect(featurise(long, idf).index.length).toBeGreaterThan(1024);
  });

  it('names the file when it is missing or invalid', () => {
    expect(() => loadTextModel('/nonexistent/triage-model.json')).toThrow(/\/nonexistent\/triage-model\.json/);
    expect(() => loadTextModel(new URL(import.meta.url).pathname)).toThrow(/model\.test\.ts is invalid/);
  });
});
