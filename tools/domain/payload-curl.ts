/**
 * A pasted curl command: split it like a POSIX shell would (plus the line continuations of cmd.exe
 * and PowerShell, and the typographic quotes chat tools substitute), then pick out the body,
 * headers and URL. Header findings never repeat a header's value: it may be a key.
 */
import { isPlaceholder } from './key-format.js';
import { checkKeyFormat, type KeyProblem } from './key-format.js';
import { finding, show, type Finding } from './payload-codes.js';

export interface CurlRequest {
  url?: string;
  method?: string;
  headers: Array<{ name: string; value: string }>;
  /** Bodies in order (curl joins several -d with `&`). */
  data: string[];
  /** `-d @file`: the body is in a file we cannot read. */
  dataFiles: string[];
  /** `--json` sets Content-Type: application/json. */
  jsonFlag: boolean;
}

export function looksLikeCurl(s: string): boolean {
  return /^(?:\$\s*|>\s*|PS[^>]*>\s*)?curl(?:\.exe)?\s/i.test(s);
}

const OPEN_CLOSE: Record<string, string> = { '“': '”', '‘': '’', '”': '”' };

/** Shell-like word splitting; stops at `|`, `;`, `&&`, `>` outside quotes. */
export function shellWords(s: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  const push = () => {
    if (inWord) words.push(cur);
    cur = '';
    inWord = false;
  };
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i]!;
    const next = s[i + 1];
    // Line continuations: `\` (sh), `^` (cmd.exe), `` ` `` (PowerShell) before a newline.
    if ((c === '\\' || c === '^' || c === '`') && (next === '\n' || (next === '\r' && s[i + 2] === '\n'))) {
      i += next === '\r' ? 3 : 2;
      continue;
    }
    if (/\s/.test(c)) {
      push();
      i++;
      continue;
    }
    if (c === '|' || c === ';' || c === '>' || (c === '&' && next === '&')) {
      push();
      break;
    }
    if (c === '\\') {
      if (next !== undefined) cur += next;
      inWord = true;
      i += 2;
      continue;
    }
    if (c === '$' && next === "'") {
      const [text, end] = ansiC(s, i + 2);
      cur += text;
      inWord = true;
      i = end;
      continue;
    }
    if (c === "'" || c === '‘' || c === '’') {
      const close = c === "'" ? "'" : '’';
      let j = i + 1;
      while (j < n && s[j] !== close && !(close === '’' && s[j] === "'")) j++;
      cur += s.slice(i + 1, j);
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === '"' || c === '“' || c === '”') {
      const close = c === '"' ? '"' : (OPEN_CLOSE[c] ?? '”');
      let j = i + 1;
      while (j < n && s[j] !== close && !(close === '”' && s[j] === '"')) {
        if (s[j] === '\\' && j + 1 < n && '"\\$`\n'.includes(s[j + 1]!)) {
          if (s[j + 1] !== '\n') cur += s[j + 1];
          j += 2;
          continue;
        }
        cur += s[j];
        j++;
      }
      inWord = true;
      i = j + 1;
      continue;
    }
    cur += c;
    inWord = true;
    i++;
  }
  push();
  return words;
}

/** `$'…'` (bash ANSI-C quoting): the common escapes. Returns the text and the index after the closing quote. */
function ansiC(s: string, start: number): [string, number] {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
  let out = '';
  let j = start;
  while (j < s.length && s[j] !== "'") {
    if (s[j] === '\\' && j + 1 < s.length) {
      out += map[s[j + 1]!] ?? s[j + 1];
      j += 2;
      continue;
    }
    out += s[j];
    j++;
  }
  return [out, j + 1];
}

