import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../tools/index.js';

/** Keeps the house honest: the tool layer's shape, as STYLE.md describes it. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('tool layer contract', () => {
  it('tool names are unique snake_case, as the surfaces expose them', () => {
    const names = TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(names.sort()).toEqual(['check_account', 'check_api_key', 'diagnose', 'get_coverage', 'lookup_message', 'recent_failures', 'search_knowledge', 'validate_payload']);
  });

  it('every tool states all annotations and a real description', () => {
    for (const t of TOOLS) {
      expect(typeof t.annotations.readOnlyHint, t.name).toBe('boolean');
      expect(typeof t.annotations.destructiveHint, t.name).toBe('boolean');
      expect(typeof t.annotations.openWorldHint, t.name).toBe('boolean');
      expect(t.annotations.readOnlyHint, `${t.name} is diagnostic`).toBe(true);
      expect(t.description.length, t.name).toBeGreaterThan(60);
    }
  });

  it('every tool has a test file', () => {
    const tests = files('test').map((f) => readFileSync(f, 'utf8'));
    for (const t of TOOLS) expect(tests.some((src) => src.includes(`${t.name}`) || src.includes(t.name.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase()))), t.name).toBe(true);
  });

  it('tools/ imports nothing from src/ (the layer stays transport-agnostic)', () => {
    for (const f of files('tools')) {
      // Code only: comments may talk about what the code must not do.
      const src = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(src, f).not.toMatch(/from\s+['"](?:\.\.\/)+src\//);
      expect(src, `${f} must not read the environment`).not.toMatch(/process\.env/);
      expect(src, `${f} must not write to stdout`).not.toMatch(/console\.(log|info|debug)\(|process\.stdout/);
    }
  });
});
