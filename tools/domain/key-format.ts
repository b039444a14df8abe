/**
 * Offline checks of an API key as a user pasted or configured it. Sources: the guide ("use the
 * x-api-key header, not Authorization: Bearer"; "no trailing whitespace or newline") and
 * sent-api-facts §1.2 ([CONFLICT] docs: UUID keys; SDK: sk_live_… / sk_test_… — both accepted).
 *
 * Nothing is cleaned silently: every layer peeled off (quotes, a header name, "Bearer ",
 * whitespace) is reported as a problem the user must fix, and such a key is not sent online.
 */
import { UUID_RE } from './payload-fields.js';

export const KEY_PROBLEMS = [
  'empty',
  'whitespace',
  'quoted',
  'bearer_prefix',
  'header_included',
  'placeholder',
  'unexpected_format',
] as const;
export type KeyProblem = (typeof KEY_PROBLEMS)[number];
export type KeyKind = 'sk_live' | 'sk_test' | 'uuid' | 'unknown';

export interface KeyFormat {
  ok: boolean;
  problems: KeyProblem[];
  kind: KeyKind;
  /** True when the key may be sent to Sent as it is (only `unexpected_format`, if anything, was found). */
  sendable: boolean;
  /** The key with the reported layers peeled off: for fingerprints only; never output it. */
  core: string;
}

/** Longer than any credential; beyond this the text is not examined further. */
export const MAX_KEY_LENGTH = 4096;

const SK_RE = /^sk_(live|test)_[A-Za-z0-9_-]{6,}$/;
/** Whitespace, control characters and the invisible marks copy-paste brings along. */
const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const INVISIBLE_EDGES = new RegExp(`^${INVISIBLE.source}+|${INVISIBLE.source}+$`, 'g');
const HEADER_RE = /^(?:export\s+)?(?:x[-_]api[-_]key|api[-_ ]?key|authorization|sent_dm_api_key|sent_api_key)\s*[:=]\s*/i;
const BEARER_RE = /^bearer(?:\s+|:\s*|$)/i;
const QUOTE_PAIRS: Record<string, string> = { '"': '"', "'": "'", '`': '`', '“': '”', '‘': '’', '«': '»' };
const QUOTE_CHARS = new Set([...Object.keys(QUOTE_PAIRS), ...Object.values(QUOTE_PAIRS)]);

const PLACEHOLDER_RES = [
  /^<.*>$/s,
  /^\{\{?.*\}?\}$/s,
  /^\[.*\]$/s,
  /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/, // an unexpanded $SENT_DM_API_KEY
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // cmd.exe %VAR%
  /^process\.env\.\w+$/,
  /your.{0,12}(?:key|token|api)|(?:key|token).{0,6}here/i,
  /^(?:x{3,}|\*{3,}|\.{3,}|…+|-{3,}|0{8,}|[x-]{8,})$/i,
  /^(?:api[_-]?key|key|changeme|change[_-]me|replace[_-]?me|dummy|test|example|null|undefined|none|secret|token|sk_live_?|sk_test_?)$/i,
  /example|placeholder|dummy|changeme/i,
  /^sk_(?:live|test)_(?:x+|\.+|…|\*+|your.*|<.*>|\{.*\}|\[.*\])$/i,
];

export function isPlaceholder(core: string): boolean {
  return PLACEHOLDER_RES.some((re) => re.test(core));
}

export function keyKind(core: string): KeyKind {
  const m = SK_RE.exec(core);
  if (m) return m[1] === 'live' ? 'sk_live' : 'sk_test';
  return UUID_RE.test(core) ? 'uuid' : 'unknown';
}

/** The kind shown by a fingerprint (`sk_test_…9f3a`); UUID keys are not recognisable from one. */
export function kindFromFingerprint(fp: string): KeyKind {
  if (fp.startsWith('sk_live_')) return 'sk_live';
  if (fp.startsWith('sk_test_')) return 'sk_test';
  return 'unknown';
}

export function checkKeyFormat(raw: string): KeyFormat {
  if (raw.length > MAX_KEY_LENGTH)
    return { ok: false, problems: ['unexpected_format'], kind: 'unknown', sendable: false, core: '' };
  const problems = new Set<KeyProblem>();
  let s = raw;
  // Peel the layers people paste around a key, in any order, each one reported.
  for (let round = 0; round < 8; round++) {
    const before = s;
    const trimmed = s.replace(INVISIBLE_EDGES, '');
    if (trimmed !== s) {
      problems.add('whitespace');
      s = trimmed;
    }
    const header = HEADER_RE.exec(s);
    if (header) {
      problems.add('header_included');
      s = s.slice(header[0].length);
    }
    const bearer = BEARER_RE.exec(s);
    if (bearer) {
      problems.add('bearer_prefix');
      s = s.slice(bearer[0].length);
    }
    const first = s[0] ?? '';
    const last = s[s.length - 1] ?? '';
    if (s.length >= 2 && QUOTE_PAIRS[first] === last) {
      problems.add('quoted');
      s = s.slice(1, -1);
    } else if (QUOTE_CHARS.has(first) || QUOTE_CHARS.has(last)) {
      problems.add('quoted');
      s = s.slice(QUOTE_CHARS.has(first) ? 1 : 0, QUOTE_CHARS.has(last) && s.length > 1 ? -1 : undefined);
    }
    if (s === before) break;
  }
  const core = s;
  if (core === '') problems.add('empty');
  else {
    if (INVISIBLE.test(core)) problems.add('whitespace');
    if (isPlaceholder(core)) problems.add('placeholder');
  }
  const kind = keyKind(core.replace(new RegExp(INVISIBLE.source, 'g'), ''));
  if (core !== '' && kind === 'unknown' && !problems.has('placeholder')) problems.add('unexpected_format');
  const list = KEY_PROBLEMS.filter((p) => problems.has(p));
  const sendable =
    list.every((p) => p === 'unexpected_format') && /^[\x21-\x7e]{8,512}$/.test(core);
  return { ok: list.length === 0, problems: list, kind, sendable, core };
}

/** What each problem means and what to do, in plain words (never quoting the key). */
export const KEY_PROBLEM_TEXT: Record<KeyProblem, string> = {
  empty: 'The key is empty. Copy it from Dashboard → API Keys.',
  whitespace:
    'The key has a space, newline or invisible character at its start, end or inside. These are invisible but make authentication fail (AUTH_002). Copy the key again with the copy button in Dashboard → API Keys and check your .env file or secret store for a trailing newline.',
  quoted:
    'The key is wrapped in quotes, which would be sent as part of the key. Remove the quotes (in a .env file, check that your loader strips them).',
  bearer_prefix:
    'The key starts with "Bearer". Sent authenticates with the x-api-key header carrying only the key, not Authorization: Bearer.',
  header_included:
    'The value includes a header or variable name (such as "x-api-key:" or "SENT_DM_API_KEY="). Pass only the key itself.',
  placeholder:
    'This is a placeholder from an example (such as YOUR_API_KEY_HERE or xxx) or an environment variable that was never expanded, not a real key. Use the key from Dashboard → API Keys.',
  unexpected_format:
    'The key is neither sk_live_…/sk_test_… (the format the SDKs document) nor a UUID (the format the API docs describe). It may still be valid: the online check decides.',
};
