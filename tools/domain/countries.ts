/**
 * Country resolution: ISO codes, names in many languages, demonyms, big cities, calling codes and
 * phone numbers → ISO 3166-1 alpha-2. Pure: all data comes from world-countries, city-timezones and
 * libphonenumber-js; the indexes are built once, on first use, and kept for the process.
 */
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import phoneMetadata from 'libphonenumber-js/min/metadata';
import MiniSearch from 'minisearch';
import { isAscii } from './util.js';

export type CountryVia =
  | 'iso2'
  | 'iso3'
  | 'name'
  | 'native'
  | 'translation'
  | 'alt'
  | 'demonym'
  | 'city'
  | 'calling_code'
  | 'phone';

export interface ResolvedCountry {
  iso2: string;
  /** Common English name (world-countries). */
  name: string;
  via: CountryVia;
}

export interface CountryInText extends ResolvedCountry {
  /** The text as written. */
  match: string;
  /** UTF-16 offset of `match` in the text. */
  index: number;
}

/** Cities below this population are left out: too many of them are also common words or names. */
const MIN_CITY_POPULATION = 1_000_000;
const MAX_QUERY_LENGTH = 256;

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

/** Phrases that contain a country name but name something else (US states, idioms): consumed, never reported. */
const TEXT_STOP_PHRASES = ['new jersey', 'new mexico', 'guinea pig', 'turkey sandwich'];

/**
 * Two-letter codes that, written in capitals, are more often something else: English words ("IN", "IT", "NO",
 * "TO"), tech and business acronyms ("CI", "CD", "QA", "PR", "ID", "AI", "DM", "HR", "VC", "MS") or US state
 * and city abbreviations ("CA", "GA", "PA", "LA", "DE", "CO", "MA"). In free text they count only after an
 * explicit key such as `country_code:` or `region_code: "IT"`.
 */
const AMBIGUOUS_CODES = new Set([
  // English words and everyday abbreviations
  'AD', 'AM', 'AS', 'AT', 'BE', 'BY', 'DO', 'GO', 'IN', 'IS', 'IT', 'ME', 'MY', 'NO', 'OK', 'PM', 'RE', 'SO', 'ST', 'TO', 'UP', 'NA',
  // tech and business acronyms
  'AI', 'BI', 'CD', 'CI', 'CV', 'DM', 'FM', 'GB', 'HR', 'ID', 'IO', 'ML', 'MS', 'PR', 'PS', 'QA', 'TV', 'VC',
  // US state, territory and city abbreviations that are also ISO codes
  'AL', 'AR', 'AZ', 'CA', 'CO', 'DE', 'GA', 'GU', 'IL', 'LA', 'MA', 'MD', 'MN', 'MO', 'MP', 'MT', 'NC', 'NE', 'PA', 'SC', 'SD', 'TN', 'VA', 'VI',
]);

/** Upper-case short forms that are unambiguous anywhere in a ticket. RSA is left out: it is also a cipher. */
const UPPER_ANYWHERE = new Set(['US', 'UK', 'USA', 'UAE', 'DRC', 'DPRK']);

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

/** How a key may match in free text. */
type TextRule = 'any' | 'capitalized' | 'never';

interface Candidate {
  iso2: string;
  via: CountryVia;
  rank: number;
  /** Tie-break among equal ranks: independent states and larger places first. */
  weight: number;
  text: TextRule;
}

interface Index {
  byIso2: Map<string, Country>;
  codes: Map<string, { iso2: string; via: 'iso2' | 'iso3' }>;
  /** Every key, for resolveCountry. */
  all: Map<string, Candidate>;
  /** Keys allowed in free text; null marks a stop phrase. */
  text: Map<string, Candidate | null>;
  /** First token → the longest key (in tokens) that starts with it. */
  firstToken: Map<string, number>;
  /** Digits of a calling code (with NANP area code where world-countries lists one) → iso2 candidates. */
  idd: Map<string, string[]>;
}

const TOKEN_RE = /[\p{L}\p{M}\p{N}_]+/gu;
/** {@link TOKEN_RE} on ASCII text, where it is the same and faster. */
const ASCII_TOKEN_RE = /[A-Za-z0-9_]+/g;

/** Lower case, no accents: "São Tomé" → "sao tome". ASCII, most tokens, only needs lower-casing. */
function foldToken(token: string): string {
  for (let i = 0; i < token.length; i++) {
    if (token.charCodeAt(i) > 0x7f) return token.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  }
  return token.toLowerCase();
}

