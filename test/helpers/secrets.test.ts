/**
 * The secrets scan keeps up with the suite: every key-shaped literal in a test file is listed in
 * test/helpers/secrets.ts, and the scan (test/setup/secrets-scan.ts) really sees process output
 * and logger lines.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { SIMULATOR_DEMO_KEY } from '../../src/simulator/index.js';
import { ALL_TEST_SECRETS, OTHER_SECRETS, SENT_KEYS, SLACK_SECRETS, expectNoTestSecrets, nameOf } from './secrets.js';

const TEST_DIR = join(import.meta.dirname, '..');
/** Key shapes that can be recognised in source: Sent sk_ keys and Slack tokens. UUID keys are listed by hand. */
const KEY_SHAPED = /\b(?:sk_(?:live|test)_[A-Za-z0-9]{12,}|xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,})/g;
/** Placeholders and fingerprints are not secrets. */
const NOT_SECRET = /x{8}|…/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'fixtures' ? [] : files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

const scan = (globalThis as { __secretsScan?: { hits: Map<string, Set<string>> } }).__secretsScan;

describe('the test secrets list', () => {
  it('holds every key-shaped literal used in a test file', () => {
    const missing: string[] = [];
    for (const f of files(TEST_DIR)) {
      for (const m of readFileSync(f, 'utf8').matchAll(KEY_SHAPED)) {
        if (NOT_SECRET.test(m[0])) continue;
        if (!ALL_TEST_SECRETS.some((s) => s.startsWith(m[0]) || m[0].startsWith(s))) missing.push(`${relative(TEST_DIR, f)}: ${nameOf(m[0])}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('agrees with the product on the simulator demo key, and holds the Slack tokens and UUID keys', () => {
    expect(SENT_KEYS.simulatorDemo).toBe(SIMULATOR_DEMO_KEY);
    expect(ALL_TEST_SECRETS).toContain(SLACK_SECRETS.signingSecret);
    expect(ALL_TEST_SECRETS).toContain(SENT_KEYS.helperUuid);
    expect(() => expectNoTestSecrets(`x ${SENT_KEYS.cliUuid} y`)).toThrow(/test secret/);
    expect(() => expectNoTestSecrets(`x ${SENT_KEYS.cliUuid} y`)).not.toThrow(SENT_KEYS.cliUuid);
  });
});

describe('the scan', () => {
  it('is installed in this worker', () => {
    expect(scan).toBeDefined();
  });

  it('sees stderr writes, console output and every createLogger line, even one a test captures', () => {
    // A marker that is listed as a secret but is no key shape the logger would scrub.
    const key = OTHER_SECRETS.scanMarker;
    const where = () => [...(scan!.hits.get(key) ?? [])];
    const captured: string[] = [];
    createLogger({ level: 'debug', write: (l) => captured.push(l) }).warn(`the marker is ${key}`);
    expect(captured.join('')).toContain(key);
    expect(where()).toEqual(['logger (warn)']);
    // Split across two writes: still found.
    process.stderr.write(`(expected) ${key.slice(0, 10)}`);
    process.stderr.write(`${key.slice(10)}\n`);
    expect(where()).toContain('stderr');
    console.error('(expected) %s', key);
    expect(where()).toContain('console.error');
    // Seen and checked: forget it, so this file's own afterAll passes.
    scan!.hits.delete(key);
  });
});
