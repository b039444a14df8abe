import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { codeBlock, escapeMrkdwn, inlineCode, markdownToMrkdwn, neutraliseMentions, truncate } from '../../src/slack/safety/mrkdwn.js';
import { isDirectMessage, slackTextToPlain } from '../../src/slack/safety/incoming.js';
import { cleanBlocks, cleanText } from '../../src/slack/safety/outgoing.js';

const KEY = 'sk_live_Mr7Kd2Wq9Zx4Lp1Vn6Bt3Hy8';

describe('escaping user text for mrkdwn', () => {
  test('broadcasts and mentions from input cannot survive', () => {
    const input = 'hi <!channel> <!here> <!everyone> <@U123ABC> <#C999|general> <!subteam^S1|@team> <https://evil.example|click>';
    const out = neutraliseMentions(escapeMrkdwn(input));
    expect(out).not.toMatch(/<[!@#]/);
    expect(out).not.toMatch(/<https?:/);
    expect(out).toContain('&lt;!channel&gt;');
  });

  test('neutraliseMentions is defence in depth on finished mrkdwn, and keeps our own links', () => {
    expect(neutraliseMentions('see <https://docs.sent.dm|the docs> and <!here>')).toBe('see <https://docs.sent.dm|the docs> and &lt;!here&gt;');
    expect(neutraliseMentions('@channel please and @here')).toBe('@\u2060channel please and @\u2060here');
    expect(neutraliseMentions('mail a@here.com')).toBe('mail a@here.com');
  });

  test('property: no escaped text ever contains a special mention', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '!', '@', '#', '&', 'a', ' ', '|', 'U', '^') }), (s) => {
        const out = neutraliseMentions(escapeMrkdwn(s));
        expect(out).not.toMatch(/<[!@#]/);
      }),
    );
  });

  test('a fence in user content cannot close our code block', () => {
    const out = codeBlock('{"a": 1}\n```\n<!channel>');
    expect(out.startsWith('```') && out.endsWith('```')).toBe(true);
    expect(out.slice(3, -3)).not.toContain('```');
    expect(out).toContain('&lt;!channel&gt;');
  });

  test('inline code is one line without backticks', () => {
    expect(inlineCode('a`b\nc')).toBe('`aˋb c`');
  });

  test('knowledge Markdown becomes mrkdwn', () => {
    expect(markdownToMrkdwn('Use **bold**, *italic*, `a*b*c` and [the docs](https://docs.sent.dm/x?a=1&b=2).')).toBe(
      'Use *bold*, _italic_, `a*b*c` and <https://docs.sent.dm/x?a=1&amp;b=2|the docs>.',
    );
    expect(markdownToMrkdwn('`<x>` & <y>')).toBe('`&lt;x&gt;` &amp; &lt;y&gt;');
  });

  test('truncate cuts on a word boundary with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    const t = truncate('one two three four five six seven', 20);
    expect(t.length).toBeLessThanOrEqual(20);
    expect(t.endsWith('…')).toBe(true);
  });
});

describe('incoming Slack text', () => {
  test('decodes entities and links, drops the bot mention, makes other mentions inert', () => {
    const text = '<@UBOT> check {"to":["+12025550123"],"a":"x &amp; y &lt;z&gt;"} <https://example.com/a|example.com/a> <mailto:a@b.co|a@b.co> <@U999> <!here> <#C1|support>';
    expect(slackTextToPlain(text, 'UBOT')).toBe(
      'check {"to":["+12025550123"],"a":"x & y <z>"} example.com/a a@b.co @someone here #support',
    );
  });

  test('DM detection', () => {
    expect(isDirectMessage('D0123')).toBe(true);
    expect(isDirectMessage('C0123', 'im')).toBe(true);
    expect(isDirectMessage('C0123', undefined, 'directmessage')).toBe(true);
    expect(isDirectMessage('C0123', 'channel', 'support')).toBe(false);
    expect(isDirectMessage('G0123', 'mpim')).toBe(false);
  });
});

describe('outgoing cleaning', () => {
  const blocks = [
    { type: 'section', text: { type: 'mrkdwn', text: `call +213 555 12 34 56 with ${KEY} <!channel>` } },
    { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: `+213555123456` }, value: 'abc+213555123456', action_id: 'x' }] },
  ];

  test('in a channel: phones masked, keys fingerprinted, broadcasts neutralised; button values untouched', () => {
    const out = JSON.stringify(cleanBlocks(blocks, { isDm: false, secrets: [KEY] }));
    expect(out).not.toContain(KEY);
    expect(out).toContain('sk_live_…3Hy8');
    expect(out).not.toMatch(/\+213 555 12 34 56/);
    expect(out).toContain('+213 •');
    expect(out).not.toContain('<!channel>');
    expect(out).toContain('abc+213555123456');
  });

  test('in a DM: phones in full, keys still hidden', () => {
    const out = JSON.stringify(cleanBlocks(blocks, { isDm: true, secrets: [KEY] }));
    expect(out).toContain('+213 555 12 34 56');
    expect(out).not.toContain(KEY);
  });

  test('a known secret of any shape is replaced', () => {
    expect(cleanText('token is ABCDEF-123456-weird', 'plain_text', { isDm: true, secrets: ['ABCDEF-123456-weird'] })).not.toContain('ABCDEF-123456-weird');
  });
});
