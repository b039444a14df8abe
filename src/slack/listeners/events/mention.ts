/** @sent-doctor in a channel: diagnose the text, answer in the thread (follow-ups: mention again in the thread). */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { answerTurn } from '../../flows/answer.js';
import { postMrkdwn, type Where } from '../../outbox.js';
import { isDirectMessage, slackTextToPlain } from '../../safety/incoming.js';
import { parseWatchText, watchInThread } from './watch.js';

export function register(app: Registrar, deps: SlackDeps): void {
  const whereOf = (event: { channel: string; ts: string; thread_ts?: string; team?: string }, teamId?: string): Where => ({
    team: event.team ?? teamId,
    channel: event.channel,
    threadTs: event.thread_ts ?? event.ts,
    isDm: isDirectMessage(event.channel),
  });
  app.event(
    'app_mention',
    guard(
      'event',
      deps.logger,
      async ({ event, client, context, body }) => {
        if (!event.user) return;
        const text = slackTextToPlain(event.text, context.botUserId);
        const watchId = parseWatchText(text);
        if (watchId) return void (await watchInThread(deps, client, whereOf(event, body.team_id), event.user, watchId));
        await answerTurn(deps, client, {
          where: whereOf(event, body.team_id),
          user: event.user,
          text,
          reactTo: event.ts,
        });
      },
      ({ event, client, body }) => (t) => postMrkdwn(client, whereOf(event, body.team_id), t),
    ),
  );
}
