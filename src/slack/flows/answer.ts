/**
 * The one diagnose turn every conversational entry point shares (mention, DM, assistant panel,
 * message shortcut, re-check button): limits, thread memory, a working indicator, diagnose
 * through callTool, the answer posted in the thread, the answer and thread memory saved.
 */
import { callTool } from '../../../tools/define.js';
import { diagnose, type Diagnosis } from '../../../tools/diagnose.js';
import { findKeyLikeStrings, fingerprint } from '../../../tools/domain/redact.js';
import type { SlackDeps } from '../deps.js';
import { diagnosisDraft, keyWarning, type EntryInfo } from '../blocks.js';
import { postDraft, postMrkdwn, type WebClient, type Where } from '../outbox.js';
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

export async function answerTurn(deps: SlackDeps, client: WebClient, turn: Turn): Promise<Diagnosis | undefined> {
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
    await postDraft(client, where, diagnosisDraft(d, { answerId, entry: top ? entryInfo(deps, top.id) : undefined }), keys);
    return d;
  } finally {
    await stopWorking();
  }
}

export function entryInfo(deps: SlackDeps, id: string): EntryInfo | undefined {
  const s = deps.ctx.knowledge.get(id);
  if (!s) return undefined;
  return { id: s.id, title: s.title, file: s.file.includes('/') ? s.file : `knowledge/scenarios/${s.file}` };
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
