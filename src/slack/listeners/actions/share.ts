/** "Share in channel" on an ephemeral /sent reply: posts the same (already cleaned) reply for everyone, then removes the private copy. */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { ACTION } from '../../ids.js';
import { InputError } from '../../../../tools/errors.js';

export function register(app: Registrar, deps: SlackDeps): void {
  app.button(
    ACTION.share,
    guard(
      'action',
      deps.logger,
      async ({ action, respond }) => {
        const shared = action.value ? await deps.answers.getShare(action.value) : undefined;
        if (!shared) throw new InputError('This reply has expired and can no longer be shared.', { hint: 'Run the command again and share the new reply.' });
        await respond({ response_type: 'in_channel', replace_original: false, text: shared.text, blocks: shared.blocks as never });
        await respond({ delete_original: true });
      },
      ({ respond }) => (t) => respond({ response_type: 'ephemeral', replace_original: false, text: t }),
    ),
  );
}
