/**
 * Text from an export made safe for where it goes: a terminal (no escape sequences), a
 * spreadsheet (no formulas), a shared report (keys redacted, phones masked).
 */
import { maskPhonesInText, redactSecrets } from '../../tools/domain/redact.js';

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** No terminal escape sequence (ESC, CSI, OSC…) or bidi override survives; tabs and newlines stay. */
export function stripControls(s: string): string {
  // An ESC-introduced sequence goes whole (ESC [ 31 m), not just its ESC byte.
  return s
    .replace(/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g, '')
    .replace(/(?:\u001b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g, '')
    .replace(/\u001b[@-_]?/g, '')
    .replace(CONTROL_RE, '');
}

/** A ticket id fit for one line of any output: no controls or line breaks, no key, at most 200 characters. */
export function cleanId(raw: unknown): string {
  const s = stripControls(String(raw)).replace(/\s+/g, ' ').trim().slice(0, 200);
  return redactSecrets(s);
}

/** A line for stdout/stderr: no escape sequences, keys redacted. */
export function terminalSafe(s: string): string {
  return redactSecrets(stripControls(s));
}

/**
 * One CSV cell, spreadsheet-safe: a value starting with `=` `+` `-` `@`, a tab or a carriage
 * return would be read as a formula by Excel, LibreOffice or Google Sheets, so it gets a leading
 * `'` (OWASP's advice); then quoted when it holds the delimiter, a quote or a line break.
 */
export function csvCell(value: string, delimiter = ','): string {
  let s = redactSecrets(stripControls(value));
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(delimiter) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** For a report others will read: keys redacted, phone numbers masked, no controls. */
export function shareable(s: string): string {
  return maskPhonesInText(redactSecrets(stripControls(s)));
}
