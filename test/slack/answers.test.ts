/**
 * Issue 18: Slack answers a busy engineer can use at a glance. Recorded payloads through Bolt with
 * the fake receiver, the fake Slack Web API and the simulator: the answer budget, what changed on
 * a re-check or follow-up, surface-aware wording, masking by audience and many message IDs.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { closeClean, startHarness, textOf, type Harness } from './helpers/harness.js';
import { BOT } from './helpers/fake-slack.js';
import { ACTION } from '../../src/slack/ids.js';
import { blockChars } from '../../src/slack/blocks.js';

let h: Harness;
afterEach(() => closeClean(h));

const ID_131049 = '8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01';
const mention = (text: string) => `<@${BOT.userId}> ${text}`;
const posts = () => h.fake.of('chat.postMessage');
/** Visible characters (every text object) and blocks of some posted messages. */
const size = (calls: Array<{ body: Record<string, any> }>) => ({
  chars: calls.reduce((n, c) => n + blockChars(c.body.blocks ?? []), 0),
  blocks: calls.reduce((n, c) => n + (c.body.blocks?.length ?? 0), 0),
});
const buttonsOf = (body: Record<string, any>) => (body.blocks as any[]).flatMap((b) => (b.type === 'actions' ? b.elements : b.accessory ? [b.accessory] : []));
/** Sentences of a reply's visible text, for the "no sentence twice" checks. */
function sentences(calls: Array<{ body: Record<string, any> }>): string[] {
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) if (k === 'text' && typeof x === 'string') texts.push(x);
    else walk(x);
  };
  calls.forEach((c) => walk(c.body.blocks));
  return texts.flatMap((t) => t.split(/(?<=[.!?])\s+|\n/)).map((s) => s.trim()).filter((s) => s.length > 25);
}
const maxRepeat = (ss: string[]) => Math.max(0, ...[...ss.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>()).values()]);

/** A pasted log of ~10k characters naming 40 message IDs: 5 seeded, 35 unknown. */
function bigLog(): string {
  const seeds = ['msg_seed_algeria_sent', 'msg_seed_route_denied', ID_131049, 'msg_seed_us_10dlc', 'msg_seed_not_on_whatsapp'];
  const lines = Array.from({ length: 40 }, (_, i) => {
    const id = seeds[i] ?? `msg_log_${String(i).padStart(4, '0')}`;
    return `2026-05-09T10:${String(i).padStart(2, '0')}:00Z ERROR worker-3 send failed message_id=${id} status=FAILED channel=sms upstream="delivery report missing after timeout" request_id=req_${i}abcdef0123456789`;
  });
  let log = lines.join('\n');
  while (log.length < 10_000) log += '\n2026-05-09T11:00:00Z INFO worker-3 heartbeat ok queue_depth=12 latency_ms=230 region=eu-west-1 build=4f2a9c';
  return log;
}

describe('(1) the answer budget', () => {
  test('a question about a 131049 message: ≤ 1,500 characters and ≤ 8 blocks, the first block names 131049', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention(`why did ${ID_131049} fail?`) });
    const [answer] = posts();
    const s = size([answer!]);
    expect(s.chars).toBeLessThanOrEqual(1500);
    expect(s.blocks).toBeLessThanOrEqual(8);
    expect(posts()).toHaveLength(1);
    expect(JSON.stringify(answer!.body.blocks[0])).toContain('131049');
    expect(answer!.body.text).toContain('131049');
    // The 3 steps that apply, and the buttons.
    const t = textOf(answer!.body);
    expect(t).toMatch(/1\. .*\\n2\. .*\\n3\. /);
    expect(t).not.toMatch(/\\n4\. /);
    expect(buttonsOf(answer!.body).map((b: any) => b.action_id)).toEqual([
      ACTION.openEntry,
      ACTION.allSteps,
      ACTION.recheck,
      ACTION.watch,
      ACTION.escalate,
      ACTION.helpful,
      ACTION.notHelpful,
    ]);
    expect(buttonsOf(answer!.body).find((b: any) => b.action_id === ACTION.watch).value).toBe(ID_131049);
    expect(maxRepeat(sentences([answer!]))).toBeLessThanOrEqual(1);
    expect(t).not.toMatch(/\(0%\)/);
  });

  test('All steps opens a private modal with every step, the evidence, how to verify and when to escalate', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention(`why did ${ID_131049} fail?`) });
    const answerId = buttonsOf(posts()[0]!.body).find((b: any) => b.action_id === ACTION.allSteps).value;
    await h.send('block_actions', { action_id: ACTION.allSteps, value: answerId, message_ts: '1', trigger_id: '1780000000.1.all' });
    const [open] = h.fake.of('views.open');
    expect(open!.body.trigger_id).toBe('1780000000.1.all');
    const view = JSON.stringify(open!.body.view);
    expect(open!.body.view.title.text).toBe('All steps');
    expect(view).toContain('*Evidence*');
    expect(view).toContain('*How to verify*');
    expect(view).toContain('*When to escalate*');
    const steps = h.ctx.knowledge.get('whatsapp-131049')!.steps;
    expect(view).toContain(`${steps.length}. `);
  });
});

