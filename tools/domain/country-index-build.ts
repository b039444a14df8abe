/**
 * Builds the data of the country index (countries.ts) from world-countries and city-timezones:
 * every name, alternative spelling, native name, translation, demonym, capital and big city → the
 * country it names, with the rule for matching it in free text; ISO codes; calling codes.
 *
 * Run at build time, not at run time: scripts/gen-countries.ts writes the result to
 * country-index.data.ts (`npm run gen:countries`), and test/domain/country-index.test.ts checks that
 * file is what the installed packages give. A process then parses ~0.4 MB of JSON instead of
 * loading ~3.3 MB of package data and normalising ten thousand names (first lookup 88–111 → 19–31 ms).
 */
import type { Country } from 'world-countries';
import { normalizeName, RULES, VIAS, type CountryIndexData, type CountryVia, type TextRule } from './countries.js';

/** The rows of city-timezones this reads. */
export interface City {
  city: string;
  city_ascii: string;
  iso2: string;
  country: string;
  pop: number;
}

/** Cities below this population are left out: too many of them are also common words or names. */
const MIN_CITY_POPULATION = 1_000_000;
/**
 * Words that are country or city names in some data set but, in a support ticket, are far more often
 * an ordinary word, a given name or a product term. They never match in free text
 * (resolveCountry still accepts them: a query there is known to be a place).
 */
const TEXT_STOP_WORDS = new Set([
  'male', 'victoria', 'leon', 'salvador', 'santos', 'phoenix', 'columbus', 'irvine', 'rosario', 'medina',
  'essen', 'cali', 'island', 'maurice', 'norfolk', 'norra', 'mann', 'man', 'hamilton', 'stanley', 'douglas',
  'sms', 'otp', 'api', 'wa', 'rcs', 'whatsapp',
]);

// Lower number wins when one key names several countries.
const RANK: Record<CountryVia, number> = {
  iso2: 0,
  iso3: 0,
  name: 1,
  alt: 2,
  native: 3,
  translation: 4,
  demonym: 5,
  city: 6,
  calling_code: 7,
  phone: 7,
};


interface Candidate {
  iso2: string;
  via: CountryVia;
  rank: number;
  /** Tie-break among equal ranks: independent states and larger places first. */
  weight: number;
  text: TextRule;
}

/** world-countries' CommonJS entry exports the array, or `{ default }` (its types describe an ES default export). */
export function countriesFrom(mod: unknown): Country[] {
  if (Array.isArray(mod)) return mod as Country[];
  const d = (mod as { default?: unknown }).default;
  if (Array.isArray(d)) return d as Country[];
  const inner = (d as { default?: unknown } | undefined)?.default;
  if (Array.isArray(inner)) return inner as Country[];
  throw new Error('world-countries: unexpected module shape');
}

function englishPlural(demonym: string): string | undefined {
  return /(s|sh|ch|x|z|ese)$/i.test(demonym) ? undefined : `${demonym}s`;
}

function frenchPlural(demonym: string): string | undefined {
  return /(s|x)$/i.test(demonym) ? undefined : `${demonym}s`;
}

function better(a: Candidate, b: Candidate): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.weight > b.weight);
}