const DATA_OPTS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
const HEADER_OPTS = new Set(['-H', '--header']);
/** curl options that take an argument (so the argument is not mistaken for the URL). */
const ARG_OPTS = new Set([
  '-X', '--request', '--url', '-o', '--output', '-m', '--max-time', '-A', '--user-agent', '-e', '--referer',
  '-b', '--cookie', '-c', '--cookie-jar', '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '--retry',
  '-F', '--form', '-T', '--upload-file', '--cacert', '--cert', '-E', '--key', '-K', '--config', '--resolve',
  '-u', '--user', '-r', '--range', '-y', '--speed-time', '-Y', '--speed-limit', '--limit-rate', '--retry-delay',
  '--retry-max-time', '-U', '--proxy-user', '--interface', '--dns-servers', '--connect-to', '-z', '--time-cond',
]);

export function parseCurl(command: string): CurlRequest {
  const words = shellWords(command);
  const req: CurlRequest = { headers: [], data: [], dataFiles: [], jsonFlag: false };
  const start = words.findIndex((w) => /^curl(?:\.exe)?$/i.test(w));
  const addData = (opt: string, v: string) => {
    if (opt === '--json') req.jsonFlag = true;
    if (v.startsWith('@') && opt !== '--data-raw') req.dataFiles.push(v.slice(1));
    else req.data.push(v);
  };
  for (let i = start + 1; i < words.length; i++) {
    const w = words[i]!;
    const arg = () => words[++i] ?? '';
    if (DATA_OPTS.has(w)) addData(w, arg());
    else if (HEADER_OPTS.has(w)) addHeader(req, arg());
    else if (w === '-X' || w === '--request') req.method = arg();
    else if (w === '--url') req.url = arg();
    else if (ARG_OPTS.has(w)) arg();
    else if (/^-d./.test(w)) addData('-d', w.slice(2));
    else if (/^-H./.test(w)) addHeader(req, w.slice(2));
    else if (/^-X./.test(w)) req.method = w.slice(2);
    else if (!w.startsWith('-') && req.url === undefined) req.url = w;
  }
  return req;
}

function addHeader(req: CurlRequest, h: string) {
  const colon = h.indexOf(':');
  if (colon <= 0) return;
  req.headers.push({ name: h.slice(0, colon).trim().toLowerCase(), value: h.slice(colon + 1).trim() });
}

/** The body curl would send, or undefined when there is none. */
export function curlBody(req: CurlRequest): string | undefined {
  return req.data.length ? req.data.join('&') : undefined;
}

const PROBLEM_WORDS: Partial<Record<KeyProblem, string>> = {
  whitespace: 'has whitespace or a newline in it',
  quoted: 'is wrapped in an extra pair of quotes',
  bearer_prefix: 'starts with "Bearer" (x-api-key takes only the key)',
  header_included: 'repeats a header name inside the value',
};

/** What the command's headers and URL say, as findings (values are never quoted). */
/**
 * The command as it should be: POST to the v3 messages URL with the x-api-key header (the key as
 * an environment variable, never a value) and the corrected JSON body.
 */
