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

/** Button values come back from Slack; never let one shape a store key. */
function safeId(id: string): string {
  return /^[A-Za-z0-9_-]{1,32}$/.test(id) ? id : 'invalid';
}
