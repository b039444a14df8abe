import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { capHeapGrowth } from '../../src/limits/heap.js';

const HEAP = new URL('../../dist/src/limits/heap.js', import.meta.url).href;

/**
 * A server-like churn: a ring of 60,000 live "requests" (~25 MB) replaced one by one, 1.5 million
 * times. Prints the old generation's largest size. Runs in its own process: the flag is process-wide.
 */
const CHURN = `
import { getHeapSpaceStatistics } from 'node:v8';
const { capHeapGrowth } = await import(${JSON.stringify(HEAP)});
if (process.argv.includes('cap')) capHeapGrowth();
const ring = new Array(60000);
let peak = 0;
for (let i = 0; i < 1500000; i++) {
  ring[i % ring.length] = { text: ('request ' + i + ' ').repeat(8), parts: [i, i + 1, i + 2], at: { i } };
  if (i % 2000 === 0) peak = Math.max(peak, getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size);
}
process.stdout.write(String(peak));
`;

const oldSpacePeak = (...args: string[]) => Number(execFileSync(process.execPath, ['--input-type=module', '-e', CHURN, '--', ...args], { encoding: 'utf8' }));

describe('capHeapGrowth (serve)', () => {
  it('keeps the old generation closer to what is live than V8 does by default', () => {
    const free = oldSpacePeak();
    const capped = oldSpacePeak('cap');
    // Default: ~110 MB for ~25 MB live; capped at 1.3x: ~76 MB (2 CPUs, Node 20).
    expect(capped).toBeLessThan(free * 0.85);
  });

  it('refuses a percent V8 would misread', () => {
    for (const bad of [0, -5, 1.5, 301, Number.NaN]) expect(() => capHeapGrowth(bad)).toThrow(RangeError);
  });
});
