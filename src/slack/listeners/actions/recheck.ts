/**
 * "Re-check": runs the answer's diagnosis again (fresh lookups) and says in the thread what changed
 * since the last answer there; the answer's status line is updated in place (flows/answer.ts).
 */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { answerTurn } from '../../flows/answer.js';
import { ACTION } from '../../ids.js';
import { answerFor } from './answer-record.js';
import { ephemeralInThread } from './ephemeral.js';

export function register(app: Registrar, deps: SlackDeps): void {
  app.button(
    ACTION.recheck,
    guard(
      'action',
      deps.logger,
      async ({ action, body, client }) => {
        const a = await answerFor(deps, action.value);
        const where = { team: a.team, channel: a.channel, threadTs: a.thread_ts, isDm: a.is_dm };
        await answerTurn(deps, client, { where, user: body.user.id, text: a.text }, { recheck: true });
      },
      ({ body, client }) => (t) => ephemeralInThread(client, body, t),
    ),
  );
}
