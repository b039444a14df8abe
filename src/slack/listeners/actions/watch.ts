/**
 * The Watch button (`sd_watch`, value = the message ID) on answers that looked a message up:
 * watch it in the answer's thread. Registering also binds the app's client as the poster that
 * watch updates (from webhooks or polling, outside any Slack request) are posted with.
 */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { postMrkdwn } from '../../outbox.js';
import { isDirectMessage } from '../../safety/incoming.js';
import { bindThreadPoster } from '../../../watch/hub.js';
import { watchFromChannel, watchInThread } from '../events/watch.js';
import { ACTION } from '../../ids.js';
import { ephemeralInThread } from './ephemeral.js';

export function register(app: Registrar, deps: SlackDeps): void {
  const client = app.app.client;
  bindThreadPoster(deps.ctx, (where, mrkdwn) => postMrkdwn(client, where, mrkdwn));
  app.button(
    ACTION.watch,
    guard(
      'action',
      deps.logger,
      async ({ action, body, client }) => {
        const channel = body.channel?.id ?? body.container?.channel_id;
        const messageId = action.value ?? '';
        if (!channel) return;
        const isDm = isDirectMessage(channel);
        const team = body.team?.id ?? body.user.team_id;
        const threadTs = (body.message?.thread_ts as string | undefined) ?? body.message?.ts ?? (body.container?.thread_ts as string | undefined);
        if (threadTs) await watchInThread(deps, client, { team, channel, threadTs, isDm }, body.user.id, messageId);
        else await watchFromChannel(deps, client, { team, channel, isDm, user: body.user.id, messageId });
      },
      ({ body, client }) => (t) => ephemeralInThread(client, body, t),
    ),
  );
}
