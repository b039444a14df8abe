/** Small Block Kit builders and Slack's documented limits. Pure. */
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type Button = types.Button;

export const LIMITS = {
  /** Blocks in one message; modals and Home tabs allow 100. */
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  contextElements: 10,
  contextText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  viewTitle: 24,
  /**
   * Total text of one message's blocks. Not in Slack's reference, but chat.postMessage answers
   * `msg_blocks_too_long` a little above 13,000 characters (slackapi/bolt-js#2509), so we stay below.
   */
  messageChars: 12_000,
  /** The `text` fallback shown in notifications. */
  fallbackText: 3000,
} as const;

export const section = (mrkdwn: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } });

export const header = (text: string): types.HeaderBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: cut(text, LIMITS.headerText), emoji: true },
});

export const divider = (): types.DividerBlock => ({ type: 'divider' });

export const context = (...mrkdwn: string[]): types.ContextBlock => ({
  type: 'context',
  elements: mrkdwn.slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn' as const, text: cut(t, LIMITS.contextText) })),
});

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: cut(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export const actions = (blockId: string, elements: types.Button[]): types.ActionsBlock => ({
  type: 'actions',
  block_id: blockId,
  elements: elements.slice(0, LIMITS.actionsElements),
});

export const plain = (text: string, max = 3000): types.PlainTextElement => ({ type: 'plain_text', text: cut(text, max), emoji: true });

function cut(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
