/**
 * "Escalate": a modal with the diagnostic bundle the guide asks Sent support for (message IDs,
 * timestamps, masked recipients, payloads and error responses with secrets replaced), ready to copy.
 */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { ACTION } from '../../ids.js';
import { escalateModal } from '../../blocks.js';
import { cleanBlocks } from '../../safety/outgoing.js';
import { buildBundle } from '../../../../tools/domain/bundle.js';
import { extractEntities } from '../../../../tools/domain/extract.js';
import { answerFor } from './answer-record.js';
import { ephemeralInThread } from './ephemeral.js';

export function register(app: Registrar, deps: SlackDeps): void {
  app.button(
    ACTION.escalate,
    guard(
      'action',
      deps.logger,
      async ({ action, body, client }) => {
        const a = await answerFor(deps, action.value);
        const entities = extractEntities(a.text);
        const bundle = buildBundle(a.text, entities, a.lookups);
        const advice = deps.ctx.knowledge.get(a.scenario ?? '')?.escalate ?? deps.ctx.knowledge.get('escalate-to-support')?.summary;
        // Phone numbers in a bundle stay masked even though only the clicking user sees the modal.
        await client.views.open({ trigger_id: body.trigger_id, view: cleanBlocks(escalateModal(bundle.text, advice), { isDm: false }) });
      },
      ({ body, client }) => (t) => ephemeralInThread(client, body, t),
    ),
  );
}
