import { z } from 'zod';
import { defineTool } from './define.js';
import type { CountryFacts } from './context.js';
import { InputError } from './errors.js';
import { countryRegion, resolveCountry, suggestCountries } from './domain/countries.js';

export const COVERAGE_SCENARIO = 'sms-country-delivery';

/**
 * Countries Sent's own pages name for carrier filtering: Algeria in the guide ("Messages Not Delivered"),
 * and Algeria, the UAE, Turkey and Ghana on the OTP troubleshooting page (shared/reference/sent-api-facts.md §9.4).
 */
const NAMED_BY_SENT: Record<string, string> = {
  DZ: 'The Sent guide names Algeria for aggressive carrier content filtering: messages may be silently dropped without a delivery failure being reported back to Sent.',
  AE: "Sent's OTP troubleshooting page names the UAE for carrier filtering.",
  TR: "Sent's OTP troubleshooting page names Turkey for carrier filtering.",
  GH: "Sent's OTP troubleshooting page names Ghana for carrier filtering.",
};

/** The row itself reports filtering or blocking (of senders, URLs or content). */
const FILTERING_WORDS = /\b(?:filter\w*|block\w*|reject\w*|drop\w*|denylist\w*|flagged as spam)\b/i;

/** The coverage note gives these three a special long-code meaning: local +1 numbers under 10DLC/toll-free rules. */
const LOCAL_PLUS_ONE = new Set(['US', 'CA', 'PR']);

const Tri = z.enum(['yes', 'no', 'unknown']);

const Finding = z.object({
  code: z.enum(['coverage_filtering_country', 'coverage_alpha_unsupported', 'coverage_registration_required']),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  scenario: z.literal(COVERAGE_SCENARIO),
});
type Finding = z.infer<typeof Finding>;

export const GetCoverageOutput = z.object({
  iso2: z.string(),
  country: z.string(),
  calling_code: z.string(),
  matched_via: z.enum(['iso2', 'iso3', 'name', 'native', 'translation', 'alt', 'demonym', 'city', 'calling_code', 'phone']),
  alphanumeric: z.object({
    supported: z.enum(['yes', 'registration', 'no', 'unknown']),
    registration_required: Tri,
  }),
  long_code: z.object({ supported: Tri, notes: z.string() }),
  short_code_notes: z.string(),
  content_registration_required: Tri,
  known_filtering: z.string(),
  recommended_sender: z.string().describe("sent-doctor's own advice derived from the row, not a statement by Sent"),
  findings: z.array(Finding),
  sources: z.array(z.string()),
  as_of: z.string().describe('Date the source data was collected'),
});
export type CoverageResult = z.infer<typeof GetCoverageOutput>;

export const getCoverage = defineTool({
  name: 'get_coverage',
  description:
    'SMS sender rules for one country (code, name, city or number): sender ID types, registration, filtering, with sources.',
  input: z.object({
    country: z.string().min(1).max(200).describe('ISO code, country name (any language), city, calling code or E.164 number'),
  }),
  output: GetCoverageOutput,
  annotations: { title: 'SMS coverage by country', readOnlyHint: true, destructiveHint: false, openWorldHint: false, idempotentHint: true },
  async run({ country }, ctx) {
    const hit = resolveCountry(country);
    if (!hit) {
      const close = suggestCountries(country);
      throw new InputError(`"${printable(country)}" is not a country sent-doctor recognises.`, {
        hint: close.length
          ? `Did you mean ${close.join(', ')}? You can also give an ISO code (DZ), a calling code (+213) or a phone number.`
          : 'Give an ISO code (DZ), an English or local country name (Algeria, Algérie), a calling code (+213) or a phone number.',
      });
    }
    const facts = ctx.coverage.get(hit.iso2);
    if (!facts) {
      throw new InputError(`No SMS coverage data for ${hit.name} (${hit.iso2}) in sent-doctor's table (data as of ${ctx.coverage.asOf}).`, {
        hint: 'Ask Sent support for routing information for this destination.',
      });
    }
    return {
      iso2: facts.iso2,
      country: facts.country,
      calling_code: facts.callingCode,
      matched_via: hit.via,
      alphanumeric: { supported: facts.alphanumericSupported, registration_required: facts.alphanumericRegistrationRequired },
      long_code: { supported: facts.numericLongcodeSupported, notes: longCodeNotes(facts) },
      short_code_notes: facts.shortCodeNotes,
      content_registration_required: facts.contentRegistrationRequired,
      known_filtering: facts.knownFiltering,
      recommended_sender: recommendSender(facts),
      findings: coverageFindings(facts),
      sources: [...facts.sources],
      as_of: ctx.coverage.asOf,
    };
  },
});

