/**
 * Text → hashed sparse feature vector for the triage text model. Pure functions, no I/O.
 *
 * Steps, in order:
 * 1. keep the first {@link MAX_CHARS} characters;
 * 2. NFKC, lower-case, strip diacritics from Latin letters only (combining marks on other scripts,
 *    e.g. Devanagari vowel signs or Japanese dakuten, are part of the letter and stay);
 * 3. replace URLs, e-mail addresses, UUIDs and digit runs of 7+ digits (phone numbers, timestamps)
 *    with the placeholder words `_url_`, `_email_`, `_uuid_`, `_num_`. Shorter numbers stay as they
 *    are, so WhatsApp codes (`131049`), HTTP statuses (`401`) and codes such as `auth_002` are tokens;
 * 4. words are runs of letters, digits and `_` (a run of Han, Hiragana or Katakana is a word of its
 *    own, as those scripts do not separate words with spaces); a word made of `_`-joined parts (`fallback_reason`)
 *    also yields each part as a word;
 * 5. features: word unigrams `w:…`, bigrams of consecutive words `b:… …`, and character 2–5-grams
 *    `c:…` inside each word padded with one space either side (none for placeholders);
 * 6. each feature string is hashed with 32-bit FNV-1a over its UTF-8 bytes into 2^{@link HASH_BITS}
 *    buckets; within each of the three blocks (words, bigrams, character n-grams) counts per bucket
 *    become 1 + ln(count) (sublinear tf), times the bucket's inverse document frequency over the
 *    training texts when the model has one ({@link inverseDocumentFrequency}: tf-idf), and the block
 *    is L2-normalised on its own; the blocks are added (a bucket two blocks share gets both values)
 *    and the sum is L2-normalised.
 *
 * Normalising per block gives words and word pairs as much say as the character n-grams, which
 * otherwise outnumber them ~20 to 1 (a six-letter word has 22 n-grams). Leave-one-set-out through
 * the whole engine (with the averaged SGD of train.ts): 94.6 % → 95.1 % pooled (1,440 → 1,447 of
 * 1,522); char block weighted 0.7 / 1.5 instead of equal: 94.9 % / 94.6 % (both without averaging).
 *
 * The idf (version 3) stops words that every question has ("it", "does", " th") from carrying a
 * topic: under version 2 the word "it" alone moved 1.21 towards whatsapp-template-issues. Measured
 * the same way over 1,912 questions: 96.8 % → 97.5 % pooled, wrong at ≥ 0.8 13 → 9, off-topic
 * questions recognised 86.7 / 88.6 % → 93.3 / 94.3 %, the vague set left open 76.3 → 72.5 % (1 → 3
 * answered at ≥ 0.8). The idf on words and word pairs only (not on character n-grams) gave 97.1 %,
 * 10 wrong at ≥ 0.8 and the vague set left open 75.0 % (1 at ≥ 0.8).
 */

import { isAscii } from '../util.js';
import { BucketSums } from './counts.js';

/** Text past this many characters is ignored (long pastes are logs; their head carries the question). */
export const MAX_CHARS = 6000;
export const HASH_BITS = 18;
export const DIM = 1 << HASH_BITS;
const MASK = DIM - 1;
const MIN_GRAM = 2;
const MAX_GRAM = 5;
/** Bumped whenever the features change; a model trained with another version is refused. */
export const FEATURES_VERSION = 3;

/**
 * Inverse document frequency per bucket, quantised: a feature's value is multiplied by
 * `idf[bucket] · IDF_STEP` before its block is normalised (see {@link inverseDocumentFrequency}).
 */
export type TermWeights = Uint8Array;
export const IDF_STEP = 1 / 16;

/** A sparse vector: bucket indices (each once, in the order the text first gave them) and their values. */
export interface SparseVector {
  readonly index: Int32Array;
  readonly value: Float64Array;
}

/** {@link SparseVector} plus, per bucket, what put it there (for explanations). */
export interface NamedVector extends SparseVector {
  /** The first feature string that landed in the bucket, e.g. `w:invoice`, `b:my invoice`, `c: inv`. */
  readonly names: readonly string[];
  /** The words (unigrams and their character n-grams) or word pairs (bigrams) of the text behind the bucket, with counts. */
  readonly sources: readonly ReadonlyMap<string, number>[];
}

export const PLACEHOLDERS = ['_url_', '_email_', '_uuid_', '_num_'] as const;
const PLACEHOLDER_SET: ReadonlySet<string> = new Set(PLACEHOLDERS);

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s"'<>`]+/gu;
// The local part is bounded (RFC 5321: 64): an unbounded one is quadratic on long runs of letters.
const EMAIL_RE = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gu;
const LONG_DIGITS_RE = /\d{7,}/gu;
const LATIN_MARKS_RE = /(\p{Script=Latin})\p{M}+/gu;
/** Japanese and Chinese runs are words of their own, so `エラー131049` yields `エラー` and `131049`. */
const WORD_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc])[\p{L}\p{N}\p{M}_])+/gu;

