import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { callTool } from '../../tools/define.js';
import { getCoverage, GetCoverageOutput, coverageFindings, recommendSender } from '../../tools/get-coverage.js';
import { InputError } from '../../tools/errors.js';
import type { CountryFacts, CoverageTable } from '../../tools/context.js';
import { makeTestContext } from '../helpers/context.js';

const ctx = makeTestContext();
const run = (country: unknown) => callTool(getCoverage, { country }, ctx);
const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code).sort();

describe('get_coverage', () => {
  it('Algeria: named by the guide for silent filtering, numeric senders unreliable', async () => {
    const r = await run('DZ');
    expect(GetCoverageOutput.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      iso2: 'DZ',
      country: 'Algeria',
      calling_code: '+213',
      matched_via: 'iso2',
      alphanumeric: { supported: 'yes', registration_required: 'no' },
      long_code: { supported: 'no' },
      content_registration_required: 'no',
      as_of: '2026-05-09',
    });
    expect(codes(r)).toEqual(['coverage_filtering_country']);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ severity: 'warning', scenario: 'sms-country-delivery' });
    expect(f.message).toMatch(/guide names Algeria/);
    expect(f.message).toMatch(/silently dropped/);
    expect(r.known_filtering).toMatch(/Mobilis rejects numeric/);
    expect(r.recommended_sender).toMatch(/^sent-doctor advice/);
    expect(r.recommended_sender).toMatch(/alphanumeric sender ID works without registration/);
    expect(r.sources).toContain('https://www.twilio.com/en-us/guidelines/dz/sms');
  });

  it('resolves names, local names, cities and numbers to the same row', async () => {
    for (const q of ['Algeria', 'Algérie', 'الجزائر', 'Algiers', 'Algerian', '+213', '+213 555 12 34 56', 'dza']) {
      const r = await run(q);
      expect(r.iso2, q).toBe('DZ');
    }
    expect((await run('+213 555 12 34 56')).matched_via).toBe('phone');
    expect((await run('الجزائر')).matched_via).toBe('native');
  });

  it('UAE: registration required, filtering from both Sent and the row', async () => {
    const r = await run('United Arab Emirates');
    expect(r).toMatchObject({ iso2: 'AE', alphanumeric: { supported: 'registration', registration_required: 'yes' }, long_code: { supported: 'no' } });
    expect(codes(r)).toEqual(['coverage_filtering_country', 'coverage_registration_required']);
    const filtering = r.findings.find((f) => f.code === 'coverage_filtering_country')!;
    expect(filtering.message).toMatch(/OTP troubleshooting page names the UAE/);
    expect(filtering.message).toMatch(/Unregistered senders blocked/);
    expect(r.recommended_sender).toMatch(/Register an alphanumeric sender ID/);
    expect(r.recommended_sender).not.toMatch(/Until it is registered, a numeric long code/);
  });

  it('US: alpha unsupported, 10DLC content registration, local +1 long codes', async () => {
    const r = await run('United States');
    expect(r).toMatchObject({ iso2: 'US', calling_code: '+1', alphanumeric: { supported: 'no' }, content_registration_required: 'yes' });
    expect(codes(r)).toEqual(['coverage_alpha_unsupported', 'coverage_filtering_country', 'coverage_registration_required']);
    expect(r.long_code.notes).toMatch(/local \+1 numbers under 10DLC/);
    expect(r.recommended_sender).toMatch(/10DLC/);
    expect(r.findings.find((f) => f.code === 'coverage_registration_required')!.message).toMatch(/registered message content/);
  });

  it('India: DLT registration, not in the guide regions', async () => {
    const r = await run('in');
    expect(r.iso2).toBe('IN');
    expect(r.known_filtering).toMatch(/DLT/);
    expect(codes(r)).toContain('coverage_registration_required');
    const filtering = r.findings.find((f) => f.code === 'coverage_filtering_country');
    expect(filtering?.message ?? '').not.toMatch(/Middle East and Africa/);
    expect((await run('Mumbai')).iso2).toBe('IN');
  });

  it('Brazil: optional registration, long codes delivered', async () => {
    const r = await run('Brasil');
    expect(r).toMatchObject({ iso2: 'BR', calling_code: '+55', alphanumeric: { supported: 'registration' }, long_code: { supported: 'yes' } });
    expect(r.long_code.notes).toMatch(/operators may replace the displayed number/);
    expect(r.recommended_sender).toMatch(/numeric long code can carry the traffic/);
    expect((await run('São Paulo')).iso2).toBe('BR');
  });

  it('NANP members resolve by area code', async () => {
    const r = await run('+1-809');
    expect(r).toMatchObject({ iso2: 'DO', calling_code: '+1-809/829/849', matched_via: 'calling_code' });
    expect(codes(r)).toContain('coverage_alpha_unsupported');
  });

  it('gives an African country without notes an info-level regional finding', async () => {
    const r = await run('Eritrea');
    const f = r.findings.find((x) => x.code === 'coverage_filtering_country')!;
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/several countries in the Middle East and Africa/);
    expect(f.message).toMatch(/Eastern Africa/);
  });

  it('unknown country → InputError with suggestions', async () => {
    const e = await run('Algria').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toBe('"Algria" is not a country sent-doctor recognises.');
    expect((e as InputError).hint).toMatch(/Did you mean Algeria/);
    const none = (await run('zzzzqqq').catch((x: unknown) => x)) as InputError;
    expect(none).toBeInstanceOf(InputError);
    expect(none.hint).toMatch(/ISO code/);
  });

  it('a known country without a row → InputError naming it', async () => {
    const e = (await run('Antarctica').catch((x: unknown) => x)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/No SMS coverage data for Antarctica \(AQ\)/);
  });

  it('rejects empty, huge and non-string input through the schema', async () => {
    for (const bad of ['', 'x'.repeat(201), 42, null, { a: 1 }]) await expect(run(bad)).rejects.toBeInstanceOf(InputError);
  });

  it('odd Unicode never throws anything but InputError, and errors are printable', async () => {
    for (const q of ['ＤＺ', 'A\u0301lgeria', '\n\tDZ\n', '＋２１３']) expect((await run(q)).iso2, q).toBe('DZ');
    for (const q of ['\u0000', '\u202eZD', '🇩🇿', '\ud800', '<script>DZ</script>', '\u200b\u200b']) {
      const e = await run(q).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e, JSON.stringify(q)).toBeInstanceOf(InputError);
      expect((e as InputError).message).not.toMatch(/[\u0000-\u001f\u202e\u200b]|\ud800/);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), async (s) => {
        const r = await run(s).catch((x: unknown) => x);
        if (r instanceof Error) expect(r).toBeInstanceOf(InputError);
      }),
      { numRuns: 200 },
    );
  });

  it('gives a valid answer for every row in the table', async () => {
    for (const c of ctx.coverage.all()) {
      const r = await run(c.iso2);
      GetCoverageOutput.parse(r);
      expect(r.iso2).toBe(c.iso2);
      expect(r.recommended_sender.length).toBeGreaterThan(60);
    }
  });

  it('reads the data from ctx.coverage, not from a file', async () => {
    const fake: CountryFacts = {
      iso2: 'DZ',
      country: 'Algeria (test row)',
      callingCode: '+213',
      alphanumericSupported: 'no',
      alphanumericRegistrationRequired: 'no',
      numericLongcodeSupported: 'yes',
      shortCodeNotes: 'n/a',
      contentRegistrationRequired: 'no',
      knownFiltering: 'No specific restrictions reported',
      sources: ['https://example.test/dz'],
    };
    const coverage: CoverageTable = { asOf: '2030-01-01', get: (i) => (i === 'DZ' ? fake : undefined), all: () => [fake] };
    const r = await callTool(getCoverage, { country: 'Algeria' }, makeTestContext({ coverage }));
    expect(r).toMatchObject({ country: 'Algeria (test row)', as_of: '2030-01-01', sources: ['https://example.test/dz'] });
    expect(codes(r)).toEqual(['coverage_alpha_unsupported', 'coverage_filtering_country']);
    expect(r.recommended_sender).toMatch(/Use a numeric sender/);
  });
});

