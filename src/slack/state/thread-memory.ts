/**
 * What a Slack thread has established: the message IDs and payloads seen in it, so a follow-up
 * ("and now?") re-checks the same message. Kept in the store with a TTL; payloads are kept with
 * secrets replaced, so nothing stored can leak a key.
 */
import type { Logger, Store } from '../../../tools/context.js';
import { extractEntities } from '../../../tools/domain/extract.js';
import { redactSecrets } from '../../../tools/domain/redact.js';

export const THREAD_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_IDS = 20;
const MAX_PAYLOADS = 3;
const MAX_PAYLOAD_CHARS = 8_000;

export interface ThreadRef {
  team?: string;
  channel: string;
  threadTs: string;
}

export interface ThreadMemory {
  message_ids: string[];
  payloads: string[];
}

const keyOf = (t: ThreadRef) => `slack:thread:${t.team ?? '-'}:${t.channel}:${t.threadTs}`;

export function createThreadMemory(store: Store, logger: Logger) {
  return {
    async get(t: ThreadRef): Promise<ThreadMemory> {
      try {
        const raw = await store.get(keyOf(t));
        if (!raw) return { message_ids: [], payloads: [] };
        const v = JSON.parse(raw) as Partial<ThreadMemory>;
        return {
          message_ids: Array.isArray(v.message_ids) ? v.message_ids.filter((x) => typeof x === 'string').slice(-MAX_IDS) : [],
          payloads: Array.isArray(v.payloads) ? v.payloads.filter((x) => typeof x === 'string').slice(-MAX_PAYLOADS) : [],
        };
      } catch (err) {
        logger.warn('thread memory unreadable; answering without it:', err);
        return { message_ids: [], payloads: [] };
      }
    },
    async remember(t: ThreadRef, prev: ThreadMemory, messageIds: readonly string[], newPayloads: readonly string[]): Promise<void> {
      const ids = [...new Set([...prev.message_ids, ...messageIds])].filter((id) => id.length <= 100).slice(-MAX_IDS);
      const payloads = [...prev.payloads, ...newPayloads.map((p) => redactSecrets(p).slice(0, MAX_PAYLOAD_CHARS))]
        .filter((p, i, all) => all.indexOf(p) === i)
        .slice(-MAX_PAYLOADS);
      try {
        await store.set(keyOf(t), JSON.stringify({ message_ids: ids, payloads }), THREAD_TTL_MS);
      } catch (err) {
        logger.warn('thread memory not saved:', err);
      }
    },
  };
}
export type ThreadMemoryStore = ReturnType<typeof createThreadMemory>;

/**
 * The text to diagnose for a turn: the user's words, plus the thread's earlier payloads when
 * this turn brings none (so "and now?" after a pasted payload still validates it), within `maxChars`.
 */
export function composeTurn(text: string, memory: ThreadMemory, maxChars: number): { text: string; payloads: string[] } {
  const own = extractEntities(text).payloads;
  if (own.length || !memory.payloads.length) return { text, payloads: own };
  let out = text;
  for (const p of memory.payloads) {
    const add = `\n\nPayload from earlier in this thread:\n${p}`;
    if (out.length + add.length > maxChars) break;
    out += add;
  }
  return { text: out, payloads: [] };
}
