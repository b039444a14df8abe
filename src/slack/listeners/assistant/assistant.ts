/**
 * The Agents & AI Apps panel: suggested prompts when a thread starts, a status line while
 * working, a thread title from the first question, and the same diagnose turn as a mention.
 */
import { Assistant } from '@slack/bolt';
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { answerTurn } from '../../flows/answer.js';
import { postMrkdwn, type Where } from '../../outbox.js';
import { slackTextToPlain } from '../../safety/incoming.js';
import { truncate } from '../../safety/mrkdwn.js';
import { storeThreadContext, threadOf } from './thread-context.js';

const WELCOME =
  "Hi! I diagnose Sent messages that were not delivered. Paste a message ID, an error, the payload you sent or a customer's ticket, " +
  'and I will look it up and tell you the likely cause, the evidence and what to do.';

export const SUGGESTED_PROMPTS = [
  { title: 'WhatsApp error 131049', message: 'Our WhatsApp marketing template fails with error 131049. Why?' },
  { title: 'SMS stuck in one country', message: 'SMS to Algeria stay at SENT and never arrive. What can we do?' },
  { title: 'SMS fallback did not happen', message: 'WhatsApp failed but the SMS fallback never triggered.' },
  { title: 'Check a payload', message: 'Is this payload right? {"to":["+12025550123"],"channel":"WhatsApp","template":"tmpl_123"}' },
];

const DEMO_PROMPT = { title: 'Try a demo message', message: 'What happened to msg_seed_algeria_sent?' };

export function register(app: Registrar, deps: SlackDeps): void {
  const whereOf = (payload: unknown, team?: string): Where | undefined => {
    const t = threadOf(payload);
    return t ? { team, channel: t.channel, threadTs: t.threadTs, isDm: true } : undefined;
  };
  app.assistant(
    new Assistant({
      threadContextStore: storeThreadContext(deps.ctx.store, deps.logger),
      threadStarted: guard(
        'assistant',
        deps.logger,
        async ({ event, client, setSuggestedPrompts, saveThreadContext, body }) => {
          const where = whereOf(event, (body as { team_id?: string }).team_id);
          if (!where) return;
          await saveThreadContext();
          await postMrkdwn(client, where, WELCOME);
          const prompts = deps.demo ? [DEMO_PROMPT, ...SUGGESTED_PROMPTS.slice(0, 3)] : SUGGESTED_PROMPTS;
          await setSuggestedPrompts({ title: 'Ask about a delivery problem', prompts });
        },
        () => undefined,
      ),
      threadContextChanged: guard('assistant', deps.logger, async ({ saveThreadContext }) => saveThreadContext(), () => undefined),
      userMessage: guard(
        'assistant',
        deps.logger,
        async ({ message, client, context, setStatus, setTitle, body }) => {
          const m = message as { user?: string; text?: string };
          const where = whereOf(message, (body as { team_id?: string }).team_id);
          if (!where || !m.user) return;
          const text = slackTextToPlain(m.text ?? '', context.botUserId);
          const titled = await deps.ctx.store.setIfAbsent(`slack:assistant:titled:${where.channel}:${where.threadTs}`, '1', 7 * 24 * 3600_000).catch(() => false);
          if (titled && text) await setTitle(truncate(text.replace(/\s+/g, ' '), 60)).catch((e) => deps.logger.debug('setTitle failed:', e));
          await answerTurn(deps, client, { where, user: m.user, text, setStatus: (s) => setStatus(s) });
        },
        ({ message, client, body }) => {
          const where = whereOf(message, (body as { team_id?: string }).team_id);
          return where ? (t) => postMrkdwn(client, where, t) : undefined;
        },
      ),
    }),
  );
}