/** A name as the index stores it: folded tokens joined by single spaces. */
export function normalizeName(s: string): string {
  // Half the names the index is built from are ASCII, where tokens are [A-Za-z0-9_] runs and folding is lower-casing.
  if (isAscii(s)) return (s.match(ASCII_TOKEN_RE) ?? []).join(' ').toLowerCase();
  const tokens = s.match(TOKEN_RE);
  return tokens ? tokens.map(foldToken).join(' ') : '';
}

// The two data packages (about 2 MB of JSON) load when the index is first built, not at import:
// processes that never resolve a country (an MCP server listing its tools) start faster.
const requireData = createRequire(import.meta.url);

function loadCountries(): Country[] {
  // The package types describe an ES default export; its CommonJS entry exports the array (or {default}).
  const mod = requireData('world-countries') as unknown;
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

let INDEX: Index | undefined;

function index(): Index {
  if (INDEX) return INDEX;
  const countries = loadCountries();
  const byIso2 = new Map<string, Country>();
  const codes = new Map<string, { iso2: string; via: 'iso2' | 'iso3' }>();
  const all = new Map<string, Candidate>();
  const text = new Map<string, Candidate | null>();
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
    if (prevText === null) return;
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
  const cityTimezones = requireData('city-timezones') as { cityMapping: Array<{ city: string; city_ascii: string; iso2: string; country: string; pop: number; province?: string }> };
  for (const city of cityTimezones.cityMapping) {
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

  for (const phrase of TEXT_STOP_PHRASES) text.set(normalizeName(phrase), null);

  const firstToken = new Map<string, number>();
  for (const key of text.keys()) {
    const parts = key.split(' ');
    const first = parts[0] as string;
    firstToken.set(first, Math.max(firstToken.get(first) ?? 0, parts.length));
  }

  INDEX = { byIso2, codes, all, text, firstToken, idd };
  return INDEX;
}

function resolved(iso2: string, via: CountryVia): ResolvedCountry | null {
  const c = index().byIso2.get(iso2);
  return c ? { iso2, name: c.name.common, via } : null;
}

/** Common English name for an ISO alpha-2 code. */
export function countryName(iso2: string): string | undefined {
  return index().byIso2.get(iso2.toUpperCase())?.name.common;
}

/** world-countries region and subregion ("Africa" / "Northern Africa"), for advice that depends on the region. */
export function countryRegion(iso2: string): { region: string; subregion: string } | undefined {
  const c = index().byIso2.get(iso2.toUpperCase());
  return c ? { region: c.region, subregion: c.subregion } : undefined;
}

const callingCodes = phoneMetadata.country_calling_codes as Record<string, string[] | undefined>;

/**
 * Country for a calling code, optionally followed by more digits (an area code or a whole number).
 * world-countries knows NANP area codes (+1-809 → DO); libphonenumber knows each code's main country (+1 → US).
 */
function countryForDigits(digits: string, exact: boolean): string | undefined {
  const { idd, byIso2 } = index();
  const pick = (list: string[], code: string): string | undefined => {
    const main = callingCodes[code]?.[0];
    if (main && list.includes(main)) return main;
    return [...list].sort((a, b) => {
      const ca = byIso2.get(a);
      const cb = byIso2.get(b);
      return Number(cb?.independent ?? 0) - Number(ca?.independent ?? 0) || (cb?.area ?? 0) - (ca?.area ?? 0);
    })[0];
  };
  if (exact) {
    const list = idd.get(digits);
    if (list) return pick(list, digits);
    return callingCodes[digits]?.[0];
  }
  for (let n = Math.min(digits.length, 7); n >= 1; n--) {
    const list = idd.get(digits.slice(0, n));
    if (list) return pick(list, digits.slice(0, n));
  }
  for (let n = 3; n >= 1; n--) {
    const main = callingCodes[digits.slice(0, n)]?.[0];
    if (main) return main;
  }
  return undefined;
}

/** ISO alpha-2 of the country an E.164 number belongs to (libphonenumber first, then its calling code). */
export function countryFromPhone(e164: string): string | undefined {
  const raw = e164.trim().slice(0, 64);
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 17) return undefined;
  const parsed = parsePhoneNumberFromString(raw.startsWith('+') ? raw : `+${digits}`);
  if (parsed?.country) return parsed.country;
  return countryForDigits(digits, false);
}

const CALLING_CODE_QUERY = /^\+?\s*(\d{1,4})(?:\s*[-\s]\s*\(?(\d{3})\)?(?:\/\d{3})*)?$/;

function resolveNumeric(q: string): ResolvedCountry | null {
  const cc = CALLING_CODE_QUERY.exec(q);
  if (cc) {
    const digits = (cc[1] ?? '') + (cc[2] ?? '');
    const iso2 = countryForDigits(digits, true) ?? (cc[2] ? countryForDigits(cc[1] ?? '', true) : undefined);
    if (iso2) return resolved(iso2, 'calling_code');
  }
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 7) {
    const iso2 = countryFromPhone(q);
    if (iso2) return resolved(iso2, 'phone');
  }
  return null;
}

