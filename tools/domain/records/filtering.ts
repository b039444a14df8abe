/** Whether a country is known for SMS filtering or sender restrictions: the guide, Sent's OTP page and the coverage table. */
import type { CountryFacts, CoverageTable } from '../../context.js';

/** Sent's own docs name these for carrier filtering (guide: Algeria; OTP troubleshooting page: UAE, Turkey, Ghana). */
const NAMED_BY_SENT: Record<string, string> = {
  DZ: 'the Sent guide names Algeria for aggressive carrier content filtering',
  AE: "Sent's OTP troubleshooting page names the UAE for carrier filtering",
  TR: "Sent's OTP troubleshooting page names Turkey for carrier filtering",
  GH: "Sent's OTP troubleshooting page names Ghana for carrier filtering",
};
const FILTER_WORDS = /filter|block|reject|swap|replac|overwrit|rewrit|drop|register/i;

export function filteringNote(iso2: string | undefined, coverage?: Pick<CoverageTable, 'get'>): { country: string; note: string } | null {
  if (!iso2) return null;
  const facts: CountryFacts | undefined = coverage?.get(iso2);
  const country = facts?.country ?? iso2;
  const notes: string[] = [];
  if (NAMED_BY_SENT[iso2]) notes.push(NAMED_BY_SENT[iso2]);
  if (facts) {
    if (facts.alphanumericSupported === 'no') notes.push('alphanumeric sender IDs are not supported');
    else if (facts.alphanumericSupported === 'registration' || facts.alphanumericRegistrationRequired === 'yes')
      notes.push('alphanumeric sender IDs must be pre-registered');
    if (facts.numericLongcodeSupported === 'no') notes.push('numeric long-code senders are not supported or best-effort only');
    if (facts.contentRegistrationRequired === 'yes') notes.push('message content or campaigns must be registered');
    if (facts.knownFiltering && FILTER_WORDS.test(facts.knownFiltering)) notes.push(`coverage notes: ${facts.knownFiltering.slice(0, 240)}`);
  }
  return notes.length ? { country, note: notes.join('; ') } : null;
}
