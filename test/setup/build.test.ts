/** The global setup (test/setup/build.ts) leaves a dist/ no older than the sources: no `npm run build` needed before `vitest run`. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStale } from './build.js';

describe('vitest global setup', () => {
  it('built dist/ for the process tests, and it is up to date', () => {
    expect(existsSync(join(import.meta.dirname, '../../dist/src/cli/main.js'))).toBe(true);
    expect(isStale()).toBe(false);
  });
});