/**
 * Resolve one query to a country: ISO alpha-2/alpha-3, English, native or translated name, alternative
 * spelling, demonym, big city or capital, calling code or phone number. Case and accent insensitive.
 */
export function resolveCountry(query: string): ResolvedCountry | null {
  if (typeof query !== 'string') return null;
  // NFKC folds full-width forms ("ＤＺ", "＋２１３") into plain ones.
  const q = query.slice(0, MAX_QUERY_LENGTH * 2).normalize('NFKC').trim().slice(0, MAX_QUERY_LENGTH);
  if (!q) return null;
  if (/^[+\d][\d\s().\-/]*$/.test(q)) return resolveNumeric(q);
  const idx = index();
  if (/^[A-Za-z]{2,4}$/.test(q)) {
    const code = idx.codes.get(q.toLowerCase());
    if (code) {
      // "UK", "UAE": code-like alternative spellings, not ISO codes.
      const isAlt = code.via === 'iso2' && !idx.byIso2.has(q.toUpperCase());
      return resolved(code.iso2, isAlt ? 'alt' : code.via);
    }
  }
  const key = normalizeName(q);
  const hit = idx.all.get(key) ?? idx.all.get(key.replace(/^the /, ''));
  return hit ? resolved(hit.iso2, hit.via) : null;
}

let SUGGEST: MiniSearch<{ id: string; name: string; iso2: string }> | undefined;

/** Closest country names for a query that did not resolve (typos, partial names). */
export function suggestCountries(query: string, limit = 3): string[] {
  const q = normalizeName(String(query).slice(0, MAX_QUERY_LENGTH));
  if (!q) return [];
  if (!SUGGEST) {
    const idx = index();
    SUGGEST = new MiniSearch({ fields: ['name'], storeFields: ['iso2'], idField: 'id' });
    const docs: { id: string; name: string; iso2: string }[] = [];
    for (const [key, cand] of idx.all) {
      if (cand.via === 'name' || cand.via === 'alt' || cand.via === 'translation' || cand.via === 'native') {
        docs.push({ id: key, name: key, iso2: cand.iso2 });
      }
    }
    SUGGEST.addAll(docs);
  }
  const out: string[] = [];
  for (const r of SUGGEST.search(q, { fuzzy: 0.3, prefix: true })) {
    const name = countryName(String(r.iso2));
    if (name && !out.includes(name)) out.push(name);
    if (out.length >= limit) break;
  }
  return out;
}

// Free text --------------------------------------------------------------------------------------

