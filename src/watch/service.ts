/**
 * Watches: "tell this thread when message X changes". A watch lives in the store (Redis when
 * configured, so every instance sees it) for 72 hours. Status changes arrive from Sent webhooks
 * (`ingestWebhook`, mode "webhook") or, without a webhook secret, from a bounded poll of
 * lookup_message (mode "poll": every 30 s for at most 30 min, a cap per workspace). Each change
 * posts one update in each watching thread, counts failures in the digest, and tells MCP
 * subscribers; a final status ends the watch.
 *
 * Store keys (all with a TTL):
 *   watch:msg:<id>:<slot>            the watch record (slots 1..maxPerMessage, claimed with setIfAbsent)
 *   watch:thread:<id>:<ch>:<ts>      one watch per message per thread
 *   watch:posted:<watch>:<change>    one post per watch and change, whichever instance gets there first
 *   watch:pollcap:<team>:<n>         the per-workspace poll cap, as a semaphore
 *   watch:last:<id>                  the last change seen, for MCP subscribers in other processes
 */
import { randomUUID } from 'node:crypto';
import type { ToolContext } from '../../tools/context.js';
import { callTool } from '../../tools/define.js';
import { ConfigError, InputError, isDoctorError } from '../../tools/errors.js';
import { lookupMessage } from '../../tools/lookup-message.js';
import { describeBadId, isMessageId } from '../../tools/domain/message-id.js';
import { recordFailure } from '../../tools/recent-failures.js';
import type { MessageEvent } from '../webhooks/envelope.js';
import { changeFromWebhook, FAILURE_STATUSES, FINAL_STATUSES, type StatusChange } from './event.js';
import { cannotWatchText, endedPollingText, updateText, watchingText } from './messages.js';

export type WatchMode = 'webhook' | 'poll';

/** A Slack thread (or any conversation thread) to post updates in. */
export interface ThreadRef {
  team?: string;
  channel: string;
  threadTs: string;
  isDm: boolean;
}

/** Posts mrkdwn in a thread; bound by the Slack app when it starts (src/slack/listeners/actions/watch.ts). */
export type ThreadPoster = (where: ThreadRef, mrkdwn: string) => Promise<void>;

export interface WatchOptions {
  mode: WatchMode;
  ttlMs?: number;
  pollEveryMs?: number;
  pollForMs?: number;
  pollCapPerTeam?: number;
  maxPerMessage?: number;
  /** Run the poll loop on a timer (serve). Tests leave it off and call tick() with their clock. */
  timers?: boolean;
  /** How often the poll loop looks for due watches. */
  tickMs?: number;
}

export const WATCH_DEFAULTS = {
  ttlMs: 72 * 3_600_000,
  pollEveryMs: 30_000,
  pollForMs: 30 * 60_000,
  pollCapPerTeam: 10,
  maxPerMessage: 10,
  tickMs: 1_000,
} as const;

export interface WatchRecord {
  watch_id: string;
  message_id: string;
  where: ThreadRef;
  user?: string;
  mode: WatchMode;
  created_at: number;
  expires_at: number;
  last_status?: string;
}

export type WatchOutcome = 'watching' | 'already' | 'final' | 'not_found' | 'full' | 'cap';

export interface WatchReply {
  outcome: WatchOutcome;
  mode: WatchMode;
  /** The status when the watch was made, if it could be looked up. */
  status?: string;
  /** mrkdwn for the thread. */
  text: string;
}

interface Polled {
  record: WatchRecord;
  slot: string;
  capKey?: string;
  startedAt: number;
  nextAt: number;
  lastStatus?: string;
}

export type ChangeListener = (change: StatusChange) => void;

export interface WatchService {
  readonly mode: WatchMode;
  readonly options: Required<Omit<WatchOptions, 'timers'>>;
  watch(req: { message_id: string; where: ThreadRef; user?: string }): Promise<WatchReply>;
  /** A verified, deduplicated webhook event. */
  ingestWebhook(e: MessageEvent): Promise<void>;
  ingest(change: StatusChange): Promise<void>;
  /** One pass of the poll loop: looks up every due polled watch. */
  tick(): Promise<void>;
  /** Watches this process polls. */
  polling(): number;
  /** Every change this process learns (MCP subscriptions). */
  onChange(fn: ChangeListener): () => void;
  setPoster(p: ThreadPoster | undefined): void;
  start(): void;
  stop(): void;
}

