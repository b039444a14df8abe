/** Reads the code catalog (knowledge/codes.yml) once; a bad catalog stops start-up, naming the problem. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { CodeCatalog, type CodeInfo } from '../../tools/domain/records/codes.js';
import { ConfigError } from '../../tools/errors.js';
import { KNOWLEDGE_DIR } from '../paths.js';

export function readCodeCatalog(file = join(KNOWLEDGE_DIR, 'codes.yml')): CodeInfo[] {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`Code catalog ${file} cannot be read: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = CodeCatalog.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new ConfigError(`Code catalog ${file}: item ${i.path.join('.')}: ${i.message}`);
  }
  const seen = new Set<string>();
  for (const c of parsed.data) {
    if (seen.has(c.code)) throw new ConfigError(`Code catalog ${file}: ${c.code} appears twice.`);
    seen.add(c.code);
  }
  return parsed.data;
}
