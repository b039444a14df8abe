import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { register } from '../../src/cli/commands/coverage.js';
import { renderCoverage } from '../../src/render/markdown.js';
import type { CliDeps } from '../../src/cli/deps.js';
import { exitCodeFor } from '../../src/cli/errors.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { InputError } from '../../tools/errors.js';
import { callTool } from '../../tools/define.js';
import { getCoverage } from '../../tools/get-coverage.js';
import { makeTestContext } from '../helpers/context.js';

/** Runs `sent-doctor coverage …` through commander with captured I/O. */
async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let exit: number | undefined;
  const deps: CliDeps = {
    env: {},
    io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => '', isTTY: false },
    loadConfig: () => loadConfig({}),
    logger: () => createLogger({ level: 'error', write: (l) => err.push(l) }),
    buildContext: () => makeTestContext(),
    exit: (code) => {
      exit = code;
    },
  };
  const program = new Command('sent-doctor').option('--verbose').exitOverride();
  register(program, deps);
  let error: unknown;
  try {
    await program.parseAsync(['coverage', ...args], { from: 'user' });
  } catch (e) {
    error = e;
  }
  return { stdout: out.join(''), stderr: err.join(''), exit, error };
}

describe('sent-doctor coverage', () => {
  it('prints a readable summary with findings and sources', async () => {
    const r = await cli(['Algeria']);
    expect(r.error).toBeUndefined();
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(/^SMS coverage: Algeria \(DZ, \+213\)\n/);
    expect(r.stdout).toMatch(/Alphanumeric sender IDs: +yes/);
    expect(r.stdout).toMatch(/Numeric long codes: +no — /);
    expect(r.stdout).toMatch(/• warning The Sent guide names Algeria/);
    expect(r.stdout).toMatch(/Sources\n\n• https:\/\/www\.twilio\.com\/en-us\/guidelines\/dz\/sms/);
    expect(r.stdout).toMatch(/Data as of 2026-05-09; matched by name\.\n$/);
  });

  it('joins several words into one query', async () => {
    const r = await cli(['United', 'Arab', 'Emirates']);
    expect(r.stdout).toMatch(/^SMS coverage: United Arab Emirates \(AE, \+971\)/);
    expect(r.stdout).toMatch(/only when registered/);
  });

  it('--json prints exactly one JSON document', async () => {
    const r = await cli(['+1-809', '--json']);
    expect(r.exit).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ iso2: 'DO', matched_via: 'calling_code', as_of: '2026-05-09' });
  });

  it('an unknown country is a usage error (exit 2) with a suggestion, and prints nothing on stdout', async () => {
    const r = await cli(['Algria']);
    expect(r.error).toBeInstanceOf(InputError);
    expect(exitCodeFor(r.error)).toBe(2);
    expect((r.error as InputError).hint).toMatch(/Algeria/);
    expect(r.stdout).toBe('');
  });

  it('renders every row of the table', async () => {
    const ctx = makeTestContext();
    for (const c of ctx.coverage.all()) {
      const text = renderCoverage(await callTool(getCoverage, { country: c.iso2 }, ctx), { audience: 'private' });
      expect(text.startsWith(`## SMS coverage: ${c.country} (${c.iso2}, ${c.callingCode})`)).toBe(true);
      expect(text).toContain(c.sources[0]);
    }
  });

  it('spells unknown values out', () => {
    const text = renderCoverage({
      iso2: 'ZZ',
      country: 'Testland',
      calling_code: '+999',
      matched_via: 'name',
      alphanumeric: { supported: 'unknown', registration_required: 'unknown' },
      long_code: { supported: 'unknown', notes: 'n' },
      short_code_notes: '',
      content_registration_required: 'no',
      known_filtering: '',
      recommended_sender: 'x',
      findings: [],
      sources: [],
      as_of: '2026-05-09',
    });
    expect(text).toMatch(/unknown \(sources missing or in conflict\)/);
    expect(text).not.toMatch(/Findings/);
  });
});
