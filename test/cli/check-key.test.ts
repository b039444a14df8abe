import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { register, readKey, checkKeyExitCode, ARGV_REFUSAL } from '../../src/cli/commands/check-key.js';
import type { CliDeps } from '../../src/cli/deps.js';
import { exitCodeFor, describeError } from '../../src/cli/errors.js';
import { loadConfig, configSecrets, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { buildContext } from '../../src/context.js';

/** Every key used here: asserted never to appear in stdout, stderr or logs. */
const GOOD = 'sk_live_CliGoodKeyCliGoodKey00001';
const BAD = 'sk_live_CliBadKeyCliBadKeyCli0001';
const UUID = '9b2d6c1e-7f3a-4c5b-8d9e-0a1b2c3d4e5f';
const SECRETS = [GOOD, BAD, UUID];

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function tinySent(): Promise<string> {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const meta = { request_id: 'req_c', timestamp: '2026-08-20T10:00:00Z', version: 'v3' };
    const key = req.headers['x-api-key'];
    if (req.url === '/v3/me' && (key === GOOD || key === UUID)) {
      res.end(JSON.stringify({ success: true, data: { type: 'organization', name: 'Acme', channels: { sms: { configured: true } } }, error: null, meta }));
      return;
    }
    res.statusCode = 401;
    res.end(JSON.stringify({ success: false, data: null, error: { code: 'AUTH_002', message: 'Invalid or missing API key', details: null, doc_url: null }, meta }));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** `sent-doctor check-key …` through commander with captured I/O and the real context builder. */
async function cli(args: string[], env: NodeJS.ProcessEnv, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  let exit: number | undefined;
  const deps: CliDeps = {
    env,
    io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => stdin, isTTY: false },
    loadConfig: () => loadConfig(env),
    logger: (config?: Config) => createLogger({ level: 'debug', write: (l) => err.push(l), secrets: config ? configSecrets(config) : [] }),
    buildContext: (config, logger) => buildContext(config, { logger }),
    exit: (code) => {
      exit = code;
    },
  };
  const program = new Command('sent-doctor').option('--verbose').exitOverride();
  register(program, deps);
  try {
    await program.parseAsync(['check-key', ...args], { from: 'user' });
  } catch (e) {
    // The CLI boundary (program.ts) turns errors into text and an exit code.
    const d = describeError(e, false);
    err.push(`error: ${d.message}\n${d.hint ?? ''}`);
    exit = exitCodeFor(e);
  }
  const all = out.join('') + err.join('');
  for (const s of [...SECRETS, ...args.filter((a) => a.length >= 12)]) expect(all).not.toContain(s);
  return { stdout: out.join(''), stderr: err.join(''), exit };
}

describe('sent-doctor check-key', () => {
  it('a valid key from SENT_DM_API_KEY: exit 0', async () => {
    const url = await tinySent();
    const r = await cli([], { SENT_DM_API_KEY: GOOD, SENT_BASE_URL: url });
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(/^API key sk_live_…0001\n/);
    expect(r.stdout).toMatch(/Key read from SENT_DM_API_KEY\./);
    expect(r.stdout).toMatch(/With Sent: +valid/);
    expect(r.stdout).toMatch(/channels: sms/);
  });

  it('SENT_API_KEY is accepted too; --json prints one JSON document', async () => {
    const url = await tinySent();
    const r = await cli(['--json'], { SENT_API_KEY: UUID, SENT_BASE_URL: url });
    expect(r.exit).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'input', format: { kind: 'uuid' }, live: { valid: true } });
  });

  it('an invalid key: exit 1', async () => {
    const url = await tinySent();
    const r = await cli([], { SENT_DM_API_KEY: BAD, SENT_BASE_URL: url });
    expect(r.exit).toBe(1);
    expect(r.stdout).toMatch(/With Sent: +rejected by Sent · AUTH_002/);
    expect(r.stdout).toMatch(/Sent does not recognise this key/);
  });

  it('a key with a trailing space in the environment is reported, not trimmed silently, and not sent', async () => {
    let hits = 0;
    const url = await tinySent();
    server!.on('request', () => hits++);
    const r = await cli(['--json'], { SENT_DM_API_KEY: `${GOOD} `, SENT_BASE_URL: url });
    expect(r.exit).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: { problems: ['whitespace'] }, live: { valid: null, reason: 'format' } });
    expect(hits).toBe(0);
  });

  it('--stdin: one final newline is the line terminator; a second one is a problem', async () => {
    const url = await tinySent();
    expect((await cli(['--stdin'], { SENT_BASE_URL: url }, `${GOOD}\n`)).exit).toBe(0);
    const r = await cli(['--stdin', '--json'], { SENT_BASE_URL: url }, `${GOOD}\n\n`);
    expect(JSON.parse(r.stdout).format.problems).toEqual(['whitespace']);
    expect(r.exit).toBe(1);
  });

  it('no key at all: exit 2', async () => {
    const r = await cli([], {});
    expect(r.exit).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/No API key to check/);
  });

  it.each([[[GOOD]], [['--api-key', GOOD]], [[`--api-key=${GOOD}`]], [['--key', GOOD]], [[`--apikey=${GOOD}`]]])(
    'a key on the command line is refused and never echoed: %j',
    async (args) => {
      const r = await cli(args, { SENT_DM_API_KEY: GOOD });
      expect(r.exit).toBe(2);
      expect(r.stderr).toContain(ARGV_REFUSAL);
      expect(r.stderr).toMatch(/\bps\b/);
    },
  );

  it('unreachable: exit 3', async () => {
    const url = await tinySent();
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const r = await cli([], { SENT_DM_API_KEY: GOOD, SENT_BASE_URL: url, SENT_MAX_RETRIES: '0' });
    expect(r.exit).toBe(3);
    expect(r.stdout).toMatch(/could not be reached/);
  });

  it('a key with inner whitespace does not break config loading: it is diagnosed', async () => {
    const r = await cli(['--json'], { SENT_DM_API_KEY: `"${GOOD}"` });
    expect(JSON.parse(r.stdout).format.problems).toEqual(['quoted']);
    expect(r.exit).toBe(1);
  });
});

describe('readKey and the exit code', () => {
  it('SENT_DM_API_KEY wins over SENT_API_KEY, with a note', async () => {
    const k = await readKey({}, { SENT_DM_API_KEY: GOOD, SENT_API_KEY: BAD }, async () => '');
    expect(k.from).toBe('SENT_DM_API_KEY');
    expect(k.notes[0]).toMatch(/SENT_DM_API_KEY wins/);
  });

  it('offline with a clean format is not a problem', () => {
    expect(
      checkKeyExitCode({
        fingerprint: 'x',
        source: 'input',
        format: { ok: true, kind: 'sk_live', problems: [] },
        live: { valid: null, checked: false, reason: 'offline', message: '' },
        notes: [],
      }),
    ).toBe(0);
  });
});
