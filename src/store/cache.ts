/**
 * A short-lived lookup cache in front of the Sent client, kept in the Store (so instances sharing
 * Redis share it). Only the two message reads are cached: a question, its follow-up and a second
 * instance answering the same thread look at the same message within seconds.
 *
 * Entries are scoped to one API key: the scope is a hash of the key and the base URL (see
 * keyScope), not the key's display fingerprint, because two keys can share a fingerprint
 * (same prefix and last four characters). One account's lookups are never served to another key.
 * Errors are never cached, and a store that fails is treated as a miss.
 */
import { createHash } from 'node:crypto';
import type { SentApi, Store } from '../../tools/context.js';
import type { ActivityRecord, MessageRecord } from '../../tools/domain/records/schema.js';

export const DEFAULT_LOOKUP_TTL_MS = 15_000;

/** IDs outside this shape are not cached (the client rejects them anyway); keeps keys small and plain. */
const CACHEABLE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Stable, non-reversible scope for one key against one Sent base URL. */
export function keyScope(apiKey: string, baseUrl: string): string {
  return createHash('sha256').update(`sent-doctor lookup cache\0${baseUrl}\0${apiKey}`).digest('hex').slice(0, 32);
}

export function lookupCacheKey(scope: string, op: 'message' | 'activities', id: string): string {
  return `lookup:${scope}:${op}:${id}`;
}

export function cachedSentApi(inner: SentApi, store: Store, ttlMs: number, scope: string): SentApi {
  async function cached<T>(op: 'message' | 'activities', id: string, load: () => Promise<T>): Promise<T> {
    if (ttlMs <= 0 || typeof id !== 'string' || !CACHEABLE_ID.test(id)) return load();
    const key = lookupCacheKey(scope, op, id);
    let hit: string | null = null;
    try {
      hit = await store.get(key);
    } catch {
      hit = null;
    }
    if (hit !== null) {
      try {
        return JSON.parse(hit) as T;
      } catch {
        // A corrupt entry is a miss; the fresh answer below overwrites it.
      }
    }
    const value = await load();
    try {
      await store.set(key, JSON.stringify(value), ttlMs);
    } catch {
      // Caching is best effort.
    }
    return value;
  }

  return {
    baseUrl: inner.baseUrl,
    keyFingerprint: inner.keyFingerprint,
    getMessage: (id, o) => cached<MessageRecord>('message', id, () => inner.getMessage(id, o)),
    getActivities: (id, o) => cached<ActivityRecord[]>('activities', id, () => inner.getActivities(id, o)),
    getMe: (o) => inner.getMe(o),
    getTemplate: (id, o) => inner.getTemplate(id, o),
    sendSandbox: (body, o) => inner.sendSandbox(body, o),
    // Account lists are not cached: the checkup reads the account as it is now.
    listTemplates: (o) => inner.listTemplates(o),
    listWebhooks: (o) => inner.listWebhooks(o),
    listProfiles: (o) => inner.listProfiles(o),
    listCampaigns: (id, o) => inner.listCampaigns(id, o),
  };
}