export function correctedCurl(req: CurlRequest, body: Record<string, unknown>): string {
  const url = req.url && /^https?:\/\/[^\s'"]+\/v3\/messages\/?$/.test(req.url) ? req.url : 'https://api.sent.dm/v3/messages';
  const json = JSON.stringify(body).replace(/'/g, "'\\''");
  return `curl -X POST ${url} \\\n  -H "x-api-key: $SENT_DM_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${json}'`;
}

export function curlFindings(req: CurlRequest): Finding[] {
  const out: Finding[] = [];
  const header = (name: string) => req.headers.find((h) => h.name === name);
  const apiKey = header('x-api-key');
  const auth = header('authorization');

  const sentKey = apiKey?.value ?? (auth && /^bearer\s+(.*)$/i.exec(auth.value)?.[1]);
  // A shell or cmd.exe variable ($SENT_DM_API_KEY, %SENT_DM_API_KEY%) is expanded by the shell: not a placeholder here.
  const variable = /^(?:\$\{?[A-Za-z_]\w*\}?|%[A-Za-z_]\w*%)$/.test(sentKey?.trim() ?? '');
  if (sentKey !== undefined && !variable && isPlaceholder(sentKey.trim()))
    out.push(
      finding(
        'api_key_placeholder',
        apiKey ? 'headers.x-api-key' : 'headers.authorization',
        'The key in the command is a placeholder, not a key: Sent answers 401 (AUTH_002).',
        'Put your key from Dashboard → API Keys in the x-api-key header (or use -H "x-api-key: $SENT_DM_API_KEY").',
      ),
    );
  if (auth && /^bearer\b/i.test(auth.value)) {
    out.push(
      finding(
        'auth_bearer',
        'headers.authorization',
        apiKey
          ? 'The command also sends "Authorization: Bearer …". Sent authenticates with the x-api-key header only; the Authorization header is not needed.'
          : 'The command sends the key as "Authorization: Bearer …" and has no x-api-key header. Sent uses the x-api-key header, not Authorization: Bearer, so this request fails with 401 (AUTH_001/AUTH_002).',
        'Replace -H "Authorization: Bearer <key>" with -H "x-api-key: <key>".',
        { severity: apiKey ? 'info' : 'error' },
      ),
    );
  } else if (!apiKey) {
    out.push(
      finding(
        'api_key_header_missing',
        'headers.x-api-key',
        'The command has no x-api-key header (it may have been removed before pasting). Without it Sent answers 401 AUTH_001 (missing x-api-key).',
        'Add -H "x-api-key: <your key>" (keep the key out of shared channels).',
      ),
    );
  }
  if (apiKey) {
    const problems = checkKeyFormat(apiKey.value).problems.filter((p) => PROBLEM_WORDS[p]);
    if (problems.length)
      out.push(
        finding(
          'api_key_header_format',
          'headers.x-api-key',
          `The x-api-key header value ${problems.map((p) => PROBLEM_WORDS[p]).join(' and ')}; Sent will not recognise it (AUTH_002).`,
          'Send the bare key: -H "x-api-key: <key>", copied with the copy button in Dashboard → API Keys.',
        ),
      );
  }
  if (header('x-sender-id'))
    out.push(
      finding(
        'x_sender_id_legacy',
        'headers.x-sender-id',
        'The command sends x-sender-id, a v1/v2 header. v3 does not use it: the account comes from the API key.',
        'Remove the x-sender-id header. To act as one profile of an organisation, v3 uses the x-profile-id header.',
      ),
    );
  const contentType = header('content-type')?.value ?? '';
  if (req.data.length && !req.jsonFlag && !/json/i.test(contentType))
    out.push(
      finding(
        'content_type_not_json',
        'headers.content-type',
        contentType
          ? `The command sends Content-Type ${show(contentType)}, not application/json.`
          : 'The command has no Content-Type header: curl -d then sends Content-Type: application/x-www-form-urlencoded, not JSON.',
        'Add -H "Content-Type: application/json" (or use curl --json).',
      ),
    );
  if (req.url) {
    const path = urlPath(req.url);
    if (path !== undefined && !/\/v3\/messages\/?$/.test(path))
      out.push(
        finding(
          'endpoint_not_v3_messages',
          'url',
          /\/v[12]\//.test(path)
            ? `The command posts to ${show(path)}, a legacy v1/v2 endpoint. The body checked here is the v3 one (to, template, channel); v2 used phoneNumber and templateId.`
            : `The command posts to ${show(path)}; this payload was checked as a body for POST /v3/messages.`,
          'Send messages with POST https://api.sent.dm/v3/messages.',
        ),
      );
  }
  return out;
}

/** The path of a URL (never its query, which could carry a key). */
function urlPath(url: string): string | undefined {
  try {
    const u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    return u.pathname.replace(/[^\x21-\x7e]/g, '?').slice(0, 80);
  } catch {
    return undefined;
  }
}
