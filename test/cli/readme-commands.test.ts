/**
 * The README and docs cannot drift from the CLI: every `sd …` / `sent-doctor …` line of their shell
 * blocks names a real command, and every option it uses is one that command's --help lists.
 * (The commands themselves are exercised by the other CLI tests.)
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BIN = 'dist/bin/sent-doctor.js';
const files = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Use {
  file: string;
  line: string;
  command: string;
  options: string[];
}

function uses(): Use[] {
  const out: Use[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const block of text.matchAll(/```(?:bash|sh|shell)?\n([\s\S]*?)```/g))
      for (const raw of block[1]!.split('\n')) {
        const line = raw.replace(/#.*$/, '').trim();
        const m = /(?:^|[|;&]\s*|\$\(\s*)(?:sd|sent-doctor)\s+([a-z][a-z-]*)(.*)$/.exec(line);
        if (!m) continue;
        const options = [...m[2]!.matchAll(/(?:^|[\s[|])(--[a-z][a-z-]*)/g)].map((o) => o[1]!);
        out.push({ file, line, command: m[1]!, options });
      }
  }
  return out;
}

const help = new Map<string, string>();
function helpOf(command: string): string {
  if (!help.has(command)) help.set(command, execFileSync(process.execPath, [BIN, command, '--help'], { encoding: 'utf8' }));
  return help.get(command)!;
}

describe('README and docs commands', () => {
  const all = uses();

  it('finds the command lines', () => {
    expect(all.length).toBeGreaterThan(8);
  });

  it.each(all.map((u) => [`${u.file}: ${u.line}`, u] as const))('%s', (_name, u) => {
    const text = helpOf(u.command);
    expect(text).toMatch(new RegExp(`Usage: sent-doctor ${u.command}\\b`));
    for (const o of u.options) expect(text, `${o} in \`sent-doctor ${u.command} --help\``).toMatch(new RegExp(`${o}\\b`));
  });
});