export function createWatchService(ctx: ToolContext, opts: WatchOptions): WatchService {
  const o = { ...WATCH_DEFAULTS, ...opts, mode: opts.mode };
  const { store, clock, logger } = ctx;
  const polled = new Map<string, Polled>();
  const listeners = new Set<ChangeListener>();
  let poster: ThreadPoster | undefined;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let warnedNoPoster = false;

  const slotKey = (id: string, n: number) => `watch:msg:${id}:${n}`;
  const threadKey = (id: string, w: ThreadRef) => `watch:thread:${id}:${w.channel}:${w.threadTs}`;
  const left = (r: WatchRecord) => Math.max(1_000, r.expires_at - clock.now());

  async function post(where: ThreadRef, text: string): Promise<boolean> {
    if (!poster) {
      if (!warnedNoPoster) logger.warn('watch: a watched message changed but Slack is not connected in this process, so no update was posted.');
      warnedNoPoster = true;
      return false;
    }
    await poster(where, text);
    return true;
  }

  async function lookup(id: string) {
    return callTool(lookupMessage, { message_id: id }, ctx);
  }

  async function end(slot: string, r: WatchRecord): Promise<void> {
    const p = polled.get(r.watch_id);
    polled.delete(r.watch_id);
    await Promise.all([store.del(slot), store.del(threadKey(r.message_id, r.where)), p?.capKey ? store.del(p.capKey) : undefined]);
  }

  async function release(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => store.del(k)));
  }

  async function watch(req: { message_id: string; where: ThreadRef; user?: string }): Promise<WatchReply> {
    const id = req.message_id.trim();
    if (!isMessageId(id))
      throw new InputError(`"${describeBadId(id)}" is not a Sent message ID.`, { hint: 'Use `watch <message id>`: a UUID or an ID starting with msg_.' });
    if (o.mode === 'poll' && !ctx.sent)
      throw new ConfigError('Watching needs either Sent webhooks (SENT_WEBHOOK_SECRET) or an API key to poll with, and neither is set.', {
        hint: 'Set SENT_WEBHOOK_SECRET and point a Sent webhook at /webhooks/sent, or set SENT_DM_API_KEY.',
      });
    const mode = o.mode;
    let status: string | undefined;
    let looked = false;
    if (ctx.sent) {
      try {
        const l = await lookup(id);
        if (!l.found) return { outcome: 'not_found', mode, text: cannotWatchText('not_found', id, { cause: l.verdict.cause }) };
        status = l.status ?? l.verdict.status;
        looked = true;
        if (FINAL_STATUSES.has(status)) return { outcome: 'final', mode, status, text: cannotWatchText('final', id, { status, verdict: l.verdict, knowledge: ctx.knowledge }) };
      } catch (err) {
        if (err instanceof InputError) throw err;
        logger.warn(`watch: could not look ${id} up before watching it: ${isDoctorError(err) ? err.message : String(err)}`);
      }
    }
    const now = clock.now();
    const record: WatchRecord = {
      watch_id: randomUUID(),
      message_id: id,
      where: req.where,
      ...(req.user ? { user: req.user } : {}),
      mode,
      created_at: now,
      expires_at: now + o.ttlMs,
      ...(status ? { last_status: status } : {}),
    };
    const guard = threadKey(id, req.where);
    if (!(await store.setIfAbsent(guard, record.watch_id, o.ttlMs))) return { outcome: 'already', mode, ...(status ? { status } : {}), text: cannotWatchText('already', id, { mode }) };
    let slot: string | undefined;
    for (let n = 1; n <= o.maxPerMessage && !slot; n++) if (await store.setIfAbsent(slotKey(id, n), JSON.stringify(record), o.ttlMs)) slot = slotKey(id, n);
    if (!slot) {
      await release([guard]);
      return { outcome: 'full', mode, text: cannotWatchText('full', id, { max: o.maxPerMessage }) };
    }
    if (mode === 'poll') {
      const team = req.where.team ?? 'default';
      let capKey: string | undefined;
      for (let n = 1; n <= o.pollCapPerTeam && !capKey; n++) {
        const k = `watch:pollcap:${team}:${n}`;
        if (await store.setIfAbsent(k, record.watch_id, o.pollForMs + 60_000)) capKey = k;
      }
      if (!capKey) {
        await release([guard, slot]);
        return { outcome: 'cap', mode, text: cannotWatchText('cap', id, { max: o.pollCapPerTeam }) };
      }
      polled.set(record.watch_id, { record, slot, capKey, startedAt: now, nextAt: now + o.pollEveryMs, ...(status ? { lastStatus: status } : {}) });
    }
    logger.info(`watch: ${id} in ${req.where.channel} (${mode})`);
    return { outcome: 'watching', mode, ...(status ? { status } : {}), text: watchingText(id, { mode, status, looked, o }) };
  }

  async function ingest(change: StatusChange): Promise<void> {
    const id = change.message_id;
    await store.set(`watch:last:${id}`, JSON.stringify({ status: change.status, at: change.at, key: change.key }), o.ttlMs);
    for (const fn of listeners) {
      try {
        fn(change);
      } catch (err) {
        logger.warn('watch: a change listener failed:', err);
      }
    }
    if (FAILURE_STATUSES.has(change.status)) {
      // Webhooks are deduplicated before they get here; a poll counts a message's failure once.
      const first = change.source === 'webhook' || (await store.setIfAbsent(`digest:polled:${id}:${change.status}`, '1', 25 * 3_600_000));
      if (first)
        await recordFailure(store, {
          message_id: id,
          status: change.status,
          ...(change.verdict.scenarios[0] ? { scenario: change.verdict.scenarios[0] } : {}),
          ...(change.verdict.code ? { code: change.verdict.code } : {}),
          recipient: change.recipient ?? null,
          // Counted when received: the windows are "received in the last hour / day".
          at: clock.now(),
        });
    }
    const final = FINAL_STATUSES.has(change.status);
    for (let n = 1; n <= o.maxPerMessage; n++) {
      const slot = slotKey(id, n);
      const raw = await store.get(slot);
      if (!raw) continue;
      let r: WatchRecord;
      try {
        r = JSON.parse(raw) as WatchRecord;
      } catch {
        await store.del(slot);
        continue;
      }
      // A watch is never made on a final status, so a repeat of the last one is only ever news once.
      if (r.last_status === change.status) continue;
      if (!(await store.setIfAbsent(`watch:posted:${r.watch_id}:${change.key}`, '1', o.ttlMs))) continue;
      try {
        await post(r.where, updateText(change, { final, knowledge: ctx.knowledge }));
      } catch (err) {
        logger.warn(`watch: could not post the update for ${id} in ${r.where.channel}:`, err);
      }
      if (final) await end(slot, r);
      else {
        const next = { ...r, last_status: change.status };
        await store.set(slot, JSON.stringify(next), left(r));
        const p = polled.get(r.watch_id);
        if (p) p.record = next;
      }
    }
  }

  async function pollOne(p: Polled, now: number): Promise<void> {
    const { record: r } = p;
    if (!(await store.get(p.slot))) {
      // Ended elsewhere (a final status another way, or expired).
      polled.delete(r.watch_id);
      if (p.capKey) await store.del(p.capKey);
      return;
    }
    if (now - p.startedAt >= o.pollForMs) {
      await post(r.where, endedPollingText(r.message_id, { status: p.lastStatus, o })).catch((err) => logger.warn('watch: could not post the end of polling:', err));
      await end(p.slot, r);
      return;
    }
    p.nextAt = now + o.pollEveryMs;
    let l;
    try {
      l = await lookup(r.message_id);
    } catch (err) {
      logger.warn(`watch: polling ${r.message_id} failed: ${isDoctorError(err) ? err.message : String(err)}`);
      return;
    }
    const status = l.status ?? l.verdict.status;
    if (!l.found || status === p.lastStatus) return;
    p.lastStatus = status;
    await ingest({
      message_id: r.message_id,
      status,
      at: now,
      verdict: l.verdict,
      ...(l.recipient ? { recipient: l.recipient } : {}),
      source: 'poll',
      key: `poll:${status}`,
    });
  }

  async function tick(): Promise<void> {
    if (ticking) return ticking;
    ticking = (async () => {
      const now = clock.now();
      for (const p of [...polled.values()]) if (p.nextAt <= now) await pollOne(p, now);
    })().finally(() => (ticking = undefined));
    return ticking;
  }

  return {
    mode: o.mode,
    options: { mode: o.mode, ttlMs: o.ttlMs, pollEveryMs: o.pollEveryMs, pollForMs: o.pollForMs, pollCapPerTeam: o.pollCapPerTeam, maxPerMessage: o.maxPerMessage, tickMs: o.tickMs },
    watch,
    ingest,
    ingestWebhook: (e) => ingest(changeFromWebhook(e, ctx)),
    tick,
    polling: () => polled.size,
    onChange(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    setPoster(p) {
      poster = p;
    },
    start() {
      if (o.mode !== 'poll' || opts.timers === false || timer) return;
      timer = setInterval(() => void tick().catch((err) => logger.warn('watch: poll pass failed:', err)), o.tickMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
