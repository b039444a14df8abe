/** The HTML report as text: everything escaped, nothing fetched, shared text masked. */
import { describe, expect, it } from 'vitest';
import { renderTriageReport, type ReportRow } from '../../src/render/html/report.js';
import { makeTestContext } from '../helpers/context.js';
import { SENT_KEYS } from '../helpers/secrets.js';

const kb = makeTestContext().knowledge;
const render = (rows: ReportRow[]) => renderTriageReport({ source: 'export<1>.csv', generatedAt: new Date('2025-05-01T10:00:00Z'), rows, knowledge: kb, conclusiveAt: 0.45 });

describe('renderTriageReport', () => {
  const evil = '"><img src=x onerror=alert(1)>';
  const html = render([
    { id: evil, url: 'javascript:alert(1)', subject: '<b>bold</b>', body: `call +44 7700 900123, key ${SENT_KEYS.renderMarkdown}`, scenario: 'sms-country-delivery', confidence: 0.9, conclusive: true },
    { id: 'T-2', url: 'https://help.example/t/2', body: "it's </script><script>alert(2)</script>", scenario: 'sms-country-delivery', confidence: 0.3, conclusive: false, question: 'Which country?' },
    { id: 'T-3', body: 'pricing?', scenario: 'sandbox-mode', confidence: 0.07, conclusive: false, offTopic: true, cause: 'Not a delivery problem' },
    { id: 'T-4', error: 'missing "text"' },
  ]);

  it('escapes every piece of text, in elements and attributes', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain('export&lt;1&gt;.csv');
  });

  it('links only http(s) tickets; no resource is loaded from anywhere', () => {
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://help.example/t/2"');
    // With attribute values blanked, no tag has a src and no style fetches anything.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]+\ssrc=|url\(|@import/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
  });

  it('masks phones and redacts keys', () => {
    expect(html).not.toContain('7700 900123');
    expect(html).not.toContain(SENT_KEYS.renderMarkdown);
    expect(html).toMatch(/\+44 •+23/);
  });

  it('queue first (with the question), one bar per scenario, steps per scenario, skipped rows listed', () => {
    expect(html.indexOf('id="queue"')).toBeLessThan(html.indexOf('class="list scenario"'));
    expect(html).toContain('Which country?');
    expect(html.match(/<g class="bar"/g)).toHaveLength(1);
    expect(html).toContain('data-scenario="sms-country-delivery" data-count="2"');
    expect(html).toMatch(/<details class="steps"[^>]*><summary>Steps \(\d+\)/);
    expect(html).not.toMatch(/\{\{tool:/);
    expect(html).toContain('not a delivery problem');
    expect(html).toMatch(/id="skipped".*T-4/s);
  });
});
