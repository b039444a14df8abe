/**
 * Whatever the user handed over (an object, JSON text, a curl command, a log line with JSON in it)
 * → one plain JSON object to validate, or the finding that says why there is none. Bounded: input
 * size and nesting depth are capped before anything recursive touches the data.
 */
import { finding, isPlainObject, show, typeName, type Finding } from './payload-codes.js';
import { curlBody, curlFindings, looksLikeCurl, parseCurl, type CurlRequest } from './payload-curl.js';

export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** A message body is 3–4 levels deep; 64 leaves room for anything real. */
export const MAX_DEPTH = 64;
/** How many `{` a log line is searched from before giving up (keeps adversarial input linear-ish). */
const MAX_CANDIDATES = 50;

export type InputKind = 'object' | 'json' | 'curl' | 'text' | 'none';

export interface Extracted {
  kind: InputKind;
  /** The payload to validate; null when there is none (a finding says why). */
  value: Record<string, unknown> | null;
  findings: Finding[];
  /** The parsed curl command, when the input was one. */
  curl?: CurlRequest;
}

const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;

function tooBig(bytes: number): Finding {
  return finding(
    'invalid_json',
    '$',
    `The payload is ${kb(bytes)}; the limit is ${kb(MAX_PAYLOAD_BYTES)}. A POST /v3/messages body is normally a few KB.`,
    'Paste only the request body (the JSON object sent to POST /v3/messages), not a whole log or file.',
  );
}

function tooDeep(): Finding {
  return finding(
    'invalid_json',
    '$',
    `The payload is nested more than ${MAX_DEPTH} levels deep (or refers to itself); a message body is 3–4 levels deep.`,
    'Paste the request body itself: an object with to, template or text, and channel.',
  );
}

/** Deepest `{`/`[` nesting of JSON text, counted outside strings; stops early past the cap. */
export function jsonTextDepth(s: string, cap = MAX_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inStr) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inStr = false;
      continue;
    }
    if (c === 34) inStr = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > cap) return max;
      }
    } else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
  }
  return max;
}

/** Depth of an in-memory value, iteratively (a cycle shows as "too deep"). */
function valueDepthExceeds(v: unknown, cap = MAX_DEPTH, maxNodes = 200_000): boolean {
  const stack: Array<[unknown, number]> = [[v, 1]];
  let nodes = 0;
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    if (d > cap || ++nodes > maxNodes) return true;
    for (const child of Object.values(x)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return false;
}

export function extractPayload(input: unknown): Extracted {
  if (typeof input === 'string') return fromText(input);
  if (isPlainObject(input)) {
    try {
      return fromObject(input);
    } catch {
      // Getters that throw, proxies: an object handed over in-process, not JSON.
      return { kind: 'object', value: null, findings: [finding('invalid_json', '$', 'The payload object cannot be read as JSON.', 'Pass plain JSON values: strings, numbers, booleans, arrays and objects.')] };
    }
  }
  if (input === undefined)
    return { kind: 'none', value: null, findings: [finding('not_an_object', '$', 'No payload was given.', 'Pass the request body of POST /v3/messages as a JSON object or text.')] };
  return { kind: 'none', value: null, findings: [notAnObject(input)] };
}

function notAnObject(v: unknown): Finding {
  const one = Array.isArray(v) && v.length === 1 && isPlainObject(v[0]);
  return finding(
    'not_an_object',
    '$',
    `The payload is ${typeName(v)}; the body of POST /v3/messages is one JSON object.`,
    one
      ? 'Send the object inside the array, not an array around it; several recipients go in the "to" array of one object.'
      : 'Send a JSON object such as {"to": ["+14155551234"], "template": {"id": "tmpl_abc123"}, "channel": "whatsapp"}.',
  );
}

function fromObject(o: Record<string, unknown>): Extracted {
  if (valueDepthExceeds(o)) return { kind: 'object', value: null, findings: [tooDeep()] };
  let text: string | undefined;
  try {
    text = JSON.stringify(o);
  } catch (e) {
    const why = e instanceof Error && /bigint/i.test(e.message) ? ' (it holds a BigInt)' : '';
    return {
      kind: 'object',
      value: null,
      findings: [finding('invalid_json', '$', `The payload object cannot be written as JSON${why}.`, 'Pass plain JSON values: strings, numbers, booleans, arrays and objects.')],
    };
  }
  if (text === undefined) return { kind: 'object', value: null, findings: [notAnObject(o)] };
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_PAYLOAD_BYTES) return { kind: 'object', value: null, findings: [tooBig(bytes)] };
  const back: unknown = JSON.parse(text);
  return isPlainObject(back) ? { kind: 'object', value: back, findings: [] } : { kind: 'object', value: null, findings: [notAnObject(back)] };
}

