/**
 * Converts ../shared/reference/sms-country-facts.csv into knowledge/coverage/countries.json.
 * The JSON is committed so the product never needs ../shared at run time.
 *
 *   npx tsx scripts/build-coverage.ts [input.csv] [output.json]
 *
 * Every CSV row is kept, every text column verbatim; only the shape changes (camelCase fields, sources as an
 * array). The snapshot date is read from the companion note (sms-country-facts.md) so the two cannot drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { coverageFileSchema, describeCoverageIssue, type CoverageFile } from '../src/coverage/load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? join(ROOT, '..', 'shared', 'reference', 'sms-country-facts.csv'));
const output = resolve(process.argv[3] ?? join(ROOT, 'knowledge', 'coverage', 'countries.json'));
const note = input.replace(/\.csv$/, '.md');

const COLUMNS = [
  'iso2',
  'country',
  'calling_code',
  'alphanumeric_supported',
  'alphanumeric_registration_required',
  'numeric_longcode_supported',
  'short_code_notes',
  'content_registration_required',
  'known_filtering',
  'source_urls',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

function fail(message: string): never {
  process.stderr.write(`build-coverage: ${message}\n`);
  process.exit(1);
}

function snapshotDate(): string {
  let text: string;
  try {
    text = readFileSync(note, 'utf8');
  } catch {
    fail(`cannot read the companion note ${note} (it holds the snapshot date)`);
  }
  // "snapshot commit `be1a492`, dated 2026-05-09"
  const m = /snapshot commit[^\n]*?dated (\d{4}-\d{2}-\d{2})/.exec(text);
  if (!m?.[1]) fail(`no "snapshot commit … dated YYYY-MM-DD" line in ${note}`);
  return m[1];
}

let csv: string;
try {
  csv = readFileSync(input, 'utf8');
} catch {
  fail(`cannot read ${input}`);
}

const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Row[];
const header = Object.keys(rows[0] ?? {});
const missing = COLUMNS.filter((c) => !header.includes(c));
if (missing.length) fail(`${input} lacks column(s): ${missing.join(', ')}`);

const asOf = snapshotDate();
const data: CoverageFile = {
  asOf,
  source:
    'shared/reference/sms-country-facts.csv (220 rows, one per destination country or territory), with its companion note ' +
    'sms-country-facts.md. Main data: Twilio SMS guidelines, Bird (MessageBird) SMS Country Information Guide and Infobip ' +
    '"SMS coverage and connectivity" country pages as mirrored in nevetsagetro/OKR-warranted (snapshot be1a492, ' +
    `${asOf}); secondary check: AWS Pinpoint "Supported countries and regions (SMS channel)" (awsdocs/amazon-pinpoint-user-guide ` +
    '031a8b0, 2023-04-28); a few rows add AWS, LINK Mobility or Vonage pages. Each row lists its own sources.',
  method:
    "Categorical values follow Twilio's operator network capability where available, checked against Bird and Infobip; " +
    'disagreements keep Twilio\'s value and are noted in knownFiltering; "unknown" means sources missing or in conflict. ' +
    'Calling codes from libphonenumber metadata. Notes are paraphrased summaries of the vendor pages as scraped on or before ' +
    `${asOf}. Converted by scripts/build-coverage.ts without changing any value.`,
  generatedBy: 'scripts/build-coverage.ts',
  countries: rows
    .map((r) => ({
      iso2: r.iso2,
      country: r.country,
      callingCode: r.calling_code,
      alphanumericSupported: r.alphanumeric_supported,
      alphanumericRegistrationRequired: r.alphanumeric_registration_required,
      numericLongcodeSupported: r.numeric_longcode_supported,
      shortCodeNotes: r.short_code_notes,
      contentRegistrationRequired: r.content_registration_required,
      knownFiltering: r.known_filtering,
      sources: r.source_urls
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    }))
    .sort((a, b) => a.iso2.localeCompare(b.iso2)) as CoverageFile['countries'],
};

const checked = coverageFileSchema.safeParse(data);
if (!checked.success) fail(describeCoverageIssue(input, checked.error));

writeFileSync(output, JSON.stringify(checked.data, null, 2) + '\n');
process.stdout.write(`build-coverage: ${checked.data.countries.length} countries → ${relative(process.cwd(), output)} (as of ${asOf})\n`);
