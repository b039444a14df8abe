/**
 * Vitest global setup: the tests that start real processes (`serve`, the two-instance suites, the
 * stdio MCP server, the README commands) run dist/. It is built here, once per run, when any
 * source is newer than the last build, so `vitest run` works without `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const BUILT = join(ROOT, 'dist/src/cli/main.js');
const SOURCES = ['src', 'tools', 'bench', 'tsconfig.json', 'package.json'];

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return /\.(ts|json)$/.test(path) ? st.mtimeMs : 0;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

export function isStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((s) => existsSync(join(ROOT, s)) && newest(join(ROOT, s)) > built);
}

export default function setup(): void {
  if (process.env.SENT_DOCTOR_SKIP_BUILD === '1' || !isStale()) return;
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`The build for the process tests failed (tsc -p tsconfig.json):\n${(r.stdout + r.stderr).slice(-4000)}`);
}
