/**
 * Where the surfaces of one process find its watch service: `serve` attaches it to the tool
 * context it builds; the Slack listeners and the MCP resources look it up by that context, and the
 * Slack app hands it the poster it posts updates with. Keyed by context (a WeakMap), so tests with
 * their own contexts never share one.
 */
import type { ToolContext } from '../../tools/context.js';
import type { ThreadPoster, WatchService } from './service.js';

interface Slot {
  service?: WatchService;
  poster?: ThreadPoster;
}

const slots = new WeakMap<object, Slot>();
const slotOf = (ctx: ToolContext) => {
  let s = slots.get(ctx);
  if (!s) slots.set(ctx, (s = {}));
  return s;
};

export function attachWatchService(ctx: ToolContext, service: WatchService): void {
  const s = slotOf(ctx);
  s.service = service;
  service.setPoster(s.poster);
}

export function watchServiceOf(ctx: ToolContext): WatchService | undefined {
  return slots.get(ctx)?.service;
}

/** Called by the Slack app: updates for watched messages go out through this poster. */
export function bindThreadPoster(ctx: ToolContext, poster: ThreadPoster): void {
  const s = slotOf(ctx);
  s.poster = poster;
  s.service?.setPoster(poster);
}
