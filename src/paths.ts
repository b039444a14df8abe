/** Where the package's own files are, whether running from src/ (tsx, vitest) or dist/src/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'knowledge'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('sent-doctor: cannot find the package root (knowledge/ folder missing)');
}

export const PACKAGE_ROOT = findRoot();
export const KNOWLEDGE_DIR = join(PACKAGE_ROOT, 'knowledge');
