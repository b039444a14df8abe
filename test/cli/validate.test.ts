import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { register, parseTemplateVariables } from '../../src/cli/commands/validate.js';
import { renderValidation } from '../../src/render/markdown.js';
import { markdownToTerminal } from '../../src/render/terminal.js';
import type { CliDeps } from '../../src/cli/deps.js';
import { exitCodeFor, describeError } from '../../src/cli/errors.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { callTool } from '../../tools/define.js';
import { validatePayload } from '../../tools/validate-payload.js';
import { makeTestContext } from '../helpers/context.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/payloads');
const KEY = 'sk_live_ValidateCliKeyValidate0001';

async function cli(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let exit: number | undefined;
  const env = opts.env ?? {};
  const deps: CliDeps = {
    env,
    io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => opts.stdin ?? '', isTTY: !!opts.tty },
    loadConfig: () => loadConfig(env),
    logger: () => createLogger({ level: 'warn', write: (l) => err.push(l) }),
    buildContext: () => makeTestContext(),
    exit: (code) => {
      exit = code;
    },
  };
  const program = new Command('sent-doctor').option('--verbose').exitOverride();
  register(program, deps);
  try {
    await program.parseAsync(['validate', ...args], { from: 'user' });
  } catch (e) {
    const d = describeError(e, false);
    err.push(`error: ${d.message}\n`);
    exit = exitCodeFor(e);
  }
  return { stdout: out.join(''), stderr: err.join(''), exit };
}

describe('sent-doctor validate', () => {
  it('a valid file: exit 0, findings listed, payload printed', async () => {
    const r = await cli([join(FIXTURES, 'valid/guide-sandbox.json')]);
    expect(r.exit).toBe(0);
    // The terminal rendering of the same Markdown MCP sends: no Markdown markup when piped.
    expect(r.stdout).toMatch(/^Payload check\n\nValid with 1 warning\. Dialect: the troubleshooting guide's; found as json\./);
    expect(r.stdout).toMatch(/1\. warning to\[0\] — "\+1234567890" has the E\.164 shape/);
    expect(r.stdout).not.toMatch(/\*\*|`|^#/m);
  });

  it('stdin with a curl command: exit 1, the corrected payload, no key', async () => {
    const curl = `curl https://api.sent.dm/v3/messages -H "Authorization: Bearer ${KEY}" -d '{"to": "+14155551234", "template": "tmpl_abc123", "channel": "WhatsApp"}'`;
    const r = await cli(['-'], { stdin: curl });
    expect(r.exit).toBe(1);
    expect(r.stdout).toMatch(/Not valid: 4 errors/); // Bearer without x-api-key is an error too
    expect(r.stdout).toMatch(/Fix: Write "whatsapp"\. \(done in the corrected payload\)/);
    expect(r.stdout).toMatch(/\nCorrected payload\n\n\{\n {2}"to"/);
    expect(r.stdout).toContain('"id": "tmpl_abc123"');
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it('--json prints exactly one JSON document', async () => {
    const r = await cli(['--json'], { stdin: '{"to": ["+14155551234"], "text": "hi"}' });
    expect(r.exit).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, dialect: 'sdk', findings: [] });
  });

  it('--template-variables takes a count or names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-validate-'));
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ to: ['+14155551234'], template: { id: 'tmpl_1', parameters: { name: 'Ana' } }, channel: 'whatsapp' }));
    expect((await cli([file, '--template-variables', '1'])).exit).toBe(0);
    const r = await cli([file, '--template-variables', 'name,order_id', '--json']);
    expect(r.exit).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].message).toContain('"order_id"');
    expect(() => parseTemplateVariables('a b')).toThrow(/count .* or comma-separated/);
  });

  it('a missing file is a usage error (exit 2) with a clear message', async () => {
    const r = await cli(['/nonexistent/dir/payload\u202e.json']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toMatch(/Cannot read \/nonexistent\/dir\/payload\?\.json: no such file/);
  });

  it('a malformed SENT_DM_API_KEY only turns the template lookup off', async () => {
    const r = await cli([], { stdin: '{"to": ["+14155551234"], "text": "hi"}', env: { SENT_DM_API_KEY: 'sk_live_has inner space' } });
    expect(r.exit).toBe(0);
    expect(r.stderr).toMatch(/Validating offline/);
  });

  it('colours only on a TTY, and never with NO_COLOR', async () => {
    const result = await callTool(validatePayload, { payload: { template: 'x' } }, makeTestContext());
    const md = renderValidation(result, { audience: 'private', surface: 'cli' });
    expect(markdownToTerminal(md, { color: false })).not.toMatch(/\x1b\[/);
    expect(markdownToTerminal(md, { color: true })).toMatch(/\x1b\[31m/);
    const input = { stdin: '{"template": "x"}' };
    expect((await cli([], { ...input, tty: true })).stdout).toMatch(/\x1b\[31m/);
    expect((await cli([], { ...input, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await cli([], input)).stdout).not.toMatch(/\x1b\[/);
    // --format markdown: the Markdown itself, as MCP sends it (numbers unmasked: the operator's own terminal).
    const m = await cli(['--format', 'markdown'], { ...input, tty: true });
    expect(m.stdout).toMatch(/^## Payload check\n/);
    expect(m.stdout).not.toMatch(/\x1b\[/);
  });
});
