/**
 * The `sent-doctor` bin bundled (dist/bin/sent-doctor.js), so `sent-doctor mcp` starts without
 * resolving and reading hundreds of modules. Run by `npm run build` after tsc (which type-checks
 * and still writes dist/src/… for the tests and the bench fixtures).
 *
 * The entry is one small ES module; each command (src/cli/program.ts imports them on demand) is
 * its own chunk under dist/bin/chunks/, with the code commands share in common chunks, so `mcp`
 * never parses `serve`'s or `triage`'s code. Why not a single file: an ES module bundle hoists
 * every package it leaves out to a top-level import, so Bolt and Redis would load on every start.
 * The packages that only some paths use stay package imports, loaded by the chunk that needs
 * them: Bolt (Slack), the Redis client, Playwright, and the large data packages. The knowledge
 * base is files read at run time (src/paths.ts finds the package root from the chunk).
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Left as package imports: what only some commands load (Slack, Redis, Playwright), and data packages a bundle would only make larger. */
export const LAZY_PACKAGES = ['@slack/*', 'redis', '@redis/*', 'playwright-core', 'city-timezones', 'world-countries', 'libphonenumber-js'];

rmSync(join(ROOT, 'dist/bin'), { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { 'sent-doctor': 'src/cli/main.ts' },
  outdir: 'dist/bin',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.18',
  external: LAZY_PACKAGES,
  // CommonJS libraries bundled into an ES module still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __sdCreateRequire } from 'node:module'; const require = __sdCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
