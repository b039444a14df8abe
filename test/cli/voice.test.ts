/**
 * One CLI voice (issue 16): the documented exit codes everywhere, one error style (the cause, then
 * the fix), no INFO lines before an error, --version, commander's own errors redacted, and a
 * malformed key that does not block commands which never use it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';
import { SENT_KEYS } from '../helpers/secrets.js';
import { exitCodeFor } from '../../src/cli/errors.js';
import { LimitError } from '../../tools/errors.js';

const STYLE = /^error: .+\nfix: .+\n$/;

describe('exit codes and the error style', () => {
  it('an over-long text is exit 2 from argv and from stdin alike, in the one error style', async () => {
    const long = 'a '.repeat(15_000);
    const argv = await cli(['diagnose', long]);
    const stdin = await cli(['diagnose', '-'], { stdin: long });
    expect(argv.code).toBe(2);
    expect(stdin.code).toBe(2);
    expect(argv.stderr).toMatch(STYLE);
    expect(stdin.stderr).toMatch(STYLE);
    expect(argv.stderr).toMatch(/the limit is \d+/);
    expect(exitCodeFor(new LimitError('x'))).toBe(2);
  });

  it('triage of a missing file gives the reason and the fix (exit 2)', async () => {
    const r = await cli(['triage', 'missing.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(STYLE);
    expect(r.stderr).toMatch(/^error: Cannot read missing\.csv: no such file\.\nfix: Run sent-doctor triage --help/);
  });

  it('Sent unreachable: exit 3, the error is the only thing on stderr (no INFO retry lines before it)', async () => {
    const r = await cli(['status', 'msg_seed_algeria_sent'], { env: { SENT_DM_API_KEY: SENT_KEYS.helper, SENT_BASE_URL: 'http://127.0.0.1:9', SENT_MAX_RETRIES: '2' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(STYLE);
    expect(r.stderr).not.toMatch(/INFO/);
  });

  it('--version prints the package version, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });

  it('usage errors: exit 2 in the error style, pointing at --help', async () => {
    const r = await cli(['status', '--bogus', 'msg_1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--bogus'\nfix: Run sent-doctor status --help to see the usage.\n");
    const f = await cli(['coverage', 'DZ', '--format', 'yaml']);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/^error: --format takes text, markdown or json/);
  });

  it("commander's own errors never echo a key typed as an option or a command (sk_ or UUID)", async () => {
    for (const argv of [[`--${SENT_KEYS.mcpPasted}`], [SENT_KEYS.mcpPasted], [SENT_KEYS.cliUuid], ['status', `--${SENT_KEYS.cliUuid}`, 'msg_1'], ['coverage', 'DZ', `--api-key=${SENT_KEYS.mcpPasted}`]]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SENT_KEYS.mcpPasted);
      expect(r.stdout + r.stderr).not.toContain(SENT_KEYS.cliUuid);
      expect(r.stderr).toMatch(/\[key /);
    }
  });

  it('--json errors are one JSON document on stdout, and the styled error on stderr', async () => {
    const r = await cli(['status', '--json', 'msg_seed_algeria_sent']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { kind: 'config', hint: expect.stringMatching(/SENT_DM_API_KEY/) } });
    expect(r.stderr).toMatch(STYLE);
  });
});

describe('a malformed key blocks only what needs it', () => {
  const env = { SENT_DM_API_KEY: SENT_KEYS.cliInnerSpace };

  it('coverage never uses the key: it answers (exit 0) and says nothing about it', async () => {
    const r = await cli(['coverage', 'Algeria'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SMS coverage: Algeria/);
    expect(r.stderr).toBe('');
  });

  it('diagnose --no-lookups and triage (no --lookups) run; status, which needs the key, is exit 2', async () => {
    expect((await cli(['diagnose', '--no-lookups', 'whatsapp template rejected'], { env })).code).toBe(0);
    const status = await cli(['status', 'msg_seed_algeria_sent'], { env });
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/^error: SENT_DM_API_KEY contains whitespace/);
  });
});

describe('one set-up for every command', () => {
  it('no command reads the config or makes a logger itself (src/cli/setup.ts does)', () => {
    const dir = join(import.meta.dirname, '../../src/cli/commands');
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/deps\.loadConfig\(|deps\.logger\(/);
    }
  });

  it('every surface calls tools through callTool, never a tool\'s run() directly', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') && files.push(join(d, e.name));
    };
    walk(join(import.meta.dirname, '../../src'));
    const direct = /\b(diagnose|lookupMessage|validatePayload|checkApiKey|getCoverage|searchKnowledge|checkAccount|recentFailures)\.run\(/;
    expect(files.filter((f) => direct.test(readFileSync(f, 'utf8'))).map((f) => f.split('/src/')[1])).toEqual([]);
  });
});
