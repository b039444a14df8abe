/** Replies to `/sent` subcommands: status, validate, coverage, help; and the share button. Pure. */
import type { z } from 'zod';
import type { lookupMessage } from '../../../tools/lookup-message.js';
import type { ValidatePayloadOutput } from '../../../tools/validate-payload.js';
import type { CoverageResult } from '../../../tools/get-coverage.js';
import { ACTION, COMMAND } from '../ids.js';
import { escapeMrkdwn, inlineCode, markdownToMrkdwn } from '../safety/mrkdwn.js';
import { actions, button, context, section, type Block } from './kit.js';
import { findingLine, lookupText } from './message.js';
import { problemCount, problemsText, validationText } from './validation.js';
import { envName } from './diagnosis.js';
import { placeholderPhones } from '../../../tools/domain/redact.js';

export interface Draft {
  blocks: Block[];
  /** Notification text. */
  fallback: string;
  /** Where the rest is, if the draft must be cut. */
  pointer?: string;
  /**
   * The same reply for a private audience (a DM): corrected payloads with the numbers as given.
   * `blocks` is the shared form (the guide's placeholder number instead of a masked one).
   */
  privateBlocks?: Block[];
}

type LookupOutput = z.infer<typeof lookupMessage.output>;

export function statusDraft(l: LookupOutput): Draft {
  const blocks: Block[] = [section(lookupText(l))];
  if (l.verdict) blocks.push(section(`*What it means*\n${escapeMrkdwn(l.verdict.cause)}${l.verdict.next.length ? `\n${l.verdict.next.map((n) => `• ${escapeMrkdwn(n)}`).join('\n')}` : ''}`));
  if (l.looked_up_at) blocks.push(context(`Looked up in the ${envName(l.looked_up_at.base_url)} with key ${inlineCode(l.looked_up_at.key)}`));
  return { blocks, fallback: l.found === false ? `${l.message_id} was not found` : `${l.message_id} is ${l.status ?? 'unknown'}` };
}

export function validateDraft(v: ValidatePayloadOutput): Draft {
  const form = context(`Form: ${escapeMrkdwn(v.dialect)} · read as ${escapeMrkdwn(v.input_kind)}`);
  const shared = v.corrected === undefined ? v : { ...v, corrected: placeholderPhones(v.corrected) };
  const n = problemCount(v);
  return {
    blocks: [section(validationText(shared)), form],
    privateBlocks: [section(validationText(v)), form],
    // The same count, in the same words, as the body.
    fallback: n || !v.valid ? `Payload: ${problemsText(n)}` : 'Payload: no problems found',
  };
}

const YES_NO: Record<string, string> = { yes: 'yes', no: 'no', registration: 'with registration', unknown: 'unknown' };

export function coverageDraft(c: CoverageResult): Draft {
  const facts = [
    `*Alphanumeric sender ID:* ${YES_NO[c.alphanumeric.supported] ?? c.alphanumeric.supported}${c.alphanumeric.registration_required === 'yes' ? ' (registration required)' : ''}`,
    `*Numeric long code:* ${YES_NO[c.long_code.supported] ?? c.long_code.supported}${c.long_code.notes ? ` — ${escapeMrkdwn(c.long_code.notes)}` : ''}`,
    c.short_code_notes ? `*Short codes:* ${escapeMrkdwn(c.short_code_notes)}` : '',
    `*Content registration:* ${YES_NO[c.content_registration_required] ?? c.content_registration_required}`,
    c.known_filtering ? `*Known filtering:* ${escapeMrkdwn(c.known_filtering)}` : '',
  ].filter(Boolean);
  const blocks: Block[] = [
    section(`:earth_africa: *SMS sender rules for ${escapeMrkdwn(c.country)}* (${escapeMrkdwn(c.iso2)}, +${escapeMrkdwn(c.calling_code.replace(/^\+/, ''))})`),
    section(facts.join('\n')),
    section(`*Recommended sender* (sent-doctor's advice, not Sent's): ${markdownToMrkdwn(c.recommended_sender)}`),
  ];
  if (c.findings.length) blocks.push(section(c.findings.map(findingLine).join('\n')));
  blocks.push(context(`Data as of ${escapeMrkdwn(c.as_of)} · sources: ${escapeMrkdwn(c.sources.slice(0, 4).join('; '))}`));
  return { blocks, fallback: `SMS sender rules for ${c.country}` };
}

export function helpDraft(): Draft {
  const c = COMMAND;
  return {
    fallback: 'sent-doctor help',
    blocks: [
      section(':stethoscope: *sent-doctor* diagnoses Sent (sent.dm) messages that were not delivered.'),
      section(
        [
          `\`${c} status <message id>\` — the message's status, timeline and what it means`,
          `\`${c} validate <json or curl>\` — check a send payload and get a corrected one`,
          `\`${c} key\` — check an API key privately (a form only you see; never paste a key in a channel)`,
          `\`${c} coverage <country>\` — SMS sender rules for a country`,
          `\`${c} <anything else>\` — diagnose it, like a mention`,
          `\`${c} help\` — this list`,
        ].join('\n'),
      ),
      section(
        'You can also mention `@sent-doctor` with a question, a message ID, an error or a payload (it answers in the thread; mention it again in the thread to follow up), ' +
          "send it a DM, or use the message shortcut *Diagnose w/ sent-doctor* (in a message's ⋮ menu) on a pasted ticket.",
      ),
      context('Replies to commands are only visible to you; use *Share in channel* to post one.'),
    ],
  };
}

/** Adds the share button to an ephemeral reply. */
export function withShare(d: Draft, shareId: string): Draft {
  return { ...d, blocks: [...d.blocks, actions('sd_share', [button(':mega: Share in channel', ACTION.share, shareId)])] };
}

export function textDraft(mrkdwn: string): Draft {
  return { blocks: [section(mrkdwn)], fallback: mrkdwn.slice(0, 200) };
}

export function usageDraft(sub: string, usage: string): Draft {
  return textDraft(`Usage: ${inlineCode(`${COMMAND} ${sub} ${usage}`)}. ${markdownToMrkdwn('Try `/sent help` for the full list.')}`);
}
