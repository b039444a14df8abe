/**
 * `/sent status <id> | validate <json> | key | coverage <country> | checkup | help | <anything to diagnose>`.
 * Acked first (by the guard); answers are ephemeral, with a button to share them in the channel.
 * `key` opens a private form: a key is never asked for, or shown, in a channel.
 */
import type { RespondFn } from '@slack/bolt';
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { callTool } from '../../../../tools/define.js';
import { lookupMessage } from '../../../../tools/lookup-message.js';
import { validatePayload } from '../../../../tools/validate-payload.js';
import { getCoverage } from '../../../../tools/get-coverage.js';
import { diagnose } from '../../../../tools/diagnose.js';
import { checkAccount } from '../../../../tools/check-account.js';
import { checkupDraft } from '../../blocks/checkup.js';
import { findKeyLikeStrings, fingerprint } from '../../../../tools/domain/redact.js';
import { COMMAND } from '../../ids.js';
import {
  coverageDraft,
  diagnosisDraft,
  finalise,
  helpDraft,
  keyModal,
  keyWarning,
  statusDraft,
  textDraft,
  usageDraft,
  validateDraft,
  withShare,
  type Draft,
} from '../../blocks.js';
import { entryInfo } from '../../flows/answer.js';
import { newId } from '../../state/answers.js';
import { isDirectMessage, slackTextToPlain } from '../../safety/incoming.js';
import type { Audience } from '../../safety/outgoing.js';
import { digestText, watchFromChannel } from '../events/watch.js';

export function register(app: Registrar, deps: SlackDeps): void {
  app.command(
    COMMAND,
    guard(
      'command',
      deps.logger,
      async ({ command, client, respond }) => {
        const text = slackTextToPlain(command.text ?? '');
        const [sub = '', ...restWords] = text.split(/\s+/);
        const rest = text.slice(sub.length).trim();
        const audience: Audience = { isDm: isDirectMessage(command.channel_id, undefined, command.channel_name), secrets: findKeyLikeStrings(text) };
        const word = sub.toLowerCase();

        if (word === 'key') {
          // Open the form first: the trigger_id expires within seconds.
          await client.views.open({ trigger_id: command.trigger_id, view: keyModal() });
          if (audience.secrets?.length) await reply(respond, deps, keyOnly(audience.secrets), audience, false);
          return;
        }
        if (word === '' || word === 'help') return reply(respond, deps, helpDraft(), audience, false);

        if (word === 'watch') {
          if (!restWords.length) return reply(respond, deps, usageDraft('watch', '<message id>'), audience, false);
          const w = await watchFromChannel(deps, client, { team: command.team_id, channel: command.channel_id, isDm: audience.isDm, user: command.user_id, messageId: restWords[0]! });
          return reply(respond, deps, textDraft(w.outcome === 'watching' ? 'Watching: updates follow in the thread I started in this channel.' : 'Not watching: the reason is in the thread I started in this channel.'), audience, false);
        }
        await deps.limiter.take(`${command.team_id}:${command.user_id}`);
        if (word === 'digest') return reply(respond, deps, textDraft(await digestText(deps)), audience, true);
        let draft: Draft;
        if (word === 'status') {
          if (!restWords.length) return reply(respond, deps, usageDraft('status', '<message id>'), audience, false);
          draft = statusDraft(await callTool(lookupMessage, { message_id: restWords[0] }, deps.ctx));
        } else if (word === 'validate') {
          if (!rest) return reply(respond, deps, usageDraft('validate', '<JSON body or curl command>'), audience, false);
          draft = validateDraft(await callTool(validatePayload, { payload: rest }, deps.ctx));
        } else if (word === 'checkup') {
          draft = checkupDraft(await callTool(checkAccount, {}, deps.ctx));
        } else if (word === 'coverage') {
          if (!rest) return reply(respond, deps, usageDraft('coverage', '<country>'), audience, false);
          draft = coverageDraft(await callTool(getCoverage, { country: rest }, deps.ctx));
        } else {
          const d = await callTool(diagnose, { text }, deps.ctx);
          const top = d.scenarios[0];
          draft = diagnosisDraft(d, { entry: top ? entryInfo(deps, top.id) : undefined });
        }
        if (audience.secrets?.length) draft = { ...draft, blocks: [keyWarning(audience.secrets.map(fingerprint)), ...draft.blocks] };
        await reply(respond, deps, draft, audience, true);
      },
      ({ respond, command }) =>
        (t) => reply(respond, deps, textDraft(t), { isDm: isDirectMessage(command.channel_id, undefined, command.channel_name) }, false),
    ),
  );
}

function keyOnly(secrets: readonly string[]): Draft {
  return { blocks: [keyWarning(secrets.map(fingerprint))], fallback: 'Rotate the key you pasted' };
}

/** Ephemeral reply; with `share`, the cleaned message is kept for the "Share in channel" button. */
async function reply(respond: RespondFn, deps: SlackDeps, draft: Draft, audience: Audience, share: boolean): Promise<void> {
  const shareId = share ? newId() : undefined;
  const [m] = finalise(shareId ? withShare(draft, shareId) : draft, audience, 1);
  if (shareId) {
    const blocks = m!.blocks.filter((b) => !(b.type === 'actions' && b.block_id === 'sd_share'));
    await deps.answers.saveShare(shareId, { text: m!.text, blocks });
  }
  await respond({ response_type: 'ephemeral', replace_original: false, text: m!.text, blocks: m!.blocks });
}

