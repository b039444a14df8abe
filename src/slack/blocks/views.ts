/** Modals and the App Home. Pure. */
import type { types } from '@slack/bolt';
import type { CheckApiKeyOutput } from '../../../tools/check-api-key.js';
import { KEY_INPUT, VIEW } from '../ids.js';
import { GUIDE_EXAMPLE_NUMBER } from '../../../tools/domain/redact.js';
import { codeBlock, escapeMrkdwn, inlineCode, markdownToMrkdwn } from '../safety/mrkdwn.js';
import { splitMrkdwn } from './fit.js';
import { LIMITS, context, divider, header, plain, section, type Block } from './kit.js';

type Modal = types.ModalView;
type Home = types.HomeView;

const modal = (title: string, blocks: Block[], extra: Partial<Modal> = {}): Modal => ({
  type: 'modal',
  title: plain(title, LIMITS.viewTitle),
  close: plain('Close'),
  blocks: blocks.slice(0, LIMITS.viewBlocks),
  ...extra,
});

/**
 * The private form for `/sent key`. Block Kit has no password field, so the form says what happens
 * to the key: it is checked against Sent and dropped; only its fingerprint is shown.
 */
export function keyModal(): Modal {
  return modal(
    'Check an API key',
    [
      section(
        'Paste the key exactly as your app uses it. Only you see this form. sent-doctor checks the format offline, then asks Sent who the key belongs to ' +
          '(`GET /v3/me`). The key is not stored, logged or shown back: the result names it by fingerprint (like `sk_live_…9f3a`).',
      ),
      {
        type: 'input',
        block_id: KEY_INPUT.block,
        label: plain('Sent API key'),
        element: { type: 'plain_text_input', action_id: KEY_INPUT.action, placeholder: plain('sk_live_… or the key from Dashboard → API Keys'), max_length: 600 },
      },
    ],
    { callback_id: VIEW.checkKey, submit: plain('Check'), close: plain('Cancel') },
  );
}

export function keyCheckingView(): Modal {
  return modal('Check an API key', [section(':hourglass_flowing_sand: Checking the key with Sent…')], { callback_id: VIEW.checkKey });
}

export function keyResultView(r: CheckApiKeyOutput): Modal {
  const icon = r.live.valid === true ? ':white_check_mark:' : r.live.valid === false ? ':x:' : ':grey_question:';
  const lines = [`${icon} *Key ${inlineCode(r.fingerprint)}*`, markdownToMrkdwn(r.live.message)];
  if (r.live.account?.channels.length) lines.push(`Channels configured: ${r.live.account.channels.map(escapeMrkdwn).join(', ')}`);
  const blocks: Block[] = [section(lines.join('\n'))];
  if (r.notes.length) blocks.push(section(r.notes.map((n) => `• ${markdownToMrkdwn(n)}`).join('\n')));
  blocks.push(context(`Format: ${escapeMrkdwn(r.format.kind)}${r.format.problems.length ? ` · problems: ${r.format.problems.map(escapeMrkdwn).join(', ')}` : ' · no format problems'}`));
  return modal('Check an API key', blocks, { callback_id: VIEW.checkKey });
}

export function keyErrorView(mrkdwn: string): Modal {
  return modal('Check an API key', [section(mrkdwn)], { callback_id: VIEW.checkKey });
}

/** The escalation bundle, ready to copy into a request to Sent support. */
export function escalateModal(bundleText: string, advice?: string): Modal {
  const blocks: Block[] = [
    section(
      'Copy this into your request to Sent support. API keys were replaced by fingerprints and phone numbers masked; add anything listed under _Still to add_.',
    ),
  ];
  for (const piece of splitMrkdwn(codeBlock(bundleText))) blocks.push(section(piece));
  if (advice) blocks.push(divider(), section(`*When to escalate*\n${markdownToMrkdwn(advice)}`));
  return modal('Escalate to Sent', blocks, { callback_id: VIEW.escalate, close: plain('Done') });
}

export interface HomeStatus {
  /** check_api_key on the configured key; undefined when it could not run. */
  key?: CheckApiKeyOutput;
  demo: boolean;
  baseUrl?: string;
  knowledgeCount: number;
}

export function homeView(s: HomeStatus): Home {
  let status: string;
  if (!s.key) status = ':large_orange_circle: The Sent API could not be checked just now; try reopening this tab in a minute.';
  else if (s.key.source === 'none') status = ':white_circle: No Sent API key is configured: message lookups are off, everything else works.';
  else if (s.demo) status = `:large_blue_circle: Demo mode: lookups go to the built-in Sent simulator (key ${inlineCode(s.key.fingerprint)}), not to Sent.`;
  else if (s.key.live.valid === true) status = `:large_green_circle: The Sent API answers with the configured key ${inlineCode(s.key.fingerprint)}. ${markdownToMrkdwn(s.key.live.message)}`;
  else if (s.key.live.valid === false) status = `:red_circle: Sent rejects the configured key ${inlineCode(s.key.fingerprint)}. ${markdownToMrkdwn(s.key.live.message)}`;
  else status = `:large_orange_circle: Could not confirm the configured key ${inlineCode(s.key.fingerprint)}. ${markdownToMrkdwn(s.key.live.message)}`;
  return {
    type: 'home',
    blocks: [
      header('sent-doctor'),
      section(
        'I diagnose Sent (sent.dm) messages that were not delivered, over SMS and WhatsApp. Give me a message ID, an error, a payload or a whole customer ticket; ' +
          `I look the messages up, check the payload, and answer with the most likely cause, the evidence, numbered steps and how to verify — from ${s.knowledgeCount} knowledge entries built on Sent's troubleshooting guide.`,
      ),
      divider(),
      section(`*Sent API*\n${status}${s.baseUrl ? `\n${escapeMrkdwn(s.baseUrl)}` : ''}`),
      divider(),
      section(
        [
          '*Try*',
          '• `@sent-doctor why is msg_seed_algeria_sent stuck?` in a channel (I answer in the thread)',
          '• a DM: `WhatsApp says 131049 for our promo template`',
          // Our own example uses the guide's example number, which is never masked, so it can be copied as is.
          `• \`/sent status <message id>\` · \`/sent validate {"to":["${GUIDE_EXAMPLE_NUMBER}"],"template":{"id":"tmpl_1"}}\` · \`/sent coverage Algeria\` · \`/sent key\``,
          "• the message shortcut *Diagnose w/ sent-doctor* (in a message's ⋮ menu) on a pasted ticket",
        ].join('\n'),
      ),
      context('Never paste an API key in a channel: use `/sent key`. Keys I see are named by fingerprint only, and phone numbers are masked in channels.'),
    ],
  };
}
