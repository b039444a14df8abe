/**
 * Message shortcut "Diagnose w/ sent-doctor" (Slack caps shortcut names at 24 characters): runs on the chosen message (a pasted customer
 * ticket, a log) and answers in its thread. Acked first by the guard.
 */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { answerTurn } from '../../flows/answer.js';
import { SHORTCUT } from '../../ids.js';
import { textDraft, finalise } from '../../blocks.js';
import type { Where } from '../../outbox.js';
import { isDirectMessage, slackTextToPlain } from '../../safety/incoming.js';

export function register(app: Registrar, deps: SlackDeps): void {
  app.messageShortcut(
    SHORTCUT.diagnoseMessage,
    guard(
      'shortcut',
      deps.logger,
      async ({ shortcut, client, context, respond }) => {
        const m = shortcut.message;
        const isDm = isDirectMessage(shortcut.channel.id, undefined, shortcut.channel.name);
        if (m.bot_id && m.bot_id === context.botId) {
          const [msg] = finalise(textDraft('That is one of my own answers; run the shortcut on the message that describes the problem.'), { isDm }, 1);
          await respond({ response_type: 'ephemeral', replace_original: false, text: msg!.text, blocks: msg!.blocks });
          return;
        }
        const where: Where = { team: shortcut.team?.id, channel: shortcut.channel.id, threadTs: (m.thread_ts as string | undefined) ?? m.ts, isDm };
        await answerTurn(deps, client, { where, user: shortcut.user.id, text: slackTextToPlain(m.text ?? '', context.botUserId), reactTo: m.ts });
      },
      ({ respond, shortcut }) =>
        async (t) => {
          const [msg] = finalise(textDraft(t), { isDm: isDirectMessage(shortcut.channel.id, undefined, shortcut.channel.name) }, 1);
          await respond({ response_type: 'ephemeral', replace_original: false, text: msg!.text, blocks: msg!.blocks });
        },
    ),
  );
}