export function buildCountryIndexData(countries: readonly Country[], cities: readonly City[]): CountryIndexData {
  const byIso2 = new Map<string, Country>();
  const codes = new Map<string, { iso2: string; via: 'iso2' | 'iso3' }>();
  const all = new Map<string, Candidate>();
  const text = new Map<string, Candidate>();
  const idd = new Map<string, string[]>();

  const countryWeight = (c: Country) => (c.independent ? 1e9 : 0) + (c.unMember ? 1e9 : 0) + (c.area > 0 ? c.area : 0);

  const add = (raw: string, cand: Candidate, minTextLength = 4) => {
    const key = normalizeName(raw);
    if (!key) return;
    const prev = all.get(key);
    if (!prev || better(cand, prev)) all.set(key, cand);
    if (cand.text === 'never' || TEXT_STOP_WORDS.has(key)) return;
    // Short single-word foreign names collide with English words ("Man", "Oma", "Cad"); keep them out of free text.
    if (!key.includes(' ') && key.length < minTextLength) return;
    const prevText = text.get(key);
    if (!prevText || better(cand, prevText)) text.set(key, cand);
  };

  for (const c of countries) {
    byIso2.set(c.cca2, c);
    codes.set(c.cca2.toLowerCase(), { iso2: c.cca2, via: 'iso2' });
    if (c.cca3) codes.set(c.cca3.toLowerCase(), { iso2: c.cca2, via: 'iso3' });
    const w = countryWeight(c);
    const mk = (via: CountryVia, t: TextRule, weight = w): Candidate => ({ iso2: c.cca2, via, rank: RANK[via], weight, text: t });
    // Territories' one-word names ("Jersey", "Réunion") are ordinary words too: only capitalised in text.
    const englishRule = (name: string): TextRule => (c.independent || normalizeName(name).includes(' ') ? 'any' : 'capitalized');
    add(c.name.common, mk('name', englishRule(c.name.common)), 3);
    add(c.name.official, mk('name', englishRule(c.name.official)), 3);
    for (const alt of c.altSpellings) {
      if (alt === c.cca2) continue;
      if (/^[A-Z]{2,5}$/.test(alt)) {
        // "UAE", "UK", "DRC": code-like, handled with the codes in free text.
        const k = alt.toLowerCase();
        if (!codes.has(k)) codes.set(k, { iso2: c.cca2, via: 'iso2' });
        const prev = all.get(k);
        const cand = mk('alt', 'never');
        if (!prev || better(cand, prev)) all.set(k, cand);
        continue;
      }
      add(alt, mk('alt', 'capitalized'), 5);
    }
    for (const n of Object.values(c.name.native ?? {})) {
      add(n.common, mk('native', 'capitalized'), 5);
      add(n.official, mk('native', 'capitalized'), 5);
    }
    for (const t of Object.values(c.translations ?? {})) {
      add(t.common, mk('translation', 'capitalized'), 5);
      add(t.official, mk('translation', 'capitalized'), 5);
    }
    for (const [lang, d] of Object.entries(c.demonyms ?? {})) {
      for (const form of new Set([d.m, d.f])) {
        if (!form) continue;
        add(form, mk('demonym', 'capitalized'), 3);
        const plural = lang === 'fra' ? frenchPlural(form) : englishPlural(form);
        if (plural) add(plural, mk('demonym', 'capitalized'), 3);
      }
    }
    for (const cap of c.capital ?? []) {
      // Capitals of small territories ("The Valley", "Hamilton") are too often plain words or names.
      add(cap, mk('city', c.unMember ? 'capitalized' : 'never'), 4);
    }
    const root = c.idd?.root?.replace(/\D/g, '') ?? '';
    if (root) {
      const suffixes = c.idd.suffixes?.length ? c.idd.suffixes : [''];
      for (const s of suffixes) {
        const key = root + s.replace(/\D/g, '');
        const list = idd.get(key) ?? [];
        if (!list.includes(c.cca2)) list.push(c.cca2);
        idd.set(key, list);
      }
    }
  }

  const seenCountryNames = new Set<string>();
  for (const city of cities) {
    const country = byIso2.get(city.iso2);
    if (!country) continue;
    // city-timezones spells some countries the everyday English way ("Turkey", "Czech Republic", "Swaziland").
    const cn = `${city.iso2}|${city.country}`;
    if (!seenCountryNames.has(cn)) {
      seenCountryNames.add(cn);
      add(city.country, { iso2: city.iso2, via: 'name', rank: RANK.name + 0.5, weight: countryWeight(country), text: 'any' }, 3);
    }
    if (!(city.pop >= MIN_CITY_POPULATION)) continue;
    for (const name of new Set([city.city, city.city_ascii])) {
      if (name) add(name, { iso2: city.iso2, via: 'city', rank: RANK.city, weight: city.pop, text: 'capitalized' }, 4);
    }
  }

  const sameInText = (key: string, c: Candidate) => text.get(key) === c;
  return {
    countries: [...byIso2.values()].map((c) => [c.cca2, c.name.common, c.region, c.subregion, !!c.independent, c.area]),
    codes: [...codes].map(([key, c]) => [key, c.iso2, c.via]),
    keys: [...all].map(([key, c]) => [key, c.iso2, VIAS.indexOf(c.via), RULES.indexOf(c.text), sameInText(key, c) ? 1 : 0]),
    text: [...text].flatMap(([key, c]) => (all.get(key) !== c ? [[key, c.iso2, VIAS.indexOf(c.via), RULES.indexOf(c.text)] as [string, string, number, number]] : [])),
    idd: [...idd],
  };
}

/** The data module country-index.data.ts: the JSON as one string constant, parsed on the first lookup. */
export function renderDataModule(data: CountryIndexData): string {
  return [
    '// Generated by `npm run gen:countries` (scripts/gen-countries.ts, tools/domain/country-index-build.ts)',
    '// from world-countries and city-timezones. Do not edit.',
    // Single quotes: the JSON's many double quotes stay unescaped (JSON.stringify writes no raw line breaks).
    `export const COUNTRY_INDEX_JSON = '${JSON.stringify(data).replace(/[\\']/g, '\\$&')}';`,
    '',
  ].join('\n');
}
