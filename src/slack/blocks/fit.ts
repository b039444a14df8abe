/**
 * Keeps rendered answers within Slack's limits: long section texts are split (code fences kept
 * balanced), blocks are packed into at most a few messages, and what still does not fit is cut
 * with a pointer to the rest. Pure.
 */
import { LIMITS, context, type Block } from './kit.js';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

const FENCE = '```';
/** Room for a fence closed and reopened around a split. */
const SPLIT_AT = LIMITS.sectionText - 2 * FENCE.length - 4;

/** Splits a mrkdwn text into pieces that each fit a section, keeping ``` blocks balanced. */
export function splitMrkdwn(text: string, max = SPLIT_AT): string[] {
  if (text.length <= LIMITS.sectionText) return [text];
  const raw: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) raw.push(cur);
    cur = '';
  };
  for (const line of text.split('\n')) {
    const add = cur ? `\n${line}` : line;
    if (cur.length + add.length <= max) {
      cur += add;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > max) {
      const cutAt = safeCut(rest, max);
      raw.push(rest.slice(0, cutAt));
      rest = rest.slice(cutAt);
    }
    cur = rest;
  }
  flush();
  // Re-balance fences: a piece that ends inside a code block closes it; the next reopens it.
  const out: string[] = [];
  let open = false;
  for (const piece of raw) {
    let p: string = open ? FENCE + piece : piece;
    const fences: number = p.split(FENCE).length - 1;
    open = fences % 2 === 1;
    if (open) p += FENCE;
    out.push(p);
  }
  return out;
}

/** A cut position at whitespace when one is near, and never inside an `&amp;`-style entity. */
function safeCut(s: string, max: number): number {
  let at = max;
  const ws = s.lastIndexOf(' ', max);
  if (ws > max * 0.7) at = ws + 1;
  const amp = s.lastIndexOf('&', at);
  if (amp >= 0 && at - amp < 8 && !s.slice(amp, at).includes(';')) at = amp;
  return at > 0 ? at : max;
}

/** Every section whose text is over the limit becomes several sections. */
export function splitLongSections(blocks: Block[]): Block[] {
  return blocks.flatMap((b) => {
    if (b.type !== 'section' || !b.text || b.text.type !== 'mrkdwn' || b.text.text.length <= LIMITS.sectionText) return [b];
    const { accessory: _drop, ...rest } = b;
    return splitMrkdwn(b.text.text).map((t) => ({ ...rest, text: { type: 'mrkdwn' as const, text: t } }));
  });
}

/** All human-readable text in a block, for the per-message budget. */
export function blockChars(b: unknown): number {
  if (Array.isArray(b)) return b.reduce((n: number, x) => n + blockChars(x), 0);
  if (!b || typeof b !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) n += k === 'text' && typeof v === 'string' ? v.length : blockChars(v);
  return n;
}

export interface PackOptions {
  /** Notification text of the first message. */
  fallback: string;
  /** Where the rest can be read when the answer is cut. */
  pointer: string;
  maxMessages?: number;
}

/**
 * Packs blocks into messages of at most 50 blocks and ~12,000 characters. A trailing actions block
 * stays on the last message. Past `maxMessages`, the answer is cut and the pointer says where the rest is.
 */
export function packMessages(input: Block[], o: PackOptions): SlackMessage[] {
  const blocks = splitLongSections(input);
  const last = blocks[blocks.length - 1];
  const tail = last?.type === 'actions' ? [blocks.pop()!] : [];
  const reserveBlocks = tail.length + 1;
  const reserveChars = blockChars(tail) + o.pointer.length + 50;
  const maxMessages = o.maxMessages ?? 3;
  const pages: Block[][] = [[]];
  let chars = 0;
  let cut = false;
  for (const b of blocks) {
    const size = blockChars(b);
    const page = pages[pages.length - 1]!;
    if (page.length && (page.length + 1 > LIMITS.messageBlocks - reserveBlocks || chars + size > LIMITS.messageChars - reserveChars)) {
      if (pages.length === maxMessages) {
        cut = true;
        break;
      }
      pages.push([b]);
      chars = size;
    } else {
      page.push(b);
      chars += size;
    }
  }
  const lastPage = pages[pages.length - 1]!;
  if (cut) lastPage.push(context(`:scissors: This answer was cut to fit Slack. ${o.pointer}`));
  lastPage.push(...tail);
  return pages.map((p, i) => ({
    text: fallbackText(pages.length > 1 ? `${o.fallback} (part ${i + 1} of ${pages.length})` : o.fallback),
    blocks: p,
  }));
}

function fallbackText(s: string): string {
  return s.length <= LIMITS.fallbackText ? s : s.slice(0, LIMITS.fallbackText - 1) + '…';
}
