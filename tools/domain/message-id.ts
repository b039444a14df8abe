/** Message IDs: a UUID (public API) or `msg_…` (the guide, sandbox `msg_test_…`). */
import { redactSecrets } from './redact.js';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MSG_ID_RE = /^msg_[A-Za-z0-9_-]{1,96}$/;
/** For finding IDs inside free text. */
export const MESSAGE_ID_IN_TEXT = /\b(?:msg_[A-Za-z0-9_-]{3,96}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi;

/** Holds an API key (pasted without a space after an ID): never sent to Sent in a URL, never echoed. */
const HOLDS_KEY = /sk_(?:live|test)_/i;

export function isMessageId(s: string): boolean {
  return s.length <= 100 && (UUID_RE.test(s) || (MSG_ID_RE.test(s) && !HOLDS_KEY.test(s)));
}

/** A short, printable rendering of a rejected ID, for error messages. */
export function describeBadId(s: string): string {
  const printable = redactSecrets(s).replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 37)}…` : printable;
}
