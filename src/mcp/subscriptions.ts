/**
 * resources/subscribe for `sent-doctor://messages/{id}` (issue 15): a change of a subscribed message
 * sends notifications/resources/updated. Subscriptions need a connection that lasts (stdio); the
 * stateless Streamable HTTP endpoint answers resources/subscribe with an error.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext } from '../../tools/context.js';
import { isMessageId } from '../../tools/domain/message-id.js';
import { watchServiceOf } from '../watch/hub.js';
import { variable } from './uris.js';

/** How often subscribed messages are checked in the store (changes other processes saw). */
export const SUBSCRIPTION_CHECK_MS = 2_000;
/** Lookups of a subscribed message: every 30 s for its first 30 minutes (the watch poll's bounds). */
const LOOKUP_EVERY_MS = 30_000;
const LOOKUP_FOR_MS = 30 * 60_000;
const MAX_SUBSCRIPTIONS = 50;

interface Subscription {
  id: string;
  since: number;
  lastKey?: string;
  lastStatus?: string;
  nextLookupAt: number;
}

/**
 * resources/subscribe for `sent-doctor://messages/{id}`. A change reaches a subscriber three ways:
 * from this process's watch service at once (a webhook `serve` received, or a watch's poll); from
 * the store's `watch:last:<id>` (another process's webhook, through Redis); and from its own
 * lookups (every 30 s for 30 minutes).
 */
export function registerSubscriptions(mcp: McpServer, context: () => Promise<ToolContext>, lasting: boolean): void {
  const server = mcp.server;
  server.registerCapabilities({ resources: { subscribe: true } });
  const subs = new Map<string, Subscription>();
  let timer: NodeJS.Timeout | undefined;
  let checking = false;
  // Set by the first subscription: nothing here runs, and nothing is loaded, before one.
  let ctx: ToolContext | undefined;
  let offChange: (() => void) | undefined;
  let closed = false;
  let attached: Promise<ToolContext> | undefined;
  /** Once, however many subscriptions arrive together: the context, and this process's watch changes. */
  const attach = () =>
    (attached ??= context().then((c) => {
      ctx = c;
      if (!closed)
        offChange = watchServiceOf(c)?.onChange((change) => {
          for (const [u, s] of subs)
            if (s.id === change.message_id && s.lastKey !== change.key) {
              s.lastKey = change.key;
              s.lastStatus = change.status;
              notify(u);
            }
        });
      return c;
    }));
  const notify = (uri: string) => void server.sendResourceUpdated({ uri }).catch((e) => ctx?.logger.debug('MCP: resource update not sent:', e));

  async function check(): Promise<void> {
    if (checking || !ctx) return;
    checking = true;
    try {
      const now = ctx.clock.now();
      for (const [uri, s] of subs) {
        const raw = await ctx.store.get(`watch:last:${s.id}`);
        const last = raw ? (JSON.parse(raw) as { status?: string; key?: string }) : undefined;
        if (last?.key && last.key !== s.lastKey) {
          const first = s.lastKey === undefined && s.lastStatus === undefined;
          s.lastKey = last.key;
          s.lastStatus = last.status;
          if (!first) notify(uri);
          continue;
        }
        if (ctx.sent && now < s.since + LOOKUP_FOR_MS && now >= s.nextLookupAt) {
          s.nextLookupAt = now + LOOKUP_EVERY_MS;
          const before = s.lastStatus;
          const status = await (await import('./resource-reads.js')).currentStatus(ctx, s.id);
          // A change that arrived while the lookup ran wins over the lookup.
          if (!status || s.lastStatus !== before || !subs.has(uri)) continue;
          if (before !== undefined && status !== before) notify(uri);
          s.lastStatus = status;
        }
      }
    } catch (e) {
      ctx.logger.debug('MCP: subscription check failed:', e);
    } finally {
      checking = false;
    }
  }

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  server.setRequestHandler(SubscribeRequestSchema, async (req) => {
    if (!lasting)
      throw new McpError(ErrorCode.InvalidRequest, 'resources/subscribe needs a lasting connection: the HTTP endpoint /mcp is stateless and cannot hold subscriptions. Use `sent-doctor mcp` (stdio).');
    const uri = req.params.uri;
    const m = /^sent-doctor:\/\/messages\/([^/?#]+)$/.exec(uri);
    const id = m ? variable(m[1]) : '';
    if (!isMessageId(id)) throw new McpError(ErrorCode.InvalidParams, 'Only sent-doctor://messages/{id} resources can be subscribed to, with a Sent message ID.');
    const c = await attach();
    if (closed) throw new McpError(ErrorCode.ConnectionClosed, 'The connection closed.');
    if (!subs.has(uri) && subs.size >= MAX_SUBSCRIPTIONS) throw new McpError(ErrorCode.InvalidRequest, `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection.`);
    if (!subs.has(uri)) subs.set(uri, { id, since: c.clock.now(), nextLookupAt: c.clock.now() });
    if (!timer) {
      timer = setInterval(() => void check(), SUBSCRIPTION_CHECK_MS);
      timer.unref();
    }
    void check();
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, async (req) => {
    subs.delete(req.params.uri);
    if (!subs.size) stop();
    return {};
  });
  const previous = server.onclose;
  server.onclose = () => {
    closed = true;
    stop();
    offChange?.();
    subs.clear();
    previous?.();
  };
}
