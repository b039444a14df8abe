/**
 * The `/sent key` form was submitted. The form is answered at once with "Checking…" (Slack wants
 * an answer within 3 s; the check may take longer), then updated with the result, which names
 * the key by fingerprint only. The key is not stored or logged.
 */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { callTool } from '../../../../tools/define.js';
import { checkApiKey } from '../../../../tools/check-api-key.js';
import { KEY_INPUT, VIEW } from '../../ids.js';
import { keyCheckingView, keyErrorView, keyResultView } from '../../blocks.js';
import { cleanBlocks } from '../../safety/outgoing.js';

export function register(app: Registrar, deps: SlackDeps): void {
  app.viewSubmission(
    VIEW.checkKey,
    guard(
      'view',
      deps.logger,
      async ({ ack, view, body, client }) => {
        const key = view.state.values[KEY_INPUT.block]?.[KEY_INPUT.action]?.value ?? '';
        if (!key.trim()) {
          await ack({ response_action: 'errors', errors: { [KEY_INPUT.block]: 'Paste the key to check.' } });
          return;
        }
        await ack({ response_action: 'update', view: keyCheckingView() });
        await deps.limiter.take(`${body.team?.id ?? '-'}:${body.user.id}`);
        const result = await callTool(checkApiKey, { api_key: key }, deps.ctx);
        await client.views.update({ view_id: view.id, view: cleanBlocks(keyResultView(result), { isDm: true, secrets: [key, key.trim()] }) });
      },
      ({ view, client }) => (t) => client.views.update({ view_id: view.id, view: keyErrorView(t) }),
    ),
  );
}
