/** Loads and validates every knowledge entry once; a bad entry stops start-up. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeBase, Scenario } from '../../tools/context.js';
import { ConfigError } from '../../tools/errors.js';
import { KNOWLEDGE_DIR } from '../paths.js';
import { parseScenario } from './parse.js';
import { readCodeCatalog } from './codes.js';
import { loadTextModel } from './model.js';
import { createKnowledgeIndex } from './search.js';

const cache = new Map<string, KnowledgeBase>();

export function readScenarios(dir = join(KNOWLEDGE_DIR, 'scenarios')): Scenario[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  } catch {
    throw new ConfigError(`Knowledge folder ${dir} cannot be read.`);
  }
  if (!files.length) throw new ConfigError(`Knowledge folder ${dir} has no entries.`);
  const scenarios = files.map((f) => {
    const s = parseScenario(f, readFileSync(join(dir, f), 'utf8'));
    if (`${s.id}.md` !== f) throw new ConfigError(`Knowledge entry ${f}: id "${s.id}" does not match the file name.`);
    return s;
  });
  const ids = new Set(scenarios.map((s) => s.id));
  for (const s of scenarios)
    for (const r of s.related)
      if (!ids.has(r)) throw new ConfigError(`Knowledge entry ${s.file}: related scenario "${r}" does not exist.`);
  return scenarios;
}

export function loadKnowledge(dir?: string): KnowledgeBase {
  const key = dir ?? '(default)';
  const hit = cache.get(key);
  if (hit) return hit;
  const scenarios = readScenarios(dir);
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  // Built on the first search: diagnose and the other tools never search, and building it costs a cold start ~50 ms.
  let index: ReturnType<typeof createKnowledgeIndex> | undefined;
  const codes = readCodeCatalog();
  const byCode = new Map(codes.map((c) => [c.code, c]));
  const kb: KnowledgeBase = {
    list: () => scenarios,
    get: (id) => byId.get(id),
    search: (q, opts) => (index ??= createKnowledgeIndex(scenarios)).search(q, opts?.limit ?? 5),
    code: (c) => byCode.get(c.toUpperCase()),
    codes: () => codes,
    model: () => loadTextModel(),
  };
  cache.set(key, kb);
  return kb;
}