/** {@link WORD_RE} on ASCII text, where letters, digits and marks are [a-z0-9] (the text is lower-cased). */
const ASCII_WORD_RE = /[A-Za-z0-9_]+/g;

/** Steps 1–3: the text the tokens are read from. */
export function normaliseText(text: string): string {
  const head = text.slice(0, MAX_CHARS);
  // ASCII is its own NFKC, NFD and NFC and has no marks: step 2 is then lower-casing alone.
  const folded = isAscii(head) ? head.toLowerCase() : head.normalize('NFKC').toLowerCase().normalize('NFD').replace(LATIN_MARKS_RE, '$1').normalize('NFC');
  // Each pattern needs a character most texts lack: a text without it is not scanned.
  let out = folded;
  if (out.includes('http') || out.includes('www.')) out = out.replace(URL_RE, ' _url_ ');
  if (out.includes('@')) out = out.replace(EMAIL_RE, ' _email_ ');
  if (out.includes('-')) out = out.replace(UUID_RE, ' _uuid_ ');
  return out.replace(LONG_DIGITS_RE, ' _num_ ');
}

/** Steps 1–4: the words of a text, in order (a `_`-joined word is followed by its parts). */
export function tokenise(text: string): string[] {
  const out: string[] = [];
  const normalised = normaliseText(text);
  for (const m of normalised.matchAll(isAscii(normalised) ? ASCII_WORD_RE : WORD_RE)) {
    const w = m[0];
    out.push(w);
    if (w.includes('_') && !PLACEHOLDER_SET.has(w)) for (const part of w.split('_')) if (part && part !== w) out.push(part);
  }
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Feeds one code point, as its UTF-8 bytes, into a running FNV-1a hash. */
function feed(h: number, cp: number): number {
  if (cp < 0x80) return Math.imul(h ^ cp, FNV_PRIME) >>> 0;
  if (cp < 0x800) {
    h = Math.imul(h ^ (0xc0 | (cp >> 6)), FNV_PRIME);
    return Math.imul(h ^ (0x80 | (cp & 63)), FNV_PRIME) >>> 0;
  }
  if (cp < 0x10000) {
    h = Math.imul(h ^ (0xe0 | (cp >> 12)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((cp >> 6) & 63)), FNV_PRIME);
    return Math.imul(h ^ (0x80 | (cp & 63)), FNV_PRIME) >>> 0;
  }
  h = Math.imul(h ^ (0xf0 | (cp >> 18)), FNV_PRIME);
  h = Math.imul(h ^ (0x80 | ((cp >> 12) & 63)), FNV_PRIME);
  h = Math.imul(h ^ (0x80 | ((cp >> 6) & 63)), FNV_PRIME);
  return Math.imul(h ^ (0x80 | (cp & 63)), FNV_PRIME) >>> 0;
}

function feedString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    h = feed(h, cp);
  }
  return h;
}

/** 32-bit FNV-1a of the UTF-8 bytes of `s`, as an unsigned integer. */
export function fnv1a(s: string): number {
  return feedString(FNV_OFFSET, s);
}

/** The bucket a feature string falls into. */
export function bucketOf(feature: string): number {
  return fnv1a(feature) & MASK;
}

const W_SEED = fnv1a('w:');
const B_SEED = fnv1a('b:');
const C_SEED = fnv1a('c:');
const SPACE = 0x20;

/** Feature blocks, each L2-normalised on its own before they are added: words, bigrams, character n-grams. */
const WORD = 0;
const BIGRAM = 1;
const CHAR = 2;
const BLOCKS = 3;

let cps = new Int32Array(64);

/** A feature's name (`w:…`, `b:… …`, `c:…`) and the word or word pair of the text it came from, for explanations. */
type OnNamed = (bucket: number, name: string, source: string) => void;

/**
 * Counts every feature occurrence of the text into its block. With `named` (explanations) it is also
 * told each feature's name and source; without, no n-gram string is ever built and nothing is called
 * per feature, so plain featurising allocates nothing per feature.
 */
