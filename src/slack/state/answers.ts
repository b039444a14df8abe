/**
 * Answers the app posted, so the buttons on them (re-check, feedback, escalate, share) know what
 * they refer to. Button values carry only a short random ID; the record lives in the store.
 * The stored text has secrets replaced and phone numbers masked.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, Logger, Store } from '../../../tools/context.js';
import { maskPhonesInText, redactSecrets } from '../../../tools/domain/redact.js';

export const ANSWER_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A response_url works for 30 minutes; a share after that cannot be posted anyway. */
export const SHARE_TTL_MS = 30 * 60 * 1000;
export const FEEDBACK_TTL_MS = 180 * 24 * 60 * 60 * 1000;
/**
 * The "All steps" modal of an answer. It shows phone numbers as given (a modal is private), so it
 * is kept a shorter time than the answer record; after that the button says the answer is too old.
 */
export const DETAILS_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** The last answer of a thread, for re-checks and follow-ups (as long as thread memory). */
export const THREAD_ANSWER_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface LookedUpSummary {
  message_id: string;
  status: string;
  created_at?: string | null;
  recipient?: string | null;
  error_codes?: string[];
}

export interface AnswerRecord {
  id: string;
  team?: string;
  channel: string;
  thread_ts: string;
  user: string;
  is_dm: boolean;
  /** The diagnosed text: secrets replaced, phone numbers masked. */
  text: string;
  message_ids: string[];
  scenario?: string;
  confidence?: number;
  lookups: LookedUpSummary[];
  at: number;
}

export interface SharedMessage {
  text: string;
  blocks: unknown[];
}

export type Vote = 'helpful' | 'not_helpful';

/** The last full answer posted in a thread: where it is (for chat.update) and what it saw. */
export interface ThreadAnswer {
  answer_id: string;
  channel: string;
  /** ts of the answer's first message; absent when Slack did not return one. */
  ts?: string;
  /** That message's blocks as posted (already cleaned for its audience). */
  blocks?: unknown[];
  fallback?: string;
  scenario?: string;
  /** Messages as the last answer or re-check saw them. */
  snapshot: Array<{ message_id: string; status?: string; last_at?: string | null; cause?: string; codes?: string[] }>;
  /** When that was (ms). */
  checked_at: number;
}

export interface ThreadKey {
  team?: string;
  channel: string;
  threadTs: string;
}

export const newId = () => randomBytes(9).toString('base64url');

export function createAnswerStore(store: Store, clock: Clock, logger: Logger) {
  const read = async <T>(key: string): Promise<T | undefined> => {
    const raw = await store.get(key);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      logger.warn(`unreadable record at ${key.split(':').slice(0, 2).join(':')}`);
      return undefined;
    }
  };
  return {
    async save(a: Omit<AnswerRecord, 'id' | 'at' | 'text'> & { text: string; secrets: readonly string[] }): Promise<string> {
      const id = newId();
      const { secrets, ...rest } = a;
      const rec: AnswerRecord = { ...rest, id, at: clock.now(), text: maskPhonesInText(redactSecrets(a.text, secrets)).slice(0, 20_000) };
      await store.set(`slack:answer:${id}`, JSON.stringify(rec), ANSWER_TTL_MS);
      return id;
    },
    get: (id: string) => read<AnswerRecord>(`slack:answer:${safeId(id)}`),
    async saveShare(id: string, m: SharedMessage): Promise<void> {
      await store.set(`slack:share:${safeId(id)}`, JSON.stringify(m), SHARE_TTL_MS);
    },
    getShare: (id: string) => read<SharedMessage>(`slack:share:${safeId(id)}`),
    /** The blocks of an answer's "All steps" modal (secrets already replaced). */
    async saveDetails(id: string, blocks: unknown[]): Promise<void> {
      await store.set(`slack:answer-details:${safeId(id)}`, JSON.stringify(blocks), DETAILS_TTL_MS);
    },
    getDetails: (id: string) => read<unknown[]>(`slack:answer-details:${safeId(id)}`),
    async setThreadAnswer(t: ThreadKey, a: ThreadAnswer): Promise<void> {
      try {
        await store.set(threadKey(t), JSON.stringify(a), THREAD_ANSWER_TTL_MS);
      } catch (err) {
        logger.warn('last answer of the thread not saved; a follow-up will answer in full:', err);
      }
    },
    async getThreadAnswer(t: ThreadKey): Promise<ThreadAnswer | undefined> {
      try {
        return await read<ThreadAnswer>(threadKey(t));
      } catch (err) {
        logger.warn('last answer of the thread unreadable; answering in full:', err);
        return undefined;
      }
    },
    /** Records one vote per person per answer; false when this person already voted on it. */
    async vote(answer: AnswerRecord, user: string, vote: Vote): Promise<boolean> {
      const rec = JSON.stringify({ vote, scenario: answer.scenario ?? null, confidence: answer.confidence ?? null, at: clock.now() });
      const first = await store.setIfAbsent(`slack:feedback:${answer.id}:${user}`, rec, FEEDBACK_TTL_MS);
      if (first) await store.incr(`slack:feedback:count:${answer.scenario ?? 'none'}:${vote}`);
      return first;
    },
  };
}
export type AnswerStore = ReturnType<typeof createAnswerStore>;

const threadKey = (t: ThreadKey) => `slack:thread-answer:${t.team ?? '-'}:${t.channel}:${t.threadTs}`;

/** Button values come back from Slack; never let one shape a store key. */
function safeId(id: string): string {
  return /^[A-Za-z0-9_-]{1,32}$/.test(id) ? id : 'invalid';
}
