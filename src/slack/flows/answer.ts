/**
 * The one diagnose turn every conversational entry point shares (mention, DM, assistant panel,
 * message shortcut, re-check button): limits, thread memory, a working indicator, diagnose
 * through callTool, the answer posted in the thread, the answer and thread memory saved. A
 * re-check or a follow-up that brings nothing new is answered with what changed since the last
 * answer, and that answer's status line is updated in place (chat.update).
 */
import { callTool } from '../../../tools/define.js';
import { diagnose, type Diagnosis } from '../../../tools/diagnose.js';
import { findKeyLikeStrings, fingerprint } from '../../../tools/domain/redact.js';
import type { SlackDeps } from '../deps.js';
import { detailsBlocks, diagnosisDraft, envName, followUpDraft, keyWarning, withStatusLine, type AnswerOptions, type Block, type EntryInfo } from '../blocks.js';
import { statusLine } from '../blocks/diagnosis.js';
import { snapshotOf } from '../blocks/follow-up.js';
import { postDraft, postMrkdwn, type WebClient, type Where } from '../outbox.js';
import { cleanBlocks } from '../safety/outgoing.js';
import type { ThreadAnswer } from '../state/answers.js';
import { composeTurn } from '../state/thread-memory.js';

export interface Turn {
  where: Where;
  user: string;
  /** Plain text (already decoded from Slack's encoding). */
  text: string;
  /** Shown while working: a 👀 reaction on this message… */
  reactTo?: string;
  /** …or the assistant panel's status line. */
  setStatus?: (status: string) => Promise<unknown>;
}

const EMPTY_HELP =
  'Tell me what is wrong: paste the message ID, the error (code or JSON), the payload you sent, or the customer\'s ticket. `/sent help` lists the commands.';

export interface TurnOptions {
  /** The Re-check button: always answer with what changed (when the thread has an earlier answer). */
  recheck?: boolean;
}

export async function answerTurn(deps: SlackDeps, client: WebClient, turn: Turn, opts: TurnOptions = {}): Promise<Diagnosis | undefined> {
  const { where } = turn;
  const ref = { team: where.team, channel: where.channel, threadTs: where.threadTs };
  const keys = findKeyLikeStrings(turn.text);
  await deps.limiter.take(`${where.team ?? '-'}:${turn.user}`);
  const memory = await deps.threads.get(ref);
  if (!turn.text.trim() && !memory.message_ids.length && !memory.payloads.length) {
    await postMrkdwn(client, where, EMPTY_HELP);
    return undefined;
  }
  const raw = turn.text.trim() || 'Re-check the messages from earlier in this thread.';
  const { text, payloads } = composeTurn(raw, memory, deps.ctx.limits.maxTextLength);
  const prev = await deps.answers.getThreadAnswer(ref);

  const stopWorking = await startWorking(deps, client, turn);
  try {
    let d: Diagnosis;
    try {
      d = await callTool(diagnose, { text, context: { message_ids: memory.message_ids } }, deps.ctx);
    } catch (err) {
      // The key warning matters even when the diagnosis fails.
      if (keys.length) await postDraft(client, where, { blocks: [keyWarning(keys.map(fingerprint))], fallback: 'Rotate the key you pasted' }, keys);
      throw err;
    }
    await deps.threads.remember(ref, memory, d.entities.message_ids, payloads);
    const now = deps.ctx.clock.now();
    if (prev && isFollowUp(prev, d, raw, payloads, opts)) {
      await answerFollowUp(deps, client, where, prev, d, now, keys);
      return d;
    }
    const top = d.scenarios[0];
    const answerId = await deps.answers.save({
      team: where.team,
      channel: where.channel,
      thread_ts: where.threadTs,
      user: turn.user,
      is_dm: where.isDm,
      text,
      secrets: keys,
      message_ids: d.entities.message_ids,
      scenario: top?.id,
      confidence: top?.confidence,
      lookups: d.lookups.flatMap((l) =>
        'status' in l && typeof l.status === 'string'
          ? [{ message_id: l.message_id, status: l.status, created_at: createdAt(l), recipient: l.recipient ?? null, error_codes: l.error_codes ?? [] }]
          : [],
      ),
    });
    const o = answerOptions(deps, d, answerId, now);
    // "All steps" is a private modal: numbers as given, secrets replaced.
    await deps.answers.saveDetails(answerId, cleanBlocks(detailsBlocks(d, o), { isDm: true, secrets: keys }));
    const [first] = await postDraft(client, where, diagnosisDraft(d, o), keys);
    await deps.answers.setThreadAnswer(ref, {
      answer_id: answerId,
      channel: where.channel,
      ts: first?.ts,
      blocks: first?.blocks,
      fallback: first?.text,
      scenario: top?.id,
      snapshot: snapshotOf(d),
      checked_at: now,
    });
    return d;
  } finally {
    await stopWorking();
  }
}

