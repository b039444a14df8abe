/**
 * A Sent client whose HTTP stack (undici) loads on the first request, so processes that never call
 * Sent (an MCP server answering tools/list, the CLI's offline commands) start faster. Same
 * contract as createSentClient; its validation errors surface on the first call instead.
 */
import type { SentApi } from '../../tools/context.js';
import { fingerprint } from '../../tools/domain/redact.js';
import type { SentClient, SentClientOptions } from './client.js';

export function lazySentClient(opts: SentClientOptions): SentApi & { close(): Promise<void> } {
  let client: Promise<SentClient> | undefined;
  const get = () => (client ??= import('./client.js').then((m) => m.createSentClient(opts)));
  return {
    baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    keyFingerprint: fingerprint(opts.apiKey),
    getMessage: async (id, o) => (await get()).getMessage(id, o),
    getActivities: async (id, o) => (await get()).getActivities(id, o),
    getMe: async (o) => (await get()).getMe(o),
    getTemplate: async (id, o) => (await get()).getTemplate(id, o),
    sendSandbox: async (body, o) => (await get()).sendSandbox(body, o),
    listTemplates: async (o) => (await get()).listTemplates(o),
    listWebhooks: async (o) => (await get()).listWebhooks(o),
    listProfiles: async (o) => (await get()).listProfiles(o),
    listCampaigns: async (id, o) => (await get()).listCampaigns(id, o),
    close: async () => {
      if (client) await (await client.catch(() => undefined))?.close();
    },
  };
}
