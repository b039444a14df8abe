/**
 * The package as an MCP host installs it: `npm pack`, unpacked somewhere else, and its `bin` run
 * as `mcp` answers initialize and tools/list with nothing of the source tree beside it (the
 * dependencies are the project's own node_modules, linked, so the test needs no registry).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir: string;
let pkg: string;

beforeAll(() => {
  // The bundle from the current source (npm test type-checks with tsc, which does not bundle).
  execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/build-bundle.ts')], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'sent-doctor-pack-'));
  const out = execFileSync(npm, ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  const tgz = join(dir, out.trim().split('\n').pop()!);
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  pkg = join(dir, 'package');
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the bundled bin and the knowledge base, not the source tree', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(existsSync(join(pkg, manifest.bin['sent-doctor']!))).toBe(true);
    expect(existsSync(join(pkg, 'knowledge/scenarios'))).toBe(true);
    for (const src of ['src', 'tools', 'test', 'bench', 'dist/src']) expect(existsSync(join(pkg, src)), src).toBe(false);
  });

  it("the tarball's bin runs `mcp`: every stdout line is JSON-RPC and tools/list lists the registry", () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const input = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pack-test', version: '0' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ]
      .map((m) => JSON.stringify(m))
      .join('\n');
    const r = spawnSync(process.execPath, [join(pkg, manifest.bin['sent-doctor']!), 'mcp'], {
      cwd: dir,
      input: input + '\n',
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'warn' },
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { jsonrpc: string; id?: number; result?: { tools?: Array<{ name: string }> } });
    expect(lines.every((l) => l.jsonrpc === '2.0')).toBe(true);
    const list = lines.find((l) => l.id === 2);
    expect(list?.result?.tools?.map((t) => t.name)).toContain('diagnose');
  });

  it('the bundle imports no devDependency (an install from the tarball has none)', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const bin = join(pkg, 'dist/bin');
    const imported = new Set<string>();
    for (const f of readdirSync(bin, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.js'))) {
      const code = readFileSync(join(bin, f), 'utf8');
      // Static imports (esbuild writes one per line), dynamic imports and require calls of bare package names.
      for (const m of code.matchAll(/^import\b[^\n]*?\bfrom\s*"([^".][^"\n]*)"|\bimport\(\s*"([^".][^"\n]*)"\s*\)|\brequire\(\s*"([^".][^"\n]*)"\s*\)/gm)) {
        const spec = (m[1] ?? m[2] ?? m[3])!;
        if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect([...imported]).toContain('@slack/bolt');
    expect([...imported].filter((p) => p in manifest.devDependencies)).toEqual([]);
  });
});
