/** Recipient numbers: E.164 shape (what the API checks) and plausibility (libphonenumber's full metadata). */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export const E164_RE = /^\+\d{1,15}$/;

/** Spaces, dots, dashes, parentheses and invisible marks people type or paste into numbers. */
const FORMATTING = /[\s().\-\u00a0\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * The E.164 form of a number that only differs by formatting (`+1 (415) 555-1234`), or undefined
 * when it cannot be fixed without guessing (no `+`: the country is unknown).
 */
export function e164FromFormatted(s: string): string | undefined {
  const stripped = s.replace(FORMATTING, '');
  return E164_RE.test(stripped) ? stripped : undefined;
}

/** Key for spotting duplicates: formatting removed. */
export function phoneKey(s: string): string {
  return s.replace(FORMATTING, '');
}

export type Plausibility =
  | { ok: true; country?: string }
  | { ok: false; country?: string; callingCode?: string; reason: 'no_country' | 'invalid' };

/** For an E.164-shaped number: is it a number that can exist in its country? */
export function plausibility(e164: string): Plausibility {
  try {
    const p = parsePhoneNumberFromString(e164);
    if (!p) return { ok: false, reason: 'no_country' };
    if (p.isValid()) return { ok: true, country: p.country };
    return { ok: false, country: p.country, callingCode: p.countryCallingCode, reason: p.country || p.countryCallingCode ? 'invalid' : 'no_country' };
  } catch {
    return { ok: false, reason: 'no_country' };
  }
}

let regionNames: Intl.DisplayNames | undefined;

/** `DZ` → `Algeria (DZ)`; the bare code when the runtime has no region names. */
export function countryName(iso2: string): string {
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    const name = regionNames.of(iso2);
    return name && name !== iso2 ? `${name} (${iso2})` : iso2;
  } catch {
    return iso2;
  }
}
