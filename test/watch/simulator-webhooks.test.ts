/**
 * The simulator's webhook sender: a sandbox message moving QUEUED → … → DELIVERED (or BLOCKED)
 * produces signed Sent webhooks that the real receiver accepts. Injected clock; flush() instead of
 * waiting for the timer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, SIMULATOR_DEMO_KEY, type ListeningSimulator } from '../../src/simulator/index.js';
import { generateWebhookSecret, startWebhookSender, type WebhookSender } from '../../src/simulator/webhooks.js';
import { createHttpApp, type HttpApp } from '../../src/http/server.js';
import { createWebhookReceiver, WEBHOOK_PATH, type WebhookReceiver } from '../../src/webhooks/receiver.js';
import type { MessageEvent } from '../../src/webhooks/envelope.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createLogger } from '../../src/log.js';

let now = Date.now();
const clock = { now: () => now };
const secret = generateWebhookSecret();
let sim: ReturnType<typeof createSimulator>;
let listening: ListeningSimulator;
let http: HttpApp;
let rx: WebhookReceiver;
let sender: WebhookSender;
const events: MessageEvent[] = [];

beforeAll(async () => {
  sim = createSimulator({ clock });
  listening = await sim.listen(0, '127.0.0.1');
  const logger = createLogger({ level: 'warn', write: () => undefined });
  rx = createWebhookReceiver({ secret, store: createMemoryStore(), clock: { now: () => Date.now() }, logger, onEvent: async (e) => void events.push(e) });
  http = createHttpApp(logger);
  http.mount(WEBHOOK_PATH, rx.handle);
  const { url } = await http.listen(0, '127.0.0.1');
  sender = startWebhookSender({ url: url + WEBHOOK_PATH, secret, messages: sim.messages, clock, intervalMs: 60_000 });
});
afterAll(async () => {
  await sender.stop();
  await http.close();
  await listening.close();
});

async function send(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${listening.url}/v3/messages`, { method: 'POST', headers: { 'x-api-key': SIMULATOR_DEMO_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ sandbox: true, ...body }) });
  const j = (await res.json()) as { data: { recipients: Array<{ message_id: string }> } };
  return j.data.recipients[0]!.message_id;
}

describe('simulator webhooks', () => {
  it('seeded messages are not announced; a sandbox send is, at each change, signed so the receiver accepts it', async () => {
    await sender.flush();
    await rx.drain();
    expect(events).toHaveLength(0);
    const id = await send({ to: ['+14155550123'], text: 'hello', channel: ['sms'] });
    await sender.flush();
    now += 2_500;
    await sender.flush();
    now += 2_000;
    await sender.flush();
    await sender.flush();
    await rx.drain();
    expect(rx.stats().rejected).toBe(0);
    expect(events.filter((e) => e.message_id === id).map((e) => e.status)).toEqual(['QUEUED', 'SENT', 'DELIVERED']);
    expect(events[0]!.variant).toBe('event');
  });

});
