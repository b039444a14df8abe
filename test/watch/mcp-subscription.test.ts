/**
 * MCP resource sent-doctor://messages/{id} and resources/subscribe, with a real MCP client: a
 * webhook for a subscribed message sends notifications/resources/updated; stateless HTTP refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { createWatchService } from '../../src/watch/service.js';
import { attachWatchService } from '../../src/watch/hub.js';
import { messageUri } from '../../src/mcp/uris.js';
import { parseEnvelope } from '../../src/webhooks/envelope.js';
import type { ListeningSimulator } from '../../src/simulator/index.js';
import { connect, contextFor, startSimulator } from '../mcp/setup.js';
import { envelope } from '../webhooks/helpers.js';

let sim: ListeningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

const event = (id: string, status: string, updated_at: string) => {
  const p = parseEnvelope(JSON.parse(envelope('event', { message_id: id, status, updated_at })), Date.now());
  if (p.kind !== 'message') throw new Error('not a message event');
  return p.event;
};

describe('sent-doctor://messages/{id}', () => {
  it('reads as the lookup, in Markdown', async () => {
    const ctx = contextFor(sim.url);
    const { client, close } = await connect(ctx);
    try {
      const r = await client.readResource({ uri: messageUri('msg_seed_route_denied') });
      const text = (r.contents[0] as { text: string }).text;
      expect(text).toContain('msg_seed_route_denied');
      expect(text).toContain('ERR_ROUTE_DENIED');
      const caps = client.getServerCapabilities();
      expect(caps?.resources?.subscribe).toBe(true);
    } finally {
      await close();
    }
  });

  it('a webhook for a subscribed message → notifications/resources/updated (once per change); others are not notified', async () => {
    const ctx = contextFor(sim.url);
    const svc = createWatchService(ctx, { mode: 'webhook' });
    attachWatchService(ctx, svc);
    const { client, close } = await connect(ctx);
    const updates: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
    try {
      const id = 'msg_seed_scheduled_quiet_hours';
      await client.subscribeResource({ uri: messageUri(id) });
      await svc.ingestWebhook(event(id, 'QUEUED', '2026-08-20T10:00:00Z'));
      await svc.ingestWebhook(event('msg_someone_else', 'FAILED', '2026-08-20T10:00:00Z'));
      await svc.ingestWebhook(event(id, 'SENT', '2026-08-20T10:00:02Z'));
      await expect.poll(() => updates.length).toBe(2);
      expect(updates).toEqual([messageUri(id), messageUri(id)]);
      await client.unsubscribeResource({ uri: messageUri(id) });
      await svc.ingestWebhook(event(id, 'DELIVERED', '2026-08-20T10:00:05Z'));
      await new Promise((r) => setTimeout(r, 50));
      expect(updates).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('subscriptions that arrive together, on a server that builds its context on first use: one notification per change and message', async () => {
    const ctx = contextFor(sim.url);
    const svc = createWatchService(ctx, { mode: 'webhook' });
    attachWatchService(ctx, svc);
    // The server builds the context on the first request that needs it, as `sent-doctor mcp` does.
    const { client, close } = await connect(async () => ctx);
    const updates: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
    try {
      const a = 'msg_seed_scheduled_quiet_hours';
      const b = 'msg_seed_route_denied';
      await Promise.all([client.subscribeResource({ uri: messageUri(a) }), client.subscribeResource({ uri: messageUri(b) })]);
      await svc.ingestWebhook(event(a, 'SENT', '2026-08-20T11:00:00Z'));
      await svc.ingestWebhook(event(b, 'FAILED', '2026-08-20T11:00:01Z'));
      await expect.poll(() => updates.length).toBe(2);
      await new Promise((r) => setTimeout(r, 50));
      expect(updates.sort()).toEqual([messageUri(a), messageUri(b)].sort());
    } finally {
      await close();
    }
  });

  it('only message resources, with a message ID, can be subscribed to', async () => {
    const { client, close } = await connect(contextFor(sim.url));
    try {
      await expect(client.subscribeResource({ uri: 'sent-doctor://scenarios/sandbox-mode' })).rejects.toThrow(/Only sent-doctor:\/\/messages/);
      await expect(client.subscribeResource({ uri: 'sent-doctor://messages/not%20an%20id' })).rejects.toThrow(/Only sent-doctor:\/\/messages/);
    } finally {
      await close();
    }
  });
});
