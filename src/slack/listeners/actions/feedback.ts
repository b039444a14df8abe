/** "Helpful" / "Not helpful": one vote per person per answer, recorded in the store with the scenario it was about. */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { ACTION } from '../../ids.js';
import type { Vote } from '../../state/answers.js';
import { answerFor } from './answer-record.js';
import { ephemeralInThread } from './ephemeral.js';

export function register(app: Registrar, deps: SlackDeps): void {
  const votes: Array<[string, Vote]> = [
    [ACTION.helpful, 'helpful'],
    [ACTION.notHelpful, 'not_helpful'],
  ];
  for (const [actionId, vote] of votes) {
    app.button(
      actionId,
      guard(
        'action',
        deps.logger,
        async ({ action, body, client }) => {
          const a = await answerFor(deps, action.value);
          const first = await deps.answers.vote(a, body.user.id, vote);
          const text = !first
            ? 'You already rated this answer; your first rating stands.'
            : vote === 'helpful'
              ? 'Thanks! Noted that this answer helped.'
              : 'Thanks, noted. If the problem is still open, *Escalate* prepares what to send to Sent support.';
          await ephemeralInThread(client, body, text);
        },
        ({ body, client }) => (t) => ephemeralInThread(client, body, t),
      ),
    );
  }
}
