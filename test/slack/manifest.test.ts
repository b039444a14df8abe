/**
 * Contract: manifest.yml asks for exactly what the code uses. Events, command, shortcut,
 * interactivity and the assistant feature are compared with the listeners the app registers;
 * the scopes with what the events and the Web API methods the app really calls (every recorded
 * payload pushed through it) require.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load as parse } from 'js-yaml';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { SLACK_PATH } from '../../src/slack/http.js';
import { ACTION, COMMAND, SHORTCUT, VIEW } from '../../src/slack/ids.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { BOT } from './helpers/fake-slack.js';

const manifest = parse(readFileSync(join(PACKAGE_ROOT, 'manifest.yml'), 'utf8'));

/** Scopes Slack requires per Web API method (docs.slack.dev/reference/methods); null: none. */
const METHOD_SCOPES: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'reactions.add': 'reactions:write',
  'reactions.remove': 'reactions:write',
  'views.open': null,
  'views.update': null,
  'views.publish': null,
  'views.push': null,
  'assistant.threads.setStatus': 'assistant:write',
  'assistant.threads.setSuggestedPrompts': 'assistant:write',
  'assistant.threads.setTitle': 'assistant:write',
};
/** Scopes Slack requires per event subscription (docs.slack.dev/reference/events). */
const EVENT_SCOPES: Record<string, string | null> = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  app_home_opened: null,
  assistant_thread_started: 'assistant:write',
  assistant_thread_context_changed: 'assistant:write',
};

let h: Harness;
const called = new Set<string>();
const renderedActionIds = new Set<string>();
const submittableViews = new Set<string>();

function collect(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(collect);
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (o.type === 'button' && typeof o.action_id === 'string') renderedActionIds.add(o.action_id);
  if (o.type === 'modal' && o.submit && typeof o.callback_id === 'string') submittableViews.add(o.callback_id);
  Object.values(o).forEach(collect);
}

beforeAll(async () => {
  h = await startHarness({ demo: true });
  const m = (t: string) => ({ text: `<@${BOT.userId}> ${t}` });
  await h.send('app_mention', m('msg_seed_algeria_sent is not delivered {"to":["+12025550123"],"channel":"WhatsApp"}'));
  await h.send('app_mention_in_thread', m('and now?'));
  await h.send('message_im', { text: 'WhatsApp error 131049 on our marketing template' });
  await h.send('assistant_thread_started');
  await h.send('assistant_thread_context_changed');
  await h.send('assistant_user_message', { text: 'msg_seed_algeria_sent?' });
  await h.send('app_home_opened');
  for (const text of ['help', 'status msg_seed_algeria_sent', 'validate {"to":"+12025550123"}', 'coverage Algeria', 'key', 'why is msg_seed_algeria_sent stuck'])
    await h.send('slash_command', { text });
  await h.send('message_shortcut', { text: 'Customer says msg_seed_algeria_sent never arrived' });
  const answer = h.fake.of('chat.postMessage').find((c) => JSON.stringify(c.body.blocks).includes(ACTION.recheck))!;
  const answerId = (answer.body.blocks as any[]).find((b) => b.type === 'actions').elements[0].value as string;
  for (const action_id of [ACTION.recheck, ACTION.helpful, ACTION.notHelpful, ACTION.escalate, ACTION.allSteps])
    await h.send('block_actions', { action_id, value: answerId, message_ts: '1780000101.000100' });
  await h.send('block_actions', { action_id: ACTION.openEntry, value: 'sms-country-delivery', message_ts: '1780000101.000100' });
  await h.send('block_actions_view', { action_id: ACTION.openEntry, value: 'sender-id-issues' });
  const share = h.fake.of('response_url').flatMap((c) => (c.body.blocks ?? []) as any[]).find((b) => b.type === 'actions')!.elements[0].value as string;
  await h.send('block_actions_ephemeral', { value: share });
  await h.send('view_submission_key', { key: 'sk_test_ManifestContractKey0001' });
  for (const c of h.fake.calls) {
    if (c.method !== 'response_url') called.add(c.method);
    collect(c.body);
  }
}, 60_000);