/** Options every answer renders with: environment, time, entry titles. */
export function answerOptions(deps: SlackDeps, d: Diagnosis, answerId: string | undefined, now: number): AnswerOptions {
  const base = d.lookups.find((l): l is Extract<typeof l, { looked_up_at: unknown }> => 'looked_up_at' in l)?.looked_up_at?.base_url ?? deps.ctx.sent?.baseUrl;
  return {
    ...(answerId ? { answerId } : {}),
    env: envName(base, deps.demo),
    checkedAt: now,
    titleOf: (id) => deps.ctx.knowledge.get(id)?.title,
  };
}

/** Words that only ask to check again ("and now?", "any update?", "still stuck?"). */
const NUDGE = /^(?:(?:and|so|ok|okay|what about|how about)\s+)?(?:now|update[sd]?|any (?:news|update|change)s?|still\b.*|status|re-?check\b.*|check (?:again|now)|again|what now|anything new|news)\W*$/i;

/**
 * A follow-up is answered with what changed when it brings nothing new: the thread's last answer
 * looked messages up, this turn names no other message and no payload, and it is a nudge or the
 * answer would be about the same scenario. Anything else gets a full answer.
 */
function isFollowUp(prev: ThreadAnswer, d: Diagnosis, raw: string, payloads: readonly string[], o: TurnOptions): boolean {
  if (!prev.snapshot.length) return false;
  if (o.recheck) return true;
  const known = new Set(prev.snapshot.map((s) => s.message_id));
  if (payloads.length || d.entities.message_ids.some((id) => !known.has(id))) return false;
  if (NUDGE.test(raw.trim())) return true;
  // "msg_… again?": the thread's own IDs with a few words around them.
  const named = [...known].filter((id) => raw.includes(id));
  let rest = raw;
  for (const id of named) rest = rest.split(id).join(' ');
  return named.length > 0 && rest.replace(/\W+/g, ' ').trim().length <= 40;
}

async function answerFollowUp(deps: SlackDeps, client: WebClient, where: Where, prev: ThreadAnswer, d: Diagnosis, now: number, keys: readonly string[]): Promise<void> {
  const after = snapshotOf(d);
  await postDraft(client, where, followUpDraft(prev.snapshot, after, now, prev.checked_at), keys);
  // The original answer's status line now says what the re-check found.
  const status = statusLine(d, answerOptions(deps, d, prev.answer_id, now));
  let blocks = prev.blocks as Block[] | undefined;
  if (prev.ts && blocks && status) {
    blocks = cleanBlocks(withStatusLine(blocks, `${status} (re-checked)`), { isDm: where.isDm, secrets: keys });
    try {
      await client.chat.update({ channel: prev.channel, ts: prev.ts, text: prev.fallback ?? 'sent-doctor answer', blocks });
    } catch (err) {
      deps.logger.warn('could not update the answer\'s status line:', err);
    }
  }
  await deps.answers.setThreadAnswer({ team: where.team, channel: where.channel, threadTs: where.threadTs }, { ...prev, blocks, snapshot: after, checked_at: now });
}

export function entryInfo(deps: SlackDeps, id: string): EntryInfo | undefined {
  const s = deps.ctx.knowledge.get(id);
  return s ? { id: s.id, title: s.title } : undefined;
}

function createdAt(l: { timeline?: Array<{ at: string | null }> }): string | null {
  return l.timeline?.find((e) => e.at)?.at ?? null;
}

/** Best effort: a missing reaction or status never stops an answer. */
async function startWorking(deps: SlackDeps, client: WebClient, turn: Turn): Promise<() => Promise<void>> {
  const quiet = (what: string) => (err: unknown) => deps.logger.debug(`working indicator (${what}) failed:`, err);
  if (turn.setStatus) {
    await turn.setStatus('is looking into it…').catch(quiet('status'));
    return async () => undefined; // Slack clears the status when the reply is posted.
  }
  if (!turn.reactTo) return async () => undefined;
  const target = { channel: turn.where.channel, timestamp: turn.reactTo, name: 'eyes' };
  await client.reactions.add(target).catch(quiet('add'));
  return async () => {
    await client.reactions.remove(target).catch(quiet('remove'));
  };
}
