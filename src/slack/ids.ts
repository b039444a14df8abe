/** Every ID the app shares with Slack: command, shortcut, action and view callback IDs. The manifest uses the same. */
export const COMMAND = '/sent';

export const SHORTCUT = { diagnoseMessage: 'sd_diagnose_message' } as const;

export const ACTION = {
  recheck: 'sd_recheck',
  helpful: 'sd_helpful',
  notHelpful: 'sd_not_helpful',
  escalate: 'sd_escalate',
  share: 'sd_share',
  allSteps: 'sd_all_steps',
  openEntry: 'sd_open_entry',
  /** Listener: src/slack/listeners/actions/watch.ts. The button's value is the message ID. */
  watch: 'sd_watch',
} as const;

export const VIEW = {
  checkKey: 'sd_check_key',
  escalate: 'sd_escalate_view',
  details: 'sd_details_view',
  entry: 'sd_entry_view',
} as const;

/** Block and action IDs inside the key modal. */
export const KEY_INPUT = { block: 'sd_key_block', action: 'sd_key_input' } as const;