describe('recommendSender and coverageFindings', () => {
  const base: CountryFacts = {
    iso2: 'ZZ',
    country: 'Testland',
    callingCode: '+999',
    alphanumericSupported: 'yes',
    alphanumericRegistrationRequired: 'no',
    numericLongcodeSupported: 'yes',
    shortCodeNotes: '',
    contentRegistrationRequired: 'no',
    knownFiltering: 'No specific restrictions reported',
    sources: ['https://example.test'],
  };

  it('has no findings for an open country outside the guide regions', () => {
    expect(coverageFindings(base)).toEqual([]);
    expect(recommendSender(base)).toMatch(/works without registration/);
  });

  it('advises a local route when neither alpha nor long codes work', () => {
    expect(recommendSender({ ...base, alphanumericSupported: 'no', numericLongcodeSupported: 'no' })).toMatch(/ask Sent support which local route/);
  });

  it('advises a test when the sources disagree', () => {
    expect(recommendSender({ ...base, alphanumericSupported: 'unknown' })).toMatch(/Sources disagree/);
  });

  it('warns about generic IDs and filtering when the notes say so', () => {
    const r = recommendSender({ ...base, knownFiltering: 'Generic IDs blocked' });
    expect(r).toMatch(/Avoid generic IDs/);
    expect(r).toMatch(/Carriers filter here/);
    expect(coverageFindings({ ...base, knownFiltering: 'Generic IDs blocked' }).map((f) => f.code)).toEqual(['coverage_filtering_country']);
  });
});
