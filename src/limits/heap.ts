/**
 * How far `serve` lets V8's heap outgrow what it holds. After each full collection V8 sets the next
 * one's threshold at the live size times a growing factor it picks from the collector's speed, up to
 * 4x; a server that allocates fast for every request gets the 4x. `serve` holds ~30 MB at rest and
 * ~55 MB under load (heap snapshots), so under load it sat at 200+ MB of old generation, mostly
 * garbage nobody had collected yet.
 *
 * Measured with `npm run bench -- --only load` (8 MCP and 8 Slack workers, memory store and Redis,
 * 2 CPUs): peak RSS 330-440 MB with V8's default, 190-210 MB with the factor held at 1.3, and
 * requests per second unchanged (MCP 291-404 -> 308-394, Slack 129-136 -> 126-135). A factor of
 * 1.15 gave the same peak; `--optimize-for-size` gave 170 MB but cost a third of the throughput.
 */
import { setFlagsFromString } from 'node:v8';

export const SERVE_HEAP_GROWING_PERCENT = 30;

/** Sets V8's heap growing factor to 1 + percent/100 for this process; V8 reads it at every full collection. */
export function capHeapGrowth(percent: number = SERVE_HEAP_GROWING_PERCENT): void {
  if (!Number.isInteger(percent) || percent < 1 || percent > 300) throw new RangeError(`heap growing percent must be an integer from 1 to 300, not ${percent}`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
