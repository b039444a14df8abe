/** Loads the per-country SMS coverage table (knowledge/coverage/countries.json) once, validated with zod. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CountryFacts, CoverageTable } from '../../tools/context.js';
import { ConfigError } from '../../tools/errors.js';
import { KNOWLEDGE_DIR } from '../paths.js';

export const DEFAULT_COVERAGE_FILE = join(KNOWLEDGE_DIR, 'coverage', 'countries.json');

const yesNoUnknown = z.enum(['yes', 'no', 'unknown']);

export const countryFactsSchema = z.strictObject({
  iso2: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 in capitals'),
  country: z.string().min(1),
  // "+213", or NANP members with their area codes: "+1-809/829/849".
  callingCode: z.string().regex(/^\+\d{1,4}(?:-\d{3}(?:\/\d{3})*)?$/, 'a calling code like +213 or +1-809/829'),
  alphanumericSupported: z.enum(['yes', 'no', 'registration', 'unknown']),
  alphanumericRegistrationRequired: yesNoUnknown,
  numericLongcodeSupported: yesNoUnknown,
  shortCodeNotes: z.string(),
  contentRegistrationRequired: yesNoUnknown,
  knownFiltering: z.string(),
  sources: z.array(z.url({ protocol: /^https?$/ })).min(1),
}) satisfies z.ZodType<CountryFacts>;

export const coverageFileSchema = z
  .strictObject({
    asOf: z.iso.date(),
    source: z.string().min(1),
    method: z.string().min(1),
    generatedBy: z.string().min(1),
    countries: z.array(countryFactsSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.countries.forEach((c, i) => {
      if (seen.has(c.iso2)) ctx.addIssue({ code: 'custom', path: ['countries', i, 'iso2'], message: `duplicate country ${c.iso2}` });
      seen.add(c.iso2);
    });
  });

export type CoverageFile = z.output<typeof coverageFileSchema>;

/** A table over already-validated data (tests and the build script use it directly). */
export function createCoverageTable(file: CoverageFile): CoverageTable {
  const rows = file.countries.map((c) => Object.freeze({ ...c, sources: Object.freeze([...c.sources]) as string[] }));
  const byIso2 = new Map(rows.map((r) => [r.iso2, r]));
  return Object.freeze({
    asOf: file.asOf,
    get: (iso2: string) => (typeof iso2 === 'string' ? byIso2.get(iso2.trim().toUpperCase()) : undefined),
    all: () => [...rows],
  });
}

/** Turn a zod failure into one line that names the file and the first bad place. */
export function describeCoverageIssue(file: string, error: z.ZodError): string {
  const first = error.issues[0];
  const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `Coverage file ${file} is invalid${where}: ${first?.message ?? 'bad data'}${more}.`;
}

const cache = new Map<string, CoverageTable>();

/** Read, validate and index the coverage file; a bad file stops start-up with a ConfigError naming it. */
export function loadCoverage(path: string = DEFAULT_COVERAGE_FILE): CoverageTable {
  const hit = cache.get(path);
  if (hit) return hit;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`Coverage file ${path} cannot be read.`, { hint: 'Run `npx tsx scripts/build-coverage.ts` to regenerate it.' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`Coverage file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = coverageFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeCoverageIssue(path, parsed.error));
  const table = createCoverageTable(parsed.data);
  cache.set(path, table);
  return table;
}
