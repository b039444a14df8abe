/**
 * Everything the app says goes out through here: cleaned for its audience, fitted within Slack's
 * limits, and in a thread (never at a channel's root). Ephemeral replies go through response_url
 * in the listeners that have one, after the same `finalise`.
 */
import type { webApi } from '@slack/bolt';
import { finalise, type Draft, type SlackMessage } from './blocks.js';
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

/** Posts a draft; returns what was posted (ts and the cleaned message) so it can be updated later. */
export async function postDraft(client: WebClient, where: Where, draft: Draft, secrets: readonly string[] = []): Promise<Array<{ ts?: string } & SlackMessage>> {
  const audience: Audience = { isDm: where.isDm, secrets };
  const posted: Array<{ ts?: string } & SlackMessage> = [];
  for (const m of finalise(draft, audience)) {
    const r = await client.chat.postMessage({
      channel: where.channel,
      thread_ts: where.threadTs,
      text: m.text,
      blocks: m.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    posted.push({ ...m, ts: typeof r?.ts === 'string' ? r.ts : undefined });
  }
  return posted;
}

export async function postMrkdwn(client: WebClient, where: Where, mrkdwn: string): Promise<void> {
  await postDraft(client, where, { blocks: [section(mrkdwn)], fallback: mrkdwn.slice(0, 200) });
}
