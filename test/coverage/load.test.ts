import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEFAULT_COVERAGE_FILE, coverageFileSchema, loadCoverage } from '../../src/coverage/load.js';
import { ConfigError } from '../../tools/errors.js';

const CSV = resolve(import.meta.dirname, '../../../shared/reference/sms-country-facts.csv');
const raw = () => JSON.parse(readFileSync(DEFAULT_COVERAGE_FILE, 'utf8')) as { countries: Record<string, unknown>[] } & Record<string, unknown>;

describe('loadCoverage (the committed table)', () => {
  const table = loadCoverage();

  it('holds all 220 countries, validated, with the snapshot date', () => {
    expect(table.all()).toHaveLength(220);
    expect(table.asOf).toBe('2026-05-09');
    expect(coverageFileSchema.safeParse(raw()).success).toBe(true);
  });

  it('looks countries up by ISO code, in any case', () => {
    expect(table.get('DZ')?.country).toBe('Algeria');
    expect(table.get('dz')?.iso2).toBe('DZ');
    expect(table.get(' ae ')?.callingCode).toBe('+971');
    expect(table.get('ZZ')).toBeUndefined();
    expect(table.get('')).toBeUndefined();
  });

  it('keeps the CSV text and its sources', () => {
    const dz = table.get('DZ')!;
    expect(dz).toMatchObject({
      alphanumericSupported: 'yes',
      alphanumericRegistrationRequired: 'no',
      numericLongcodeSupported: 'no',
      contentRegistrationRequired: 'no',
    });
    expect(dz.knownFiltering).toMatch(/^Numeric senders unsupported\/best-effort/);
    expect(dz.sources[0]).toBe('https://www.twilio.com/en-us/guidelines/dz/sms');
    expect(table.get('DO')?.callingCode).toBe('+1-809/829/849');
    for (const c of table.all()) expect(c.sources.length).toBeGreaterThan(0);
  });

  it('returns copies and frozen rows, so callers cannot change the table', () => {
    const list = table.all();
    list.pop();
    expect(table.all()).toHaveLength(220);
    expect(Object.isFrozen(table.get('DZ'))).toBe(true);
  });

  it.skipIf(!existsSync(CSV))('matches the reference CSV row for row, text unchanged', () => {
    const rows = parse(readFileSync(CSV, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows).toHaveLength(220);
    for (const r of rows) {
      const c = table.get(r.iso2!)!;
      expect(c, r.iso2).toBeDefined();
      expect([c.country, c.callingCode, c.alphanumericSupported, c.alphanumericRegistrationRequired]).toEqual([
        r.country,
        r.calling_code,
        r.alphanumeric_supported,
        r.alphanumeric_registration_required,
      ]);
      expect([c.numericLongcodeSupported, c.shortCodeNotes, c.contentRegistrationRequired, c.knownFiltering]).toEqual([
        r.numeric_longcode_supported,
        r.short_code_notes,
        r.content_registration_required,
        r.known_filtering,
      ]);
      expect(c.sources.join(';')).toBe(r.source_urls);
    }
  });
});

describe('loadCoverage (bad files)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'coverage-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const failure = (path: string): ConfigError => {
    try {
      loadCoverage(path);
    } catch (e) {
      return e as ConfigError;
    }
    throw new Error('expected loadCoverage to fail');
  };

  it('names a missing file', () => {
    const p = join(dir, 'missing.json');
    const e = failure(p);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain(p);
    expect(e.hint).toMatch(/build-coverage/);
  });

  it('names a file that is not JSON', () => {
    const p = write('broken.json', '{"asOf": "2026-05-09", ');
    const e = failure(p);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`));
  });

  it('names the file and the first bad field', () => {
    const data = raw();
    (data.countries[3] as Record<string, unknown>).alphanumericSupported = 'maybe';
    const e = failure(write('bad-enum.json', JSON.stringify(data)));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain('bad-enum.json is invalid at countries.3.alphanumericSupported');
  });

  it('rejects duplicates, bad codes, missing sources and a bad date', () => {
    const dup = raw();
    dup.countries.push({ ...dup.countries[0] });
    expect(failure(write('dup.json', JSON.stringify(dup))).message).toMatch(/duplicate country AD/);

    const lower = raw();
    lower.countries[0]!.iso2 = 'ad';
    expect(failure(write('lower.json', JSON.stringify(lower))).message).toContain('countries.0.iso2');

    const noSources = raw();
    noSources.countries[1]!.sources = [];
    expect(failure(write('nosrc.json', JSON.stringify(noSources))).message).toContain('countries.1.sources');

    const notUrl = raw();
    notUrl.countries[1]!.sources = ['javascript:alert(1)'];
    expect(failure(write('noturl.json', JSON.stringify(notUrl))).message).toContain('countries.1.sources.0');

    const date = raw();
    date.asOf = 'May 2026';
    expect(failure(write('date.json', JSON.stringify(date))).message).toContain('at asOf');

    const extra = raw();
    extra.countries[2]!.surprise = true;
    expect(failure(write('extra.json', JSON.stringify(extra))).message).toContain('countries.2');

    expect(failure(write('empty.json', '[]')).message).toContain('empty.json is invalid');
  });

  it('loads a valid copy from another path', () => {
    const data = raw();
    data.countries = data.countries.slice(0, 2);
    const t = loadCoverage(write('small.json', JSON.stringify(data)));
    expect(t.all().map((c) => c.iso2)).toEqual(['AD', 'AE']);
  });
});
