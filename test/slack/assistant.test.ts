/** The Agents & AI Apps panel: recorded assistant thread events through Bolt. */
import { afterEach, expect, test } from 'vitest';
import { closeClean, startHarness, textOf, type Harness } from './helpers/harness.js';
import { SUGGESTED_PROMPTS } from '../../src/slack/listeners/assistant/assistant.js';

let h: Harness;
afterEach(() => closeClean(h));

const THREAD = { channel: 'D0ALICEDM1', thread_ts: '1780000700.000100' };

test('a new thread gets a welcome in the thread and suggested prompts', async () => {
  h = await startHarness();
  await h.send('assistant_thread_started');
  const [welcome] = h.fake.of('chat.postMessage');
  expect(welcome!.body).toMatchObject(THREAD);
  expect(textOf(welcome!.body)).toContain('I diagnose Sent messages');
  const [prompts] = h.fake.of('assistant.threads.setSuggestedPrompts');
  expect(prompts!.body).toMatchObject({ channel_id: THREAD.channel, thread_ts: THREAD.thread_ts });
  expect(prompts!.body.prompts).toEqual(SUGGESTED_PROMPTS);
  // Where the panel was opened is kept in our store, not in message metadata.
  expect(await h.ctx.store.get(`slack:assistant:ctx:${THREAD.channel}:${THREAD.thread_ts}`)).toContain('C0SUPPORT1');
});

test('in demo mode the prompts start with a seeded message', async () => {
  h = await startHarness({ demo: true });
  await h.send('assistant_thread_started');
  expect(h.fake.of('assistant.threads.setSuggestedPrompts')[0]!.body.prompts[0].message).toContain('msg_seed_algeria_sent');
});

test('the context changing is saved', async () => {
  h = await startHarness();
  await h.send('assistant_thread_context_changed');
  expect(await h.ctx.store.get(`slack:assistant:ctx:${THREAD.channel}:${THREAD.thread_ts}`)).toContain('C0OTHERCH1');
  expect(h.fake.of('chat.postMessage')).toHaveLength(0);
});

test('a question: title from the first message, status while working, the answer in the thread (no reaction)', async () => {
  h = await startHarness();
  const before = h.fake.calls.length;
  await h.send('assistant_user_message', { text: 'What happened to msg_seed_algeria_sent? The customer in Algeria says nothing arrived.' });
  const methods = h.fake.calls.slice(before).map((c) => c.method);
  expect(methods).toEqual(['assistant.threads.setTitle', 'assistant.threads.setStatus', 'chat.postMessage']);
  expect(h.fake.of('assistant.threads.setTitle')[0]!.body.title).toBe('What happened to msg_seed_algeria_sent? The customer in…');
  expect(h.fake.of('assistant.threads.setStatus')[0]!.body).toMatchObject({ channel_id: THREAD.channel, thread_ts: THREAD.thread_ts, status: 'is looking into it…' });
  const [post] = h.fake.of('chat.postMessage');
  expect(post!.body).toMatchObject(THREAD);
  expect(textOf(post!.body)).toContain('SMS not delivered in specific countries');

  // The second message in the same thread keeps the title, and re-checks the same message.
  await h.send('assistant_user_message', { text: 'and now?' });
  expect(h.fake.of('assistant.threads.setTitle')).toHaveLength(1);
  expect(h.simRequests().filter((r) => r === 'GET /v3/messages/msg_seed_algeria_sent')).toHaveLength(2);
});