/** A code written right after a key that names it as a country: `region_code: "DZ"`, `country=AE`. */
const KEY_CONTEXT = /(?:country|region|iso)[\w-]*["']?\s*[:=]\s*["']?$/i;
/** A code or calling code right after a word that points at a place: "to DZ", "in AE", "prefix +213". */
const WORD_CONTEXT = /\b(?:to|in|from|for|into|towards|country|destination|region)\s+$/i;
const CALLING_CONTEXT = /\b(?:to|in|from|for|into|country|destination|region|prefix|code|numbers?)\s*:?\s*$/i;
const PHONE_RE = /(?<![\w+])\+\d[\d\s().-]{5,18}\d(?![\d])/g;
const BARE_CODE_RE = /(?<![\w+])\+(\d{1,4})(?:-(\d{3}))?(?![\d%.,]?\d)/g;
const AFTER_BARE_CODE = /^\s*(?:[•*xX#…]|\.{3}|numbers?\b|prefix\b|phones?\b|mobiles?\b)/;

function isCapitalized(s: string): boolean {
  const ch = s.charAt(0);
  // Scripts without case (Arabic, CJK) count as capitalised.
  return ch !== ch.toLowerCase() || ch.toLowerCase() === ch.toUpperCase();
}

interface Token {
  raw: string;
  folded: string;
  start: number;
  end: number;
}

/**
 * Every country mention in a free text (a ticket, a Slack message): names (also multi-word and
 * translated), demonyms, big cities, ISO codes where the context makes them unambiguous, calling codes
 * and E.164 numbers. Ordered by position; one entry per mention.
 */
export function findCountriesInText(text: string): CountryInText[] {
  if (typeof text !== 'string' || !text) return [];
  const idx = index();
  const out: CountryInText[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);

  if (text.includes('+')) {
    for (const m of text.matchAll(PHONE_RE)) {
      const iso2 = countryFromPhone(m[0]);
      const r = iso2 ? resolved(iso2, 'phone') : null;
      if (!r) continue;
      out.push({ ...r, match: m[0], index: m.index });
      taken.push([m.index, m.index + m[0].length]);
    }
    for (const m of text.matchAll(BARE_CODE_RE)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const code = m[1] ?? '';
      const area = m[2];
      // "+1" alone is a thumbs-up far more often than a calling code.
      if (code.length < 2 && !area) continue;
      const before = text.slice(Math.max(0, start - 30), start);
      const after = text.slice(end, end + 20);
      const masked = AFTER_BARE_CODE.test(after);
      if (!masked && !CALLING_CONTEXT.test(before)) continue;
      // A masked number ("+2135*****12") keeps a digit or two of the national number after the code.
      const iso2 =
        (area ? countryForDigits(code + area, true) : undefined) ??
        countryForDigits(code, true) ??
        (masked && code.length > 1 ? countryForDigits(code, false) : undefined);
      const r = iso2 ? resolved(iso2, 'calling_code') : null;
      if (!r) continue;
      out.push({ ...r, match: m[0], index: start });
      taken.push([start, end]);
    }
  }

  const tokens: Token[] = [];
  for (const m of text.matchAll(isAscii(text) ? ASCII_TOKEN_RE : TOKEN_RE)) {
    tokens.push({ raw: m[0], folded: foldToken(m[0]), start: m.index, end: m.index + m[0].length });
  }

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    const maxLen = idx.firstToken.get(tok.folded);
    let matched = 0;
    if (maxLen) {
      for (let n = Math.min(maxLen, tokens.length - i); n >= 1 && !matched; n--) {
        const key = n === 1 ? tok.folded : tokens.slice(i, i + n).map((t) => t.folded).join(' ');
        if (!idx.text.has(key)) continue;
        const cand = idx.text.get(key);
        const last = tokens[i + n - 1] as Token;
        if (cand === null) {
          matched = n; // stop phrase: consume it, report nothing
          break;
        }
        if (!cand || (cand.text === 'capitalized' && !isCapitalized(tok.raw))) continue;
        if (overlaps(tok.start, last.end)) continue;
        const r = resolved(cand.iso2, cand.via);
        if (r) out.push({ ...r, match: text.slice(tok.start, last.end), index: tok.start });
        matched = n;
      }
    }
    if (matched) {
      i += matched - 1;
      continue;
    }
    const code = codeInText(tok, text);
    if (code) out.push({ ...code, match: tok.raw, index: tok.start });
  }

  return out.sort((a, b) => a.index - b.index);
}

function codeInText(tok: Token, text: string): ResolvedCountry | null {
  const raw = tok.raw;
  if (!/^[A-Z]{2,4}$/.test(raw)) return null;
  // Part of a longer identifier or path ("sk_live_AE", "/AE/"): not a country mention.
  const prev = text.charAt(tok.start - 1);
  const next = text.charAt(tok.end);
  if (/[/.@\-]/.test(prev) || /[/@\-]/.test(next)) return null;
  const idx = index();
  const code = idx.codes.get(raw.toLowerCase());
  if (!code) return null;
  const before = text.slice(Math.max(0, tok.start - 40), tok.start);
  const via: CountryVia = raw.length === 2 && idx.byIso2.has(raw) ? 'iso2' : raw.length === 3 && code.via === 'iso3' ? 'iso3' : 'alt';
  if (UPPER_ANYWHERE.has(raw)) return resolved(code.iso2, via);
  if (KEY_CONTEXT.test(before)) return resolved(code.iso2, via);
  if (raw.length === 2 && !AMBIGUOUS_CODES.has(raw) && WORD_CONTEXT.test(before)) return resolved(code.iso2, via);
  return null;
}