describe('(2) re-check and follow-ups report what changed', () => {
  test('"and now?" in the thread: ≤ 600 characters, what changed, and the original status line updated with chat.update', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention(`why did ${ID_131049} fail?`) });
    await h.send('app_mention_in_thread', { text: mention('and now?') });
    const [, followUp] = posts();
    expect(posts()).toHaveLength(2);
    expect(size([followUp!]).chars).toBeLessThanOrEqual(600);
    const t = textOf(followUp!.body);
    expect(t).toMatch(/still \*FAILED\*, \d+ h now; nothing new since/);
    expect(t).not.toContain('What to do');
    const [upd] = h.fake.of('chat.update');
    expect(upd!.body).toMatchObject({ channel: 'C0SUPPORT1' });
    const status = (upd!.body.blocks as any[]).find((b) => b.block_id === 'sd_status');
    expect(JSON.stringify(status)).toMatch(/\*FAILED\* on whatsapp .*checked .* UTC · demo simulator \(re-checked\)/);
    // The rest of the answer is kept as it was.
    expect(upd!.body.blocks.length).toBe(posts()[0]!.body.blocks.length);
  });

  test('a status that moved is reported as "now <STATUS> at <time>"', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention('msg_seed_scheduled_quiet_hours did not arrive') });
    // The thread's last answer saw it SCHEDULED; pretend it saw it QUEUED an hour earlier.
    const key = 'slack:thread-answer:T0TEAM001:C0SUPPORT1:1780000100.000200';
    const rec = JSON.parse((await h.ctx.store.get(key))!);
    rec.snapshot[0].status = 'QUEUED';
    await h.ctx.store.set(key, JSON.stringify(rec));
    await h.send('app_mention_in_thread', { text: mention('any update?') });
    expect(textOf(posts()[1]!.body)).toMatch(/`msg_seed_scheduled_quiet_hours` now \*SCHEDULED\*( at [^)]+)? \(was QUEUED\)/);
  });

  test('a follow-up that brings a new message ID gets a full answer', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention(`why did ${ID_131049} fail?`) });
    await h.send('app_mention_in_thread', { text: mention('and msg_seed_algeria_sent?') });
    expect(textOf(posts()[1]!.body)).toContain('What to do');
    expect(h.fake.of('chat.update')).toHaveLength(0);
  });
});

describe('(3) surface-aware wording', () => {
  test('steps name /sent commands, never tool names or file paths; the entry opens in a modal', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention('SMS to Algeria stay at SENT and never arrive') });
    const [answer] = posts();
    const t = textOf(answer!.body);
    expect(t).toContain('`/sent coverage DZ`');
    expect(t).not.toMatch(/get_coverage|check_api_key|validate_payload|lookup_message|knowledge\/scenarios|\.md\b|\{\{/);
    expect(t).not.toMatch(/127\.0\.0\.1|localhost/);
    const open = buttonsOf(answer!.body).find((b: any) => b.action_id === ACTION.openEntry);
    await h.send('block_actions', { action_id: ACTION.openEntry, value: open.value, message_ts: '1', trigger_id: '1780000000.1.entry' });
    const view = h.fake.of('views.open')[0]!.body.view;
    expect(view.title.text).toBe('Knowledge entry');
    const v = JSON.stringify(view);
    expect(v).toContain('SMS not delivered in specific countries');
    expect(v).not.toContain('{{');
    const steps = JSON.stringify((view.blocks as any[]).find((b) => b.text?.text?.startsWith('*Steps*')));
    expect(steps).toContain('`/sent coverage &lt;country&gt;`');
    expect(steps).not.toMatch(/get_coverage|check_api_key|validate_payload|lookup_message/);
    // Related entries are buttons; from inside a modal they are pushed on top.
    const related = (view.blocks as any[]).flatMap((b) => (b.type === 'actions' ? b.elements : []))[0];
    await h.send('block_actions_view', { action_id: ACTION.openEntry, value: related.value });
    expect(h.fake.of('views.push')[0]!.body.view.title.text).toBe('Knowledge entry');
  });

  test('/sent status names the environment, never a loopback URL', async () => {
    h = await startHarness();
    await h.send('slash_command', { text: 'status msg_seed_algeria_sent' });
    const r = JSON.stringify(h.fake.of('response_url')[0]!.body);
    expect(r).toContain('Looked up in the demo simulator');
    expect(r).not.toMatch(/127\.0\.0\.1|localhost/);
  });
});