function fromText(raw: string): Extracted {
  const bytes = Buffer.byteLength(raw);
  if (bytes > MAX_PAYLOAD_BYTES) return { kind: 'none', value: null, findings: [tooBig(bytes)] };
  const s = raw.replace(/^\ufeff/, '').trim();
  if (s === '')
    return { kind: 'none', value: null, findings: [finding('invalid_json', '$', 'The payload is empty.', 'Paste the JSON body of your POST /v3/messages request.')] };
  if (looksLikeCurl(s)) {
    const req = parseCurl(s);
    const headerFindings = curlFindings(req);
    const body = curlBody(req);
    if (body === undefined) {
      const f = req.dataFiles.length
        ? finding(
            'invalid_json',
            '$',
            `The curl command reads its body from the file ${show(req.dataFiles[0]!)} (-d @file), which cannot be read here.`,
            'Paste the content of that file, or the curl command with the JSON written inline after -d.',
          )
        : finding('invalid_json', '$', 'The curl command has no body (-d, --data, --data-raw or --json).', 'Add the JSON body with -d \'{"to": [...], ...}\', or paste the body itself.');
      return { kind: 'curl', value: null, findings: [f, ...headerFindings] };
    }
    const parsed = parseJsonText(body.trim(), false);
    return { kind: 'curl', value: parsed.value, findings: [...parsed.findings, ...headerFindings], curl: req };
  }
  const parsed = parseJsonText(s, true);
  return { kind: parsed.embedded ? 'text' : 'json', value: parsed.value, findings: parsed.findings };
}

interface Parsed {
  value: Record<string, unknown> | null;
  findings: Finding[];
  embedded?: boolean;
}

function parseJsonText(s: string, allowEmbedded: boolean): Parsed {
  if (jsonTextDepth(s) > MAX_DEPTH) return { value: null, findings: [tooDeep()] };
  let error: unknown;
  try {
    return fromParsed(JSON.parse(s));
  } catch (e) {
    error = e;
  }
  // A log line or message with the JSON somewhere inside it. Text that starts like JSON is only
  // read from its start, so a broken body is reported as broken, not replaced by an inner object.
  if (allowEmbedded || s.startsWith('{')) {
    const found = firstJsonObject(s, !s.startsWith('{'));
    if (found) return { value: found, findings: [], embedded: true };
  }
  if (!s.includes('{'))
    return {
      value: null,
      findings: [finding('invalid_json', '$', 'No JSON object was found in the text.', 'Paste the JSON body of the request, starting with { and ending with }.')],
    };
  return { value: null, findings: [syntaxFinding(s, error)] };
}

function fromParsed(v: unknown): Parsed {
  if (isPlainObject(v)) return { value: v, findings: [] };
  // JSON encoded twice: a JSON string whose content is the object.
  if (typeof v === 'string') {
    const inner = v.trim();
    if (inner.startsWith('{') && jsonTextDepth(inner) <= MAX_DEPTH) {
      try {
        const o: unknown = JSON.parse(inner);
        if (isPlainObject(o))
          return {
            value: o,
            findings: [
              finding(
                'not_an_object',
                '$',
                'The payload is a JSON string that contains the JSON object: the body was encoded twice (JSON.stringify applied to a string that was already JSON).',
                'Stringify the object once. The corrected payload is the decoded object.',
              ),
            ],
          };
      } catch {
        /* not JSON inside: fall through */
      }
    }
  }
  return { value: null, findings: [notAnObject(v)] };
}

/** The first balanced `{…}` in the text that parses as a JSON object. */
function firstJsonObject(s: string, scan: boolean): Record<string, unknown> | null {
  let from = s.indexOf('{');
  for (let tries = 0; from >= 0 && tries < MAX_CANDIDATES; tries++) {
    const end = balancedEnd(s, from);
    if (end > 0) {
      try {
        const v: unknown = JSON.parse(s.slice(from, end + 1));
        if (isPlainObject(v)) return v;
      } catch {
        /* try the next candidate */
      }
    }
    if (!scan) return null;
    from = s.indexOf('{', from + 1);
  }
  return null;
}

function balancedEnd(s: string, start: number): number {
  let depth = 0;
  let inStr = false;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
      continue;
    }
    if (c === 34) inStr = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return -1;
    } else if (c === 125 || c === 93) {
      if (--depth === 0) return i;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

/** A JSON syntax error in our own words (the engine's message can quote the input, keys included). */
function syntaxFinding(s: string, error: unknown): Finding {
  const msg = error instanceof Error ? error.message : '';
  const pos = /position (\d+)/.exec(msg);
  let where = '';
  if (pos) {
    const p = Math.min(Number(pos[1]), s.length);
    const before = s.slice(0, p);
    const line = before.split('\n').length;
    const col = p - before.lastIndexOf('\n');
    const ch = s[p];
    where = ch === undefined ? ' (it ends too early)' : ` at line ${line}, column ${col} (near ${JSON.stringify(ch)})`;
  } else if (/end of (?:JSON )?input/i.test(msg)) where = ' (it ends before the JSON is complete)';
  const hints: string[] = [];
  if (/[“”‘’]/.test(s)) hints.push('replace the typographic quotes (“ ” ‘ ’) that chat and document editors insert with plain "');
  if (/[{,]\s*'[^']*'\s*:/.test(s)) hints.push('use double quotes around names and strings, not single quotes');
  if (/[{,]\s*[A-Za-z_$][\w$]*\s*:/.test(s)) hints.push('put double quotes around every field name ("to", not to)');
  if (/,\s*[}\]]/.test(s)) hints.push('remove the trailing comma before } or ]');
  if (/(^|[^:"])\/\/|\/\*/.test(s)) hints.push('remove the comments (JSON has none)');
  return finding(
    'invalid_json',
    '$',
    `The payload is not valid JSON${where}.`,
    hints.length ? `Fix the JSON: ${hints.join('; ')}.` : 'Fix the JSON syntax (a JSON linter shows the exact spot), or paste the body exactly as your code sends it.',
  );
}
