/**
 * "All steps" on an answer: the whole answer (every step, evidence, how to verify, when to
 * escalate) in a modal only the clicking user sees, so phone numbers are shown as given.
 * "Open entry" (on answers and inside these modals): the knowledge entry in a modal; from inside a
 * modal it is pushed on top, so Close goes back.
 */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { ACTION } from '../../ids.js';
import { detailsView, entryView, type Block } from '../../blocks.js';
import { cleanBlocks } from '../../safety/outgoing.js';
import { InputError } from '../../../../tools/errors.js';
import { ephemeralInThread } from './ephemeral.js';

export function register(app: Registrar, deps: SlackDeps): void {
  app.button(
    ACTION.allSteps,
    guard(
      'action',
      deps.logger,
      async ({ action, body, client }) => {
        const blocks = action.value ? await deps.answers.getDetails(action.value) : undefined;
        if (!blocks) throw new InputError('The full answer is no longer kept (answers keep their details for 7 days).', { hint: 'Ask again to get a fresh answer.' });
        await client.views.open({ trigger_id: body.trigger_id, view: detailsView(blocks as Block[]) });
      },
      ({ body, client }) => (t) => ephemeralInThread(client, body, t),
    ),
  );
  app.button(
    ACTION.openEntry,
    guard(
      'action',
      deps.logger,
      async ({ action, body, client }) => {
        const s = deps.ctx.knowledge.get(action.value ?? '');
        if (!s) throw new InputError('That knowledge entry does not exist (any more).');
        const view = cleanBlocks(entryView(s, (id) => deps.ctx.knowledge.get(id)?.title), { isDm: true });
        if (body.view) await client.views.push({ trigger_id: body.trigger_id, view });
        else await client.views.open({ trigger_id: body.trigger_id, view });
      },
      ({ body, client }) => (t) => ephemeralInThread(client, body, t),
    ),
  );
}
