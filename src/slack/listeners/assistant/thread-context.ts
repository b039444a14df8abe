/**
 * Where the user opened the assistant panel (the channel they were viewing), kept in our store.
 * Bolt's default keeps it in message metadata, which needs history scopes this app does not ask for.
 */
import type { AssistantConfig } from '@slack/bolt';
import type { Logger, Store } from '../../../../tools/context.js';

type ContextStore = NonNullable<AssistantConfig['threadContextStore']>;
type Ctx = Awaited<ReturnType<ContextStore['get']>>;

const TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** channel and thread of any assistant payload (thread events or a message in the thread). */
export function threadOf(payload: unknown): { channel: string; threadTs: string; context: Ctx } | undefined {
  const p = payload as { assistant_thread?: { channel_id?: string; thread_ts?: string; context?: Ctx }; channel?: string; thread_ts?: string };
  const channel = p.assistant_thread?.channel_id ?? p.channel;
  const threadTs = p.assistant_thread?.thread_ts ?? p.thread_ts;
  return channel && threadTs ? { channel, threadTs, context: p.assistant_thread?.context ?? {} } : undefined;
}

export function storeThreadContext(store: Store, logger: Logger): ContextStore {
  const key = (t: { channel: string; threadTs: string }) => `slack:assistant:ctx:${t.channel}:${t.threadTs}`;
  return {
    async get(args) {
      const t = threadOf(args.payload);
      if (!t) return {};
      try {
        const raw = await store.get(key(t));
        return raw ? (JSON.parse(raw) as Ctx) : {};
      } catch (err) {
        logger.debug('assistant thread context unreadable:', err);
        return {};
      }
    },
    async save(args) {
      const t = threadOf(args.payload);
      if (t) await store.set(key(t), JSON.stringify(t.context), TTL_MS);
    },
  };
}
