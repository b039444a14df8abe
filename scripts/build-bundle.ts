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
 * them: Bolt (Slack), the Redis client, Playwright and libphonenumber's metadata. The knowledge
 * base is files read at run time (src/paths.ts finds the package root from the chunk).
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Left as package imports: what only some commands load (Slack, Redis, Playwright), and libphonenumber's metadata, which a bundle would only make larger. */
export const LAZY_PACKAGES = ['@slack/*', 'redis', '@redis/*', 'playwright-core', 'libphonenumber-js'];

rmSync(join(ROOT, 'dist/bin'), { recursive: true, force: true });
const { metafile } = await build({
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
  metafile: true,
});


/**
 * What `sent-doctor mcp` loads before it answers tools/list: the entry and the mcp command's chunk with
 * everything they import statically. The tools, the context (knowledge base, Sent client, store) and
 * the renderers must stay behind a dynamic import (issue 12: cold start); the build fails if an import
 * pulls one of them in again.
 */
export const NOT_AT_MCP_START = [/^tools\/index\.ts$/, /^src\/context\.ts$/, /^src\/render\/(markdown|terminal)\.ts$/, /node_modules\/(yaml|marked|minisearch|cockatiel|undici)\//];
const outputs = metafile.outputs;
const entry = Object.keys(outputs).find((o) => o.endsWith('dist/bin/sent-doctor.js'));
const mcp = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === 'src/cli/commands/mcp.ts');
if (!entry || !mcp) throw new Error('build-bundle: the entry or the mcp command chunk is missing from the metafile');
const atStart = new Set<string>();
const visit = (o: string) => {
  if (atStart.has(o)) return;
  atStart.add(o);
  for (const i of outputs[o]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
};
visit(entry);
visit(mcp);
const offending = new Set(
  [...atStart]
    .flatMap((o) => Object.keys(outputs[o]!.inputs))
    .filter((input) => NOT_AT_MCP_START.some((re) => re.test(input)))
    .map((input) => input.replace(/.*node_modules\/([^/]+)\/.*/, '$1')),
);
if (offending.size) throw new Error(`build-bundle: \`sent-doctor mcp\` would load at start-up: ${[...offending].join(', ')}. Import them dynamically.`);
