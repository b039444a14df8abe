/**
 * Listeners register through this thin wrapper over Bolt's App so that what the code listens to
 * is known (`registered`): the manifest contract test compares it with manifest.yml.
 */
import type {
  App,
  Assistant,
  BlockAction,
  ButtonAction,
  Middleware,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

export interface RegisteredListeners {
  /** Event subscriptions as the manifest names them (`message.im`, not `message`). */
  events: string[];
  commands: string[];
  messageShortcuts: string[];
  actions: string[];
  views: string[];
  assistant: boolean;
}

export class Registrar {
  readonly registered: RegisteredListeners = { events: [], commands: [], messageShortcuts: [], actions: [], views: [], assistant: false };

  constructor(readonly app: App) {}

  private note(list: keyof Omit<RegisteredListeners, 'assistant'>, name: string): void {
    if (!this.registered[list].includes(name)) this.registered[list].push(name);
  }

  event<E extends 'app_mention' | 'app_home_opened'>(name: E, fn: Middleware<SlackEventMiddlewareArgs<E>>): void {
    this.note('events', name);
    this.app.event(name, fn);
  }

  /** Messages in DMs with the app (the `message.im` subscription). */
  directMessage(fn: Middleware<SlackEventMiddlewareArgs<'message'>>): void {
    this.note('events', 'message.im');
    this.app.message(fn);
  }

  command(name: string, fn: Middleware<SlackCommandMiddlewareArgs>): void {
    this.note('commands', name);
    this.app.command(name, fn);
  }

  messageShortcut(callbackId: string, fn: Middleware<SlackShortcutMiddlewareArgs<MessageShortcut>>): void {
    this.note('messageShortcuts', callbackId);
    this.app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: callbackId }, fn);
  }

  button(actionId: string, fn: Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>>): void {
    this.note('actions', actionId);
    this.app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: actionId }, fn);
  }

  viewSubmission(callbackId: string, fn: Middleware<SlackViewMiddlewareArgs<ViewSubmitAction>>): void {
    this.note('views', callbackId);
    this.app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: callbackId }, fn);
  }

  /** The Agents & AI Apps panel: thread started / context changed, and DM thread messages. */
  assistant(a: Assistant): void {
    this.registered.assistant = true;
    for (const e of ['assistant_thread_started', 'assistant_thread_context_changed', 'message.im']) this.note('events', e);
    this.app.assistant(a);
  }
}
