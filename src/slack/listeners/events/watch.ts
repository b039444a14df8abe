/**
 * "watch <message id>" in a mention or a DM, `/sent watch <id>`, the Watch button, and the
 * `/sent digest` text: the Slack side of src/watch. The watch service is the one `serve` attached
 * to the context (src/watch/hub.ts); updates go out through the poster bound in actions/watch.ts.
 */
import type { SlackDeps } from '../../deps.js';
import { postMrkdwn, type WebClient, type Where } from '../../outbox.js';
import { ConfigError } from '../../../../tools/errors.js';
import { callTool } from '../../../../tools/define.js';
import { recentFailures, type RecentFailures } from '../../../../tools/recent-failures.js';
import { watchServiceOf } from '../../../watch/hub.js';
import type { WatchReply } from '../../../watch/service.js';

/** "watch msg_…" (optionally "please watch …"), as the whole request. */
const WATCH_TEXT = /^\s*(?:please\s+)?watch\s+([^\s,.;!?]+)[\s,.;!?]*$/i;

export function parseWatchText(text: string): string | undefined {
  return WATCH_TEXT.exec(text)?.[1];
}

function service(deps: SlackDeps) {
  const s = watchServiceOf(deps.ctx);
  if (!s) throw new ConfigError('Watching messages is not available in this process.', { hint: 'Run `sent-doctor serve`: it starts the watch service next to the Slack app.' });
  return s;
}

/** Starts a watch for a thread and answers in it. */
export async function watchInThread(deps: SlackDeps, client: WebClient, where: Where, user: string, messageId: string): Promise<WatchReply> {
  await deps.limiter.take(`${where.team ?? ''}:${user}`);
  const reply = await service(deps).watch({ message_id: messageId, where, user });
  await postMrkdwn(client, where, reply.text);
  return reply;
}

/**
 * From a place with no thread (a slash command, an ephemeral answer): a short message in the
 * channel becomes the thread the watch posts in.
 */
export async function watchFromChannel(deps: SlackDeps, client: WebClient, a: { team?: string; channel: string; isDm: boolean; user: string; messageId: string }): Promise<WatchReply> {
  const s = service(deps);
  await deps.limiter.take(`${a.team ?? ''}:${a.user}`);
  const root = await client.chat.postMessage({
    channel: a.channel,
    text: `:eyes: <@${a.user}> asked me to watch a Sent message; updates follow in this thread.`,
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!root.ts) throw new Error('chat.postMessage returned no ts');
  const where: Where = { team: a.team, channel: a.channel, threadTs: root.ts, isDm: a.isDm };
  const reply = await s.watch({ message_id: a.messageId, where, user: a.user });
  await postMrkdwn(client, where, reply.text);
  return reply;
}

/** `/sent digest`: failures by scenario over the last hour and day. */
export async function digestText(deps: SlackDeps): Promise<string> {
  const [hour, day] = await Promise.all([callTool(recentFailures, { window: '1h' }, deps.ctx), callTool(recentFailures, { window: '24h' }, deps.ctx)]);
  return renderDigest(deps, hour, day);
}

function renderDigest(deps: SlackDeps, hour: RecentFailures, day: RecentFailures): string {
  if (!day.total) return ':white_check_mark: *Failure digest*: no failed, filtered or blocked message events received in the last 24 hours.\n_Events come from Sent webhooks (POST /webhooks/sent) and watches._';
  const inHour = new Map(hour.by_scenario.map((r) => [r.scenario, r.count]));
  const lines = day.by_scenario.map((r) => {
    const title = deps.ctx.knowledge.get(r.scenario)?.title ?? r.scenario;
    const ex = r.examples.map((e) => `\`${e.message_id}\``).join(', ');
    return `• *${title}* (\`${r.scenario}\`): ${inHour.get(r.scenario) ?? 0} in the last hour, ${r.count} in 24 h${ex ? `; e.g. ${ex}` : ''}`;
  });
  return [`:bar_chart: *Failure digest*: ${hour.total} failed, filtered or blocked in the last hour, ${day.total} in the last 24 hours.`, ...lines].join('\n');
}