describe('(4) masking by audience', () => {
  const payload = '{"to":["+213555123456"],"channel":"WhatsApp","template":{"id":"tmpl_1"}}';

  test('a channel answer masks numbers and its corrected payload uses the guide placeholder; a DM shows them in full', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention(`is this right? ${payload}`) });
    await h.send('message_im', { text: `is this right? ${payload}` });
    const [channel, dm] = posts().map((p) => textOf(p.body));
    expect(channel).not.toContain('+213555123456');
    expect(channel).not.toMatch(/"\+213 •/);
    expect(channel).toContain('+1234567890');
    expect(dm).toContain('+213555123456');
  });

  test('All steps from a channel answer is a private modal: the pasted number in full', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention(`is this right? ${payload}`) });
    const answerId = buttonsOf(posts()[0]!.body).find((b: any) => b.action_id === ACTION.allSteps).value;
    await h.send('block_actions', { action_id: ACTION.allSteps, value: answerId, message_ts: '1' });
    expect(JSON.stringify(h.fake.of('views.open')[0]!.body.view)).toContain('+213555123456');
  });

  test('/sent validate: the notification and the body give the same count', async () => {
    h = await startHarness();
    await h.send('slash_command', { text: 'validate {"to":"+12025550123","channel":"WhatsApp","template":"tmpl_123"}' });
    const [r] = h.fake.of('response_url');
    const n = /Payload: (\d+) problems?/.exec(r!.body.text)?.[1];
    expect(n).toBeDefined();
    expect(JSON.stringify(r!.body.blocks)).toContain(`Payload: ${n} problem`);
  });

  test('App Home: our own example command is never masked', async () => {
    h = await startHarness({ demo: true });
    await h.send('app_home_opened');
    const tryIt = (h.fake.of('views.publish')[0]!.body.view.blocks as any[]).find((b) => b.text?.text?.startsWith('*Try*'));
    expect(tryIt.text.text).toContain('"to":["+1234567890"]');
    expect(tryIt.text.text).not.toMatch(/\+1 •/);
  });
});

describe('(5) many IDs', () => {
  test('a 10k log with 40 message IDs: ≤ 4,000 characters, one line per message, not-found grouped, the cap named once', async () => {
    h = await startHarness();
    const log = bigLog();
    expect(log.length).toBeGreaterThanOrEqual(10_000);
    await h.send('app_mention', { text: mention(`what is going on here?\n${log}`) });
    const reply = posts();
    expect(size(reply).chars).toBeLessThanOrEqual(4000);
    expect(maxRepeat(sentences(reply))).toBeLessThanOrEqual(2);
    const first = JSON.stringify(reply[0]!.body.blocks[0]);
    for (const id of ['msg_seed_algeria_sent', 'msg_seed_route_denied', '8f14e45f…', 'msg_seed_us_10dlc', 'msg_seed_not_on_whatsapp']) expect(first).toContain(id);
    expect(first.match(/Not found for this key/g)).toHaveLength(1);
    expect(first.match(/over the limit of lookups/g)).toHaveLength(1);
    expect(first).toContain('30 in all');
    expect(textOf(reply[0]!.body).match(/over the limit|first 10 of 40/g)).toHaveLength(1);
  });
});