afterAll(async () => {
  expect(h.fake.unexpected).toEqual([]);
  await h.close();
});

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('manifest.yml agrees with the code', () => {
  test('bot events = the events the listeners subscribe to', () => {
    expect(sorted(manifest.settings.event_subscriptions.bot_events)).toEqual(sorted(h.slack.listeners.events));
  });

  test('the slash command and the message shortcut are the ones registered', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([COMMAND]);
    expect(h.slack.listeners.commands).toEqual([COMMAND]);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: SHORTCUT.diagnoseMessage })]);
    expect(h.slack.listeners.messageShortcuts).toEqual([SHORTCUT.diagnoseMessage]);
  });

  test('interactivity is on, and every button and form the app renders has a listener (and no listener is dead)', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(sorted(renderedActionIds)).toEqual(sorted(h.slack.listeners.actions));
    expect(sorted(submittableViews)).toEqual(sorted(h.slack.listeners.views));
    expect(h.slack.listeners.views).toEqual([VIEW.checkKey]);
  });

  test('the assistant feature, App Home and the Messages tab match the listeners', () => {
    expect(h.slack.listeners.assistant).toBe(true);
    expect(manifest.features.assistant_view.assistant_description).toBeTruthy();
    expect(manifest.features.app_home.home_tab_enabled).toBe(h.slack.listeners.events.includes('app_home_opened'));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(h.slack.listeners.events.includes('message.im'));
  });

  test('bot scopes = exactly what the subscribed events and the Web API calls made need', () => {
    for (const m of called) expect(Object.keys(METHOD_SCOPES), `scope of ${m} unknown to this test`).toContain(m);
    const needed = new Set<string>();
    for (const m of called) if (METHOD_SCOPES[m]) needed.add(METHOD_SCOPES[m]!);
    for (const e of h.slack.listeners.events) {
      expect(Object.keys(EVENT_SCOPES), `scope of ${e} unknown to this test`).toContain(e);
      if (EVENT_SCOPES[e]) needed.add(EVENT_SCOPES[e]!);
    }
    if (h.slack.listeners.commands.length || h.slack.listeners.messageShortcuts.length) needed.add('commands');
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(sorted(needed));
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
    // The catalogue really exercised every kind of call the code makes.
    expect(sorted(called)).toEqual(sorted(Object.keys(METHOD_SCOPES)));
  });

  test('one request URL for events, commands and interactivity: /slack/events', () => {
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, ...manifest.features.slash_commands.map((c: { url: string }) => c.url)];
    for (const u of urls) expect(new URL(u).pathname).toBe(SLACK_PATH);
    expect(new Set(urls).size).toBe(1);
  });
});

describe('manifest.yml is a valid Slack app manifest', () => {
  // Field limits from Slack's app manifest reference and its published JSON schema.
  test('display information and features within their limits', () => {
    const d = manifest.display_information;
    expect(d.name.length).toBeGreaterThanOrEqual(1);
    expect(d.name.length).toBeLessThanOrEqual(35);
    expect(d.description.length).toBeLessThanOrEqual(140);
    expect(d.long_description.length).toBeGreaterThanOrEqual(175);
    expect(d.long_description.length).toBeLessThanOrEqual(4000);
    expect(d.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
    for (const s of manifest.features.shortcuts) {
      expect(s.name.length).toBeLessThanOrEqual(24);
      expect(s.description.length).toBeLessThanOrEqual(150);
      expect(['message', 'global']).toContain(s.type);
    }
    for (const c of manifest.features.slash_commands) {
      expect(c.command).toMatch(/^\/.{1,31}$/);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect(c.url).toMatch(/^https?:\/\//);
      expect(typeof c.should_escape).toBe('boolean');
    }
  });

  test('only known top-level sections and settings', () => {
    expect(Object.keys(manifest).every((k) => ['_metadata', 'display_information', 'features', 'oauth_config', 'settings'].includes(k))).toBe(true);
    expect(Object.keys(manifest.features).every((k) => ['app_home', 'bot_user', 'shortcuts', 'slash_commands', 'assistant_view'].includes(k))).toBe(true);
    for (const k of ['org_deploy_enabled', 'socket_mode_enabled', 'token_rotation_enabled']) expect(typeof manifest.settings[k]).toBe('boolean');
    expect(new Set(manifest.settings.event_subscriptions.bot_events).size).toBe(manifest.settings.event_subscriptions.bot_events.length);
  });
});
