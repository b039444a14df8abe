/**
 * Everything the app says goes out through here: cleaned for its audience, fitted within Slack's
 * limits, and in a thread (never at a channel's root). Ephemeral replies go through response_url
 * in the listeners that have one, after the same `finalise`.
 */
import type { webApi } from '@slack/bolt';
import { finalise, type Draft } from './blocks.js';
import { section } from './blocks/kit.js';
import type { Audience } from './safety/outgoing.js';

export type WebClient = webApi.WebClient;

/** A thread to answer in. */
export interface Where {
  team?: string;
  channel: string;
  threadTs: string;
  isDm: boolean;
}

export async function postDraft(client: WebClient, where: Where, draft: Draft, secrets: readonly string[] = []): Promise<void> {
  const audience: Audience = { isDm: where.isDm, secrets };
  for (const m of finalise(draft, audience)) {
    await client.chat.postMessage({
      channel: where.channel,
      thread_ts: where.threadTs,
      text: m.text,
      blocks: m.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  }
}

export function postMrkdwn(client: WebClient, where: Where, mrkdwn: string): Promise<void> {
  return postDraft(client, where, { blocks: [section(mrkdwn)], fallback: mrkdwn.slice(0, 200) });
}
