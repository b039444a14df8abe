import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  countryFromPhone,
  countryName,
  findCountriesInText,
  normalizeName,
  resolveCountry,
  suggestCountries,
} from '../../tools/domain/countries.js';

describe('resolveCountry', () => {
  const table: Array<[string, string, string]> = [
    // ISO codes, any case
    ['DZ', 'DZ', 'iso2'],
    ['dz', 'DZ', 'iso2'],
    ['DZA', 'DZ', 'iso3'],
    ['are', 'AE', 'iso3'],
    ['USA', 'US', 'iso3'],
    ['UK', 'GB', 'alt'],
    ['UAE', 'AE', 'alt'],
    ['XK', 'XK', 'iso2'],
    // English names, official names, everyday spellings
    ['Algeria', 'DZ', 'name'],
    ['algeria', 'DZ', 'name'],
    ['  ALGERIA  ', 'DZ', 'name'],
    ["People's Democratic Republic of Algeria", 'DZ', 'name'],
    ['United Arab Emirates', 'AE', 'name'],
    ['Saudi Arabia', 'SA', 'name'],
    ['South Africa', 'ZA', 'name'],
    ['United States', 'US', 'name'],
    ['Turkey', 'TR', 'name'],
    ['Türkiye', 'TR', 'name'],
    ['Czech Republic', 'CZ', 'name'],
    ['Ivory Coast', 'CI', 'name'],
    ['DR Congo', 'CD', 'name'],
    // French, Spanish, Arabic and other languages, accents optional
    ['Algérie', 'DZ', 'alt'],
    ['Algerie', 'DZ', 'alt'],
    ["Côte d'Ivoire", 'CI', 'alt'],
    ['Allemagne', 'DE', 'translation'],
    ['Argelia', 'DZ', 'translation'],
    ['Emiratos Árabes Unidos', 'AE', 'translation'],
    ['Estados Unidos', 'US', 'translation'],
    ['Marruecos', 'MA', 'translation'],
    ['الجزائر', 'DZ', 'native'],
    ['مصر', 'EG', 'native'],
    ['Deutschland', 'DE', 'native'],
    ['Brasil', 'BR', 'alt'],
    ['Holland', 'NL', 'alt'],
    // demonyms, singular and plural
    ['Algerian', 'DZ', 'demonym'],
    ['Brazilians', 'BR', 'demonym'],
    ['Nigerian', 'NG', 'demonym'],
    ['Emirati', 'AE', 'demonym'],
    ['Dominican', 'DO', 'demonym'],
    ['Algérienne', 'DZ', 'demonym'],
    ['Brésiliens', 'BR', 'demonym'],
    // big cities and capitals
    ['Algiers', 'DZ', 'city'],
    ['Lagos', 'NG', 'city'],
    ['São Paulo', 'BR', 'city'],
    ['Sao Paulo', 'BR', 'city'],
    ['Dubai', 'AE', 'city'],
    ['Mumbai', 'IN', 'city'],
    ['Riyadh', 'SA', 'city'],
    ['Istanbul', 'TR', 'city'],
    ['İstanbul', 'TR', 'city'],
    ['Hyderabad', 'IN', 'city'],
    ['Nairobi', 'KE', 'city'],
    // calling codes, including NANP area codes
    ['+213', 'DZ', 'calling_code'],
    ['213', 'DZ', 'calling_code'],
    ['+971', 'AE', 'calling_code'],
    ['+1', 'US', 'calling_code'],
    ['+7', 'RU', 'calling_code'],
    ['+44', 'GB', 'calling_code'],
    ['+1-809', 'DO', 'calling_code'],
    ['+1 809', 'DO', 'calling_code'],
    ['+1-809/829/849', 'DO', 'calling_code'],
    ['+1-876', 'JM', 'calling_code'],
    ['+1-787', 'PR', 'calling_code'],
    // E.164 numbers, valid or merely plausible
    ['+213555123456', 'DZ', 'phone'],
    ['+213 555 12 34 56', 'DZ', 'phone'],
    ['+971 50 123 4567', 'AE', 'phone'],
    ['+18095550123', 'DO', 'phone'],
    ['+1 (809) 555-0123', 'DO', 'phone'],
    ['+14155550100', 'US', 'phone'],
    ['+1234567890', 'US', 'phone'],
    ['+5511987654321', 'BR', 'phone'],
    ['+919876543210', 'IN', 'phone'],
  ];

  it.each(table)('%s → %s via %s', (query, iso2, via) => {
    expect(resolveCountry(query)).toMatchObject({ iso2, via });
  });

  it('returns the common English name', () => {
    expect(resolveCountry('dza')).toEqual({ iso2: 'DZ', name: 'Algeria', via: 'iso3' });
    expect(countryName('ae')).toBe('United Arab Emirates');
  });

  it.each(['', '   ', 'Narnia', 'xx', 'QQQ', '+999', '+0', '12', '💥', '\u0000\u0007', 'a'.repeat(10_000), '+'.repeat(500), 'رقم'])(
    'returns null for %j',
    (q) => {
      expect(resolveCountry(q)).toBeNull();
    },
  );

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const r = resolveCountry(s);
        expect(r === null || /^[A-Z]{2}$/.test(r.iso2)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('suggestCountries', () => {
  it('offers close names for typos', () => {
    expect(suggestCountries('Algria')).toContain('Algeria');
    expect(suggestCountries('Nigerr')).toContain('Nigeria');
    expect(suggestCountries('Untied Arab Emirates')[0]).toBe('United Arab Emirates');
  });
  it('is empty for nothing usable', () => {
    expect(suggestCountries('')).toEqual([]);
    expect(suggestCountries('💥')).toEqual([]);
  });
});

describe('countryFromPhone', () => {
  it.each([
    ['+213555123456', 'DZ'],
    ['+971501234567', 'AE'],
    ['+18095550123', 'DO'],
    ['+12125550100', 'US'],
    ['+447700900123', 'GB'],
    ['+15551234567', 'US'],
    ['+77011234567', 'KZ'],
    ['+79161234567', 'RU'],
  ])('%s → %s', (n, iso2) => {
    expect(countryFromPhone(n)).toBe(iso2);
  });
  it.each(['', '+1', '+21', 'hello', '+99912345678', '+'.padEnd(40, '9')])('%j → undefined', (n) => {
    expect(countryFromPhone(n)).toBeUndefined();
  });
});

const isos = (text: string) => findCountriesInText(text).map((c) => c.iso2);

describe('findCountriesInText', () => {
  it('finds names, numbers and positions in a ticket', () => {
    const text = 'Hi, our OTP SMS to Algeria are not delivered since Monday. Numbers like +213 555 12 34 56 never get them.';
    const found = findCountriesInText(text);
    expect(found).toEqual([
      { iso2: 'DZ', name: 'Algeria', via: 'name', match: 'Algeria', index: text.indexOf('Algeria') },
      { iso2: 'DZ', name: 'Algeria', via: 'phone', match: '+213 555 12 34 56', index: text.indexOf('+213') },
    ]);
  });

  it('prefers the longest multi-word name', () => {
    expect(isos('customers in the United Arab Emirates, Saudi Arabia and South Africa, also Papua New Guinea')).toEqual([
      'AE',
      'SA',
      'ZA',
      'PG',
    ]);
    expect(findCountriesInText('We ship to South Africa')[0]?.match).toBe('South Africa');
    expect(isos('Guinea-Bissau and Equatorial Guinea and Guinea')).toEqual(['GW', 'GQ', 'GN']);
  });

  it('finds demonyms and big cities', () => {
    expect(isos('Brazilian users in São Paulo and Nigerians in Lagos complain; our Dubai office and the Mumbai team too')).toEqual([
      'BR',
      'BR',
      'NG',
      'NG',
      'AE',
      'IN',
    ]);
    expect(isos('an Algerian customer in Algiers')).toEqual(['DZ', 'DZ']);
  });

  it('is case and accent insensitive for country names', () => {
    expect(isos('sms to algeria and ALGERIA and Algerie fail')).toEqual(['DZ', 'DZ', 'DZ']);
    // Foreign names and demonyms count only when written as proper nouns.
    expect(isos('brasil, algérie, nigerian')).toEqual([]);
    expect(isos('envoi vers l’Algérie et le Maroc')).toEqual(['DZ', 'MA']);
    expect(isos('الرسائل إلى الجزائر لا تصل')).toEqual(['DZ']);
  });

  it('reads ISO codes only where the context makes them codes', () => {
    expect(isos('We send to DZ and AE')).toEqual(['DZ']); // "and AE" is not a place context
    expect(isos('send to DZ, to AE and in NG')).toEqual(['DZ', 'AE', 'NG']);
    expect(isos('{"to":["+971501234567"],"region_code": "DZ"}')).toEqual(['AE', 'DZ']);
    expect(isos('country=SA region_code: IT countryCode:"ID"')).toEqual(['SA', 'IT', 'ID']);
    // Codes that are also acronyms or US state abbreviations need an explicit key.
    expect(isos('tests fail in CI and in QA; customers in CA and LA; ask HR')).toEqual([]);
    expect(isos('"country_code": "CA"')).toEqual(['CA']);
    expect(isos('The US team and the UK office; USA and UAE')).toEqual(['US', 'GB', 'US', 'AE']);
    expect(isos('DPRK and DRC')).toEqual(['KP', 'CD']);
  });

  it('finds calling codes only with a hint that they are calling codes', () => {
    expect(isos('all +234 numbers fail')).toEqual(['NG']);
    expect(isos('SMS to +213 never arrive')).toEqual(['DZ']);
    expect(isos('recipient +213 •••••••42 and +971XXXXXXX')).toEqual(['DZ', 'AE']);
    expect(isos('{"phone":"+2135*****12","status":"SENT"}')).toEqual(['DZ']);
    expect(isos('+1-809 numbers bounce')).toEqual(['DO']);
    expect(isos('+1 on this, +20% uplift, +30 characters, version 2.0+1')).toEqual([]);
  });

  it('reads E.164 numbers, including merely plausible ones', () => {
    const f = findCountriesInText('to +1234567890 and +44 7700 900123 then +18095550123.');
    expect(f.map((c) => [c.iso2, c.via, c.match])).toEqual([
      ['US', 'phone', '+1234567890'],
      ['GB', 'phone', '+44 7700 900123'],
      ['DO', 'phone', '+18095550123'],
    ]);
  });

  it('keeps country names that are also words', () => {
    expect(isos('We have users in Chad, Georgia, Jordan, Turkey and China')).toEqual(['TD', 'GE', 'JO', 'TR', 'CN']);
  });

  // Sentences from real-looking tickets that mention no country.
  const noCountry = [
    'it is in the api, no sms for me, us neither.',
    'Send it to me please, I work in IT and the PR was merged at 10 AM.',
    'please check message ID msg_123 in NO time. sent TO ME.',
    'SMS OTP API WA RCS: nothing arrives',
    'Channel is SMS, fallback WA, status FAILED, code AUTH_002',
    'The male and female users both complain; Victoria from support says hi.',
    'My office is in New Jersey and our other one is in New Mexico.',
    'the guinea pig test failed',
    'We use an RSA key and the ID is 8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01',
    'Hi team, msg_seed_algeria_sent and sp_jordan_prod are the IDs',
    'see https://docs.sent.dm/ae/sms and https://www.twilio.com/en-us/guidelines/dz/sms',
    'Template "order_update" (id tpl_42) is APPROVED; sender_profile_id sp_x; +1 from me',
    'Is it OK TO DO this AS IS? AM I BE IN MY TV?',
    'We moved to a new island office; the man at the desk says no.',
    '',
  ];
  it.each(noCountry)('finds no country in %j', (text) => {
    expect(findCountriesInText(text)).toEqual([]);
  });

  it('never throws and reports matches that are really in the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), (s) => {
        for (const c of findCountriesInText(s)) expect(s.slice(c.index, c.index + c.match.length)).toBe(c.match);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a very long text', () => {
    const text = 'SMS to Algeria fail. '.repeat(20_000);
    expect(findCountriesInText(text)).toHaveLength(20_000);
  });
});

describe('normalizeName', () => {
  it('folds case, accents and punctuation', () => {
    expect(normalizeName("  Côte d’Ivoire ")).toBe('cote d ivoire');
    expect(normalizeName('SÃO TOMÉ & PRÍNCIPE')).toBe('sao tome principe');
  });

  it('reads ASCII names as the Unicode rule does', () => {
    // The general rule: runs of letters, marks, digits and _, each without marks and lower-cased, joined by one space.
    const general = (s: string) => (s.match(/[\p{L}\p{M}\p{N}_]+/gu) ?? []).map((t) => t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()).join(' ');
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (s) => normalizeName(s) === general(s)), { numRuns: 2000 });
    expect(normalizeName('U.S.A. / Hello_World 42')).toBe('u s a hello_world 42');
  });
});