/** Echo a user's query in an error without control characters or a wall of text. */
function printable(s: string): string {
  const clean = s.replace(/[\p{C}]/gu, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

/** What the long-code value means, in the words of the coverage note (sms-country-facts.md). */
function longCodeNotes(f: CountryFacts): string {
  if (f.numericLongcodeSupported === 'yes') {
    return LOCAL_PLUS_ONE.has(f.iso2)
      ? 'Means local +1 numbers under 10DLC/toll-free rules, not foreign numbers.'
      : 'A2P from a numeric long code (an international number) is delivered, though operators may replace the displayed number, so replies may not reach you.';
  }
  if (f.numericLongcodeSupported === 'no') return 'Numeric long codes are rejected, unsupported, or best-effort only on the main networks.';
  return 'Sources are missing or in conflict about numeric long codes.';
}

/** sent-doctor's own advice, derived only from the row's values. */
export function recommendSender(f: CountryFacts): string {
  const parts: string[] = [];
  const longCode = f.numericLongcodeSupported === 'yes';
  const mustRegister = f.alphanumericSupported === 'registration' || f.alphanumericRegistrationRequired === 'yes';
  if (LOCAL_PLUS_ONE.has(f.iso2)) {
    parts.push('Use a registered local +1 number (10DLC), a verified toll-free number or an approved short code; alphanumeric sender IDs are not supported.');
  } else if (f.alphanumericSupported === 'no') {
    parts.push(
      longCode
        ? 'Use a numeric sender (a dedicated phone number / long code): alphanumeric sender IDs are rejected or rewritten here.'
        : 'Alphanumeric sender IDs are not supported and international long codes are not reliable either: ask Sent support which local route (short code or local number) to use.',
    );
  } else if (mustRegister) {
    parts.push('Register an alphanumeric sender ID for this country before sending; unregistered senders may be blocked or rewritten.');
    if (longCode) parts.push('Until it is registered, a numeric long code can carry the traffic (the number shown may be replaced).');
  } else if (f.alphanumericSupported === 'yes') {
    parts.push('A brand-specific alphanumeric sender ID works without registration.');
    if (/\bgeneric\b/i.test(f.knownFiltering)) parts.push('Avoid generic IDs such as INFO or Verify.');
  } else {
    parts.push('Sources disagree or are silent on alphanumeric senders: test a numeric and an alphanumeric sender with a small batch, check the Activities page, or ask Sent support.');
  }
  if (f.contentRegistrationRequired === 'yes') parts.push('Register the message templates or content (campaign, brand signature) as well.');
  if (FILTERING_WORDS.test(f.knownFiltering)) parts.push('Carriers filter here: keep the content within the rules in known_filtering.');
  return `sent-doctor advice (derived from the coverage row, not a Sent statement): ${parts.join(' ')}`;
}

/** What a country's rules mean for SMS to it: shown with an sms-country-delivery answer, never a vote for one (triage/votes.ts). */
export function coverageFindings(f: CountryFacts): Finding[] {
  const out: Finding[] = [];
  const named = NAMED_BY_SENT[f.iso2];
  const rowFilters = FILTERING_WORDS.test(f.knownFiltering);
  const region = countryRegion(f.iso2);
  const guideRegion = region && (region.region === 'Africa' || region.subregion === 'Western Asia');
  if (named || rowFilters || guideRegion) {
    const parts: string[] = [];
    if (named) parts.push(named);
    if (rowFilters) parts.push(`Coverage notes for ${f.country}: ${f.knownFiltering}`);
    if (guideRegion && !named) {
      parts.push(
        `The Sent guide says several countries in the Middle East and Africa apply aggressive content filtering and may drop messages silently; ${f.country} is in ${region.subregion}.`,
      );
    }
    out.push({
      code: 'coverage_filtering_country',
      severity: named || rowFilters ? 'warning' : 'info',
      message: parts.join(' '),
      scenario: COVERAGE_SCENARIO,
    });
  }
  if (f.alphanumericSupported === 'no') {
    out.push({
      code: 'coverage_alpha_unsupported',
      severity: 'warning',
      message: `${f.country} does not support alphanumeric sender IDs: a sender name may be silently converted to a number or the message blocked. Use a numeric sender.`,
      scenario: COVERAGE_SCENARIO,
    });
  }
  const what: string[] = [];
  if (f.alphanumericSupported === 'registration' || f.alphanumericRegistrationRequired === 'yes') what.push('a pre-registered alphanumeric sender ID');
  if (f.contentRegistrationRequired === 'yes') what.push('registered message content or templates');
  if (what.length) {
    out.push({
      code: 'coverage_registration_required',
      severity: 'warning',
      message: `${f.country} requires ${what.join(' and ')}; sending without registration results in filtering.`,
      scenario: COVERAGE_SCENARIO,
    });
  }
  return out;
}
