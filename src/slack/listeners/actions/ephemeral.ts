/** A short note only the clicking user sees, in the thread of the message they clicked on. */
import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '../../outbox.js';
import { cleanText } from '../../safety/outgoing.js';
import { isDirectMessage } from '../../safety/incoming.js';

export async function ephemeralInThread(client: WebClient, body: BlockAction, mrkdwn: string): Promise<void> {
  const channel = body.channel?.id;
  if (!channel) return;
  const threadTs = (body.message?.thread_ts as string | undefined) ?? body.message?.ts;
  await client.chat.postEphemeral({
    channel,
    user: body.user.id,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    text: cleanText(mrkdwn, 'mrkdwn', { isDm: isDirectMessage(channel) }),
  });
}
