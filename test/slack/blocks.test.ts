import { describe, expect, test } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import {
  BLOCK_ID,
  BUDGET,
  LIMITS,
  blockChars,
  detailsBlocks,
  coverageDraft,
  diagnosisDraft,
  escalateModal,
  finalise,
  helpDraft,
  homeView,
  keyModal,
  keyResultView,
  packMessages,
  splitMrkdwn,
  statusDraft,
  validateDraft,
  type Block,
  type SlackMessage,
} from '../../src/slack/blocks.js';
import { section } from '../../src/slack/blocks/kit.js';
import { markdownToMrkdwn } from '../../src/slack/safety/mrkdwn.js';
import { renderPlaceholders } from '../../src/render/placeholders.js';
import { detailsView } from '../../src/slack/blocks/follow-up.js';
import { ACTION, KEY_INPUT, VIEW } from '../../src/slack/ids.js';
import { diagnosisFor } from './helpers/diagnosis.js';
import { makeTestContext } from '../helpers/context.js';
import { callTool } from '../../tools/define.js';
import { getCoverage } from '../../tools/get-coverage.js';
import { validatePayload } from '../../tools/validate-payload.js';
import { checkApiKey } from '../../tools/check-api-key.js';

const kb = loadKnowledge();

/** Every limit Slack enforces on a message, checked on what would be sent. */
function expectWithinLimits(messages: SlackMessage[]): void {
  for (const m of messages) {
    expect(m.blocks.length).toBeGreaterThan(0);
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(blockChars(m.blocks)).toBeLessThanOrEqual(LIMITS.messageChars);
    expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    for (const b of m.blocks) {
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (b.type === 'section' && b.text) expect((b.text.text.split('```').length - 1) % 2).toBe(0);
      if (b.type === 'context') {
        expect(b.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
        for (const e of b.elements) if ('text' in e) expect((e.text as string).length).toBeLessThanOrEqual(LIMITS.contextText);
      }
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
      if (b.type === 'actions')
        for (const e of b.elements) {
          if (e.type !== 'button') continue;
          expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
          expect((e.value ?? '').length).toBeLessThanOrEqual(LIMITS.buttonValue);
        }
    }
  }
}

const allText = (ms: SlackMessage[]) => ms.map((m) => JSON.stringify(m.blocks)).join('\n');

describe('the diagnosis answer', () => {
  const d = diagnosisFor(kb, 'whatsapp-api-payload');
  const [msg] = finalise(diagnosisDraft(d, { answerId: 'ans123', env: 'Sent API' }), { isDm: false });

  test('what was found first: the message and its verdict cause, then its status line', () => {
    const first = JSON.stringify(msg!.blocks[0]);
    expect(first).toContain('`msg_render_0` is *FAILED*: Meta 131049');
    expect(msg!.blocks[1]).toMatchObject({ type: 'context', block_id: BLOCK_ID.status });
    expect(JSON.stringify(msg!.blocks[1])).toContain('*FAILED* on whatsapp');
  });

  test('within the budget: at most 1,500 characters and 8 blocks, 3 steps, the entry behind a button', () => {
    expect(blockChars(msg!.blocks)).toBeLessThanOrEqual(BUDGET.chars);
    expect(msg!.blocks.length).toBeLessThanOrEqual(BUDGET.blocks);
    const t = allText([msg!]);
    expect(t).toContain('*What to do*');
    expect(t).toContain('3. ');
    expect(t).not.toMatch(/\\n4\. /);
    expect(t).toContain('more steps, how to verify and when to escalate');
    const entry = msg!.blocks.find((b) => b.block_id === BLOCK_ID.entry) as any;
    expect(entry.accessory).toMatchObject({ action_id: ACTION.openEntry, value: 'whatsapp-api-payload' });
    expect(t).not.toMatch(/knowledge\/scenarios|\.md\b/);
  });

  test('no 0 % candidates and no sentence twice', () => {
    const t = allText([msg!]);
    expect(t).not.toMatch(/\(0%\)/);
    const sentences = t.split(/(?<=[.!?])\s+|\\n/).map((x) => x.trim()).filter((x) => x.length > 20);
    expect(sentences.length).toBe(new Set(sentences).size);
  });

  test('buttons: all steps, re-check, watch (the message ID), escalate, 👍/👎; the answer ID on all but watch', () => {
    const actions = msg!.blocks.at(-1) as Extract<Block, { type: 'actions' }>;
    const ids = actions.elements.map((e) => ('action_id' in e ? e.action_id : ''));
    expect(ids).toEqual([ACTION.allSteps, ACTION.recheck, ACTION.watch, ACTION.escalate, ACTION.helpful, ACTION.notHelpful]);
    for (const e of actions.elements) expect('value' in e && e.value).toBe(e.action_id === ACTION.watch ? 'msg_render_0' : 'ans123');
  });

  test('no re-check or watch when no message was looked up; no buttons without an answer ID', () => {
    const noIds = { ...d, messages: [], entities: { ...d.entities, message_ids: [] }, lookups: [] };
    const [m] = finalise(diagnosisDraft(noIds, { answerId: 'x' }), { isDm: false });
    expect(JSON.stringify(m!.blocks)).not.toContain(ACTION.recheck);
    expect(JSON.stringify(m!.blocks)).not.toContain(ACTION.watch);
    expect(JSON.stringify(m!.blocks)).toContain(ACTION.escalate);
    const [m2] = finalise(diagnosisDraft(d), { isDm: false });
    expect(m2!.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  test('not conclusive: says so, and asks the question', () => {
    const q = { ...diagnosisFor(kb, 'sms-only-mode', {}, false), question: 'Which channel did you expect: WhatsApp or SMS?' };
    const t = allText(finalise(diagnosisDraft(q), { isDm: false }));
    expect(t).toContain('Not conclusive yet.');
    expect(t).toContain('If it is');
    expect(t).toContain('To narrow it down:');
  });

  test('a pasted key: a warning to rotate it that names only the fingerprint', () => {
    const withKey = { ...d, entities: { ...d.entities, keys: ['sk_live_…9f3a'] } };
    const [m] = finalise(diagnosisDraft(withKey), { isDm: false });
    expect(JSON.stringify(m!.blocks[0])).toContain('Rotate this key now');
    expect(JSON.stringify(m!.blocks[0])).toContain('sk_live_…9f3a');
  });

  test('All steps: every step, evidence with the timeline, the corrected payload, how to verify, the entry as a button', () => {
    const t = JSON.stringify(detailsBlocks(d, { titleOf: (id) => kb.get(id)?.title }));
    const steps = kb.get('whatsapp-api-payload')!.steps;
    for (let i = 1; i <= steps.length; i++) expect(t).toContain(`${i}. `);
    expect(t).toContain('*Evidence*');
    expect(t).toMatch(/2026-05-09 10:00:00Z {2}\*QUEUED\*/);
    expect(t).toContain('*Corrected payload*');
    expect(t).toContain('*How to verify*');
    expect(t).toContain(ACTION.openEntry);
  });
});

describe("Slack's limits", () => {
  test('the longest knowledge entry renders within limits as a full answer', () => {
    const longest = kb.list().reduce((a, b) => (b.markdown.length > a.markdown.length ? b : a));
    const d = diagnosisFor(kb, longest.id, { evidence: 6, findings: 6, notes: 3 });
    const ms = finalise(diagnosisDraft(d, { answerId: 'a' }), { isDm: false });
    expectWithinLimits(ms);
    expect(ms.length).toBe(1);
    expect(blockChars(ms[0]!.blocks)).toBeLessThanOrEqual(BUDGET.chars);
    // Every step is in the All steps modal.
    const t = JSON.stringify(detailsBlocks(d));
    for (const step of longest.steps) expect(t).toContain(JSON.stringify(markdownToMrkdwn(renderPlaceholders(step, 'slack'))).slice(1, -1));
  });

  test('every knowledge entry renders within limits', () => {
    for (const s of kb.list()) expectWithinLimits(finalise(diagnosisDraft(diagnosisFor(kb, s.id, { evidence: 6, findings: 3 }), { answerId: 'a' }), { isDm: false }));
  });

  test('an answer far too big still fits the budget; its All steps modal is within view limits', () => {
    const d = diagnosisFor(kb, 'whatsapp-api-payload', { lookups: 10, timeline: 40, evidence: 6, findings: 40, payloadChars: 20_000, notes: 10 });
    const ms = finalise(diagnosisDraft(d, { answerId: 'a' }), { isDm: false });
    expectWithinLimits(ms);
    expect(ms).toHaveLength(1);
    expect(ms[0]!.blocks.length).toBeLessThanOrEqual(BUDGET.blocks);
    expect(blockChars(ms[0]!.blocks)).toBeLessThanOrEqual(BUDGET.manyChars);
    expect(ms[0]!.blocks.at(-1)!.type).toBe('actions');
    const view = detailsView(detailsBlocks(d));
    expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
    for (const b of view.blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
  });

  test('packing still splits what is too big for one message', () => {
    const big = Array.from({ length: 10 }, () => section('x'.repeat(2500)));
    const ms = packMessages([...big, { type: 'actions', elements: [] } as unknown as Block], { fallback: 'f', pointer: 'p' });
    expect(ms.length).toBeGreaterThan(1);
    expect(ms.at(-1)!.blocks.at(-1)!.type).toBe('actions');
  });

  test('a long section is split at lines with code fences re-balanced', () => {
    const code = '```' + Array.from({ length: 300 }, (_, i) => `"line ${i}": "${'x'.repeat(20)}",`).join('\n') + '```';
    const pieces = splitMrkdwn(`*Payload*\n${code}\nafter`);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect((p.split('```').length - 1) % 2).toBe(0);
    }
    expect(pieces.join('').replace(/```/g, '')).toContain('"line 299"');
  });

  test('a single line longer than a section is cut safely (never inside an &amp; entity)', () => {
    const line = ('a&amp;b '.repeat(1000)).trim();
    for (const p of splitMrkdwn(line)) {
      expect(p.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(p).not.toMatch(/&a?m?p?$/);
    }
  });

  test('pack: 60 small blocks become two messages', () => {
    const blocks = Array.from({ length: 60 }, (_, i) => section(`block ${i}`));
    const ms = packMessages(blocks, { fallback: 'f', pointer: 'p' });
    expect(ms).toHaveLength(2);
    expect(ms.flatMap((m) => m.blocks)).toHaveLength(60);
  });
});

describe('/sent replies and views', () => {
  const ctx = makeTestContext();

  test('coverage names the country, its rules, the date and sources', async () => {
    const c = await callTool(getCoverage, { country: 'Algeria' }, ctx);
    const [m] = finalise(coverageDraft(c), { isDm: false }, 1);
    const t = JSON.stringify(m!.blocks);
    expect(t).toContain('SMS sender rules for Algeria');
    expect(t).toContain('Alphanumeric sender ID');
    expect(t).toContain(`Data as of ${c.as_of}`);
    expectWithinLimits([m!]);
  });

  test('validate shows findings and the corrected payload', async () => {
    const v = await callTool(validatePayload, { payload: '{"to":"+12025550123","channel":"WhatsApp","template":"tmpl_123"}' }, ctx);
    const [m] = finalise(validateDraft(v), { isDm: true }, 1);
    const t = JSON.stringify(m!.blocks);
    expect(v.valid).toBe(false);
    expect(t).toContain('problem');
    expect(t).toContain('Corrected payload');
    expect(t).toContain('+12025550123');
  });

  test('status of a not-found message says what to check', () => {
    const [m] = finalise(
      statusDraft({ found: false, message_id: 'msg_nope', findings: [], next_steps: ['Check the ID for typos.'], looked_up_at: { base_url: 'http://127.0.0.1:1', key: 'sk_test_…0001' } }),
      { isDm: false },
      1,
    );
    expect(JSON.stringify(m!.blocks)).toContain('was not found with key `sk_test_…0001`');
  });

  test('help lists every subcommand', () => {
    const t = JSON.stringify(helpDraft().blocks);
    for (const sub of ['status', 'validate', 'key', 'coverage', 'help']) expect(t).toContain(`/sent ${sub}`);
  });

  test('the key form is private, has one input, and never contains a key', () => {
    const v = keyModal();
    expect(v.callback_id).toBe(VIEW.checkKey);
    const input = v.blocks.find((b) => b.type === 'input');
    expect(input && 'block_id' in input && input.block_id).toBe(KEY_INPUT.block);
    expect(v.title.text.length).toBeLessThanOrEqual(LIMITS.viewTitle);
  });

  test('the key result names the key by fingerprint', async () => {
    const key = 'sk_live_Qw3Er5Ty7Ui9Op1As2Df4Gh';
    const r = await callTool(checkApiKey, { api_key: key }, ctx);
    const t = JSON.stringify(keyResultView(r));
    expect(t).not.toContain(key);
    expect(t).toContain(r.fingerprint);
  });

  test('the escalate modal carries the whole bundle within view limits', () => {
    const bundle = 'Sent support request — diagnostic bundle\n' + 'Payload 1:\n{"x": "y"}\n'.repeat(800);
    const v = escalateModal(bundle, 'Contact Sent support with the bundle.');
    expect(v.blocks.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
    for (const b of v.blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(v.title.text.length).toBeLessThanOrEqual(LIMITS.viewTitle);
  });

  test('App Home: the key state by fingerprint, demo mode said out loud', () => {
    const key = { fingerprint: 'sk_live_…9f3a', source: 'config' as const, format: { ok: true, kind: 'sk_live' as const, problems: [] }, live: { valid: true, checked: true, message: 'The key is valid.' }, notes: [] };
    expect(JSON.stringify(homeView({ key, demo: false, knowledgeCount: 9 }))).toContain('answers with the configured key `sk_live_…9f3a`');
    expect(JSON.stringify(homeView({ key, demo: true, knowledgeCount: 9 }))).toContain('Demo mode');
    expect(JSON.stringify(homeView({ key: { ...key, live: { valid: false, checked: true, message: 'AUTH_002' } }, demo: false, knowledgeCount: 9 }))).toContain('rejects');
    expect(JSON.stringify(homeView({ demo: false, knowledgeCount: 9 }))).toContain('could not be checked');
    expect(homeView({ demo: false, knowledgeCount: 9 }).blocks.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
  });
});
