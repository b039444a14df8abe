/**
 * Slack: a signed app_mention in at /slack/events → the reply's chat.postMessage out at the fake
 * Slack, one event at a time, with the simulator as the Sent API (every event names a fresh
 * sandbox message, so each answer does a real lookup). Next to it the framework's own cost: the
 * minimal Bolt app on the same receiver answering a constant (bench/fixtures/minimal-slack-app.ts).
 */
import type { Budget } from './budget.js';
import { BENCH_BOT, type FakeSlack } from './fake-slack.js';
import { childEnv, fixture, startNode, type Child } from './proc.js';
import type { Row } from './report.js';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET, eventSender, type EventSender } from './slack-events.js';
import { medianOfRuns, now, runOf, type Run } from './stats.js';
import type { IdPool } from './sim-ids.js';

const RUNS = 3;
const EVENTS = 100;
const WARMUP = 20;

export const slackText = (id: string) => `can you check ${id}? the customer says the SMS never arrived`;
/** How an answer shows a message it looked up: "`msg_…` is *SENT* on sms …". */
export const LOOKED_UP = (id: string) => `\`${id}\` is *`;

/**
 * One event at a time. `answers`: the reply must show the message's looked-up status, proof that
 * the product looked it up and answered (not, say, a rate-limit or error message).
 */
async function sequential(sender: EventSender, ids: IdPool, events: number, b: Budget, answers: boolean): Promise<Run> {
  const samples: number[] = [];
  const start = now();
  for (let i = 0; i < events && !b.over(); i++) {
    const id = ids.next();
    const { ms, reply } = await sender.mention(slackText(id));
    if (answers && !reply.includes(LOOKED_UP(id))) throw new Error(`the reply about ${id} does not show its looked-up status: ${JSON.stringify(reply.slice(0, 300))}`);
    samples.push(ms);
  }
  return runOf(samples, now() - start);
}

export function startMinimalSlackApp(slack: FakeSlack): Promise<{ child: Child; match: RegExpMatchArray }> {
  return startNode(
    fixture('minimal-slack-app'),
    [],
    childEnv({
      SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      BENCH_BOT_ID: BENCH_BOT.botId,
      BENCH_BOT_USER_ID: BENCH_BOT.userId,
    }),
    /listening on (http:\/\/\S+)/,
  );
}

export async function slackSuite(serveUrl: string, slack: FakeSlack, ids: IdPool, b: Budget): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const { child, match } = await startMinimalSlackApp(slack);
  const product = eventSender(serveUrl, slack);
  const baseline = eventSender(match[1]!, slack);
  const p: Run[] = [];
  const c: Run[] = [];
  try {
    await sequential(product, ids, WARMUP, b, true);
    await sequential(baseline, ids, WARMUP, b, false);
    for (let r = 0; r < RUNS && (r < 1 || !b.over()); r++) {
      p.push(await sequential(product, ids, EVENTS, b, true));
      c.push(await sequential(baseline, ids, EVENTS, b, false));
    }
  } finally {
    await product.close();
    await baseline.close();
    await child.stop();
  }
  const pf = medianOfRuns(p);
  const cf = medianOfRuns(c);
  const label = 'Bolt + same receiver, constant answer';
  const rows: Row[] = [
    { suite: 'Slack', figure: 'event in → chat.postMessage out: p50', unit: 'ms', value: pf.p50, baseline: cf.p50, baselineLabel: label },
    {
      suite: 'Slack',
      figure: 'event in → chat.postMessage out: p99',
      unit: 'ms',
      value: pf.p99,
      baseline: cf.p99,
      baselineLabel: label,
      target: { on: 'value', op: '<', limit: 150 },
      note: `one event at a time, ${pf.runs} runs of ${pf.samplesPerRun}; each event names a fresh simulator message (a real lookup)`,
    },
  ];
  return { rows, details: { product: pf, baseline: cf, productRuns: p, baselineRuns: c, fakeSlackCalls: slack.counts() } };
}
