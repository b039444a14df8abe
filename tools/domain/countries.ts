/**
 * Country resolution: ISO codes, names in many languages, demonyms, big cities, calling codes and
 * phone numbers → ISO 3166-1 alpha-2. Pure: the data comes from world-countries and city-timezones
 * (read at build time into country-index.data.ts, see country-index-build.ts) and libphonenumber-js;
 * the index is parsed once, on first use, and kept for the process.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import phoneMetadata from 'libphonenumber-js/min/metadata';
import MiniSearch from 'minisearch';
import { isAscii } from './util.js';
import { COUNTRY_INDEX_JSON } from './country-index.data.js';

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

const MAX_QUERY_LENGTH = 256;

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

/** How a key may match in free text. */
export type TextRule = 'any' | 'capitalized' | 'never';

/** The numbering of {@link CountryVia} and {@link TextRule} in the data file. */
export const VIAS: readonly CountryVia[] = ['iso2', 'iso3', 'name', 'alt', 'native', 'translation', 'demonym', 'city', 'calling_code', 'phone'];
export const RULES: readonly TextRule[] = ['any', 'capitalized', 'never'];

/** The index as country-index.data.ts holds it (written by country-index-build.ts). */
export interface CountryIndexData {
  /** ISO alpha-2, common English name, region, subregion, independent, area in km². */
  countries: Array<[string, string, string, string, boolean, number]>;
  /** ISO codes and code-like spellings ("uk", "uae"), lower case → country. */
  codes: Array<[string, string, 'iso2' | 'iso3']>;
  /** Every name key, in the order first added: key, iso2, via (VIAS), free-text rule (RULES), 1 when free text reads it the same way. */
  keys: Array<[string, string, number, number, 0 | 1]>;
  /** Free-text keys whose reading differs from that of `keys`. */
  text: Array<[string, string, number, number]>;
  /** Digits of a calling code (with NANP area code where world-countries lists one) → iso2 candidates. */
  idd: Array<[string, string[]]>;
}

interface Candidate {
  iso2: string;
  via: CountryVia;
  text: TextRule;
}

interface CountryInfo {
  name: string;
  region: string;
  subregion: string;
  independent: boolean;
  area: number;
}

interface Index {
  byIso2: Map<string, CountryInfo>;
  codes: Map<string, { iso2: string; via: 'iso2' | 'iso3' }>;
  /** Every key, for resolveCountry. */
  all: Map<string, Candidate>;
  /** Keys allowed in free text; null marks a stop phrase. */
  text: Map<string, Candidate | null>;
  /** First token → the longest key (in tokens) that starts with it. */
  firstToken: Map<string, number>;
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

let INDEX: Index | undefined;

function index(): Index {
  if (INDEX) return INDEX;
  const data = JSON.parse(COUNTRY_INDEX_JSON) as CountryIndexData;
  const byIso2 = new Map(data.countries.map(([iso2, name, region, subregion, independent, area]) => [iso2, { name, region, subregion, independent, area }]));
  const codes = new Map(data.codes.map(([key, iso2, via]) => [key, { iso2, via }]));
  const all = new Map<string, Candidate>();
  const text = new Map<string, Candidate | null>();
  for (const [key, iso2, via, rule, inText] of data.keys) {
    const cand: Candidate = { iso2, via: VIAS[via]!, text: RULES[rule]! };
    all.set(key, cand);
    if (inText) text.set(key, cand);
  }
  for (const [key, iso2, via, rule] of data.text) text.set(key, { iso2, via: VIAS[via]!, text: RULES[rule]! });
  for (const phrase of TEXT_STOP_PHRASES) text.set(normalizeName(phrase), null);

  const firstToken = new Map<string, number>();
  for (const key of text.keys()) {
    const parts = key.split(' ');
    const first = parts[0] as string;
    firstToken.set(first, Math.max(firstToken.get(first) ?? 0, parts.length));
  }

  INDEX = { byIso2, codes, all, text, firstToken, idd: new Map(data.idd) };
  return INDEX;
}

function resolved(iso2: string, via: CountryVia): ResolvedCountry | null {
  const c = index().byIso2.get(iso2);
  return c ? { iso2, name: c.name, via } : null;
}

/** Common English name for an ISO alpha-2 code. */
export function countryName(iso2: string): string | undefined {
  return index().byIso2.get(iso2.toUpperCase())?.name;
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
