/**
 * A DM to the app at the top level (DM thread replies go to the assistant listener, which Bolt
 * routes first): diagnose and answer in a thread under it. Phone numbers are shown in full in DMs.
 */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { answerTurn } from '../../flows/answer.js';
import { postMrkdwn, type Where } from '../../outbox.js';
import { slackTextToPlain } from '../../safety/incoming.js';
import { parseWatchText, watchInThread } from './watch.js';

interface DmLike {
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  team?: string;
}

export function register(app: Registrar, deps: SlackDeps): void {
  const whereOf = (m: DmLike, teamId?: string): Where => ({ team: m.team ?? teamId, channel: m.channel, threadTs: m.thread_ts ?? m.ts, isDm: true });
  app.directMessage(
    guard(
      'message',
      deps.logger,
      async ({ message, client, context, body }) => {
        const m = message as DmLike;
        if (m.channel_type !== 'im' || !m.user) return;
        const text = slackTextToPlain(m.text ?? '', context.botUserId);
        const watchId = parseWatchText(text);
        if (watchId) return void (await watchInThread(deps, client, whereOf(m, body.team_id), m.user, watchId));
        await answerTurn(deps, client, {
          where: whereOf(m, body.team_id),
          user: m.user,
          text,
          reactTo: m.ts,
        });
      },
      ({ message, client, body }) => {
        const m = message as DmLike;
        return m.channel_type === 'im' ? (t) => postMrkdwn(client, whereOf(m, body.team_id), t) : undefined;
      },
    ),
  );
}