function countFeatures(text: string, blocks: readonly BucketSums[], named?: OnNamed): void {
  const words = tokenise(text);
  const wordBlock = blocks[WORD]!;
  const bigramBlock = blocks[BIGRAM]!;
  const charBlock = blocks[CHAR]!;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const wb = feedString(W_SEED, w) & MASK;
    wordBlock.add(wb);
    if (named) named(wb, `w:${w}`, w);
    if (i > 0) {
      const prev = words[i - 1]!;
      const bb = feedString(feed(feedString(B_SEED, prev), SPACE), w) & MASK;
      bigramBlock.add(bb);
      if (named) named(bb, `b:${prev} ${w}`, `${prev} ${w}`);
    }
    if (PLACEHOLDER_SET.has(w)) continue;
    // The word's code points padded with a space either side, in a buffer reused across words.
    if (cps.length < w.length + 2) cps = new Int32Array(w.length * 2 + 2);
    let len = 0;
    cps[len++] = SPACE;
    for (let j = 0; j < w.length; j++) {
      const cp = w.codePointAt(j)!;
      if (cp > 0xffff) j++;
      cps[len++] = cp;
    }
    cps[len++] = SPACE;
    for (let s = 0; s + MIN_GRAM <= len; s++) {
      let h = C_SEED;
      for (let n = 1; n <= MAX_GRAM && s + n <= len; n++) {
        h = feed(h, cps[s + n - 1]!);
        if (n < MIN_GRAM) continue;
        charBlock.add(h & MASK);
        if (named) named(h & MASK, `c:${String.fromCodePoint(...cps.slice(s, s + n))}`, w);
      }
    }
  }
}

/** 1 + ln(count) for the counts most features have, so the hot path looks them up instead of calling Math.log. */
const TF = Float64Array.from({ length: 64 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
const tf = (count: number): number => (count < TF.length ? TF[count]! : 1 + Math.log(count));
/** Work table of {@link finish}, cleared and reused: only the returned arrays are allocated per call. */
const merged = new BucketSums();
/** Work array of {@link finish}: one block's feature weights. */
let weights = new Float64Array(1024);

/**
 * Per-block counts → sublinear tf (times idf), each block L2-normalised, blocks added (a bucket's
 * values in block order), the sum L2-normalised. Buckets come out in the order first seen.
 */
function finish(blocks: readonly BucketSums[], idf?: TermWeights): { index: Int32Array; value: Float64Array } {
  merged.clear();
  for (let k = 0; k < BLOCKS; k++) {
    const counts = blocks[k]!;
    if (weights.length < counts.size) weights = new Float64Array(counts.size * 2);
    // Each weight once (the idf table is out of cache between requests), then the norm, then the block added.
    for (let i = 0; i < counts.size; i++) {
      const t = tf(counts.sumAt(i));
      weights[i] = idf ? t * idf[counts.bucketAt(i)]! * IDF_STEP : t;
    }
    let norm = 0;
    for (let i = 0; i < counts.size; i++) norm += weights[i]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < counts.size; i++) merged.add(counts.bucketAt(i), weights[i]! / norm);
  }
  const n = merged.size;
  const index = new Int32Array(n);
  const value = new Float64Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    index[i] = merged.bucketAt(i);
    const v = merged.sumAt(i);
    value[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < n; i++) value[i]! /= norm;
  return { index, value };
}

const newBlocks = () => Array.from({ length: BLOCKS }, () => new BucketSums());
/** Reused by featurise (synchronous, so never shared by two calls at once). */
const scratch = newBlocks();

/** The hashed, sublinear-tf, L2-normalised feature vector of a text (empty for a text without words). */
export function featurise(text: string, idf?: TermWeights): SparseVector {
  for (const b of scratch) b.clear();
  countFeatures(text, scratch);
  return finish(scratch, idf);
}

/**
 * Smoothed inverse document frequency of every bucket over some texts' vectors (as featurised without
 * weights): ln((1 + n) / (1 + df)) + 1, as scikit-learn's TfidfTransformer, quantised in steps of
 * {@link IDF_STEP}. A bucket no text has gets the largest value.
 */
export function inverseDocumentFrequency(vectors: readonly SparseVector[]): TermWeights {
  const df = new Int32Array(DIM);
  for (const v of vectors) for (const b of v.index) df[b]!++;
  const n = vectors.length;
  return Uint8Array.from(df, (d) => Math.min(255, Math.round((Math.log((1 + n) / (1 + d)) + 1) / IDF_STEP)));
}

/** As {@link featurise}, also naming each bucket and the words of the text behind it (slower; for explanations). */
export function featuriseNamed(text: string, idf?: TermWeights): NamedVector {
  const blocks = newBlocks();
  const firstName = new Map<number, string>();
  const sources = new Map<number, Map<string, number>>();
  countFeatures(text, blocks, (b, name, source) => {
    if (!firstName.has(b)) firstName.set(b, name);
    let src = sources.get(b);
    if (!src) sources.set(b, (src = new Map()));
    src.set(source, (src.get(source) ?? 0) + 1);
  });
  const v = finish(blocks, idf);
  return { ...v, names: Array.from(v.index, (b) => firstName.get(b)!), sources: Array.from(v.index, (b) => sources.get(b)!) };
}
