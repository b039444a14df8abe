/**
 * The HTML report in a real browser: Debian's Chromium (/usr/bin/chromium) driven by
 * playwright-core, which never downloads a browser of its own. `.ci/run` installs Chromium; where
 * it is absent this file skips and says why. Screenshots go to test/artifacts/ (gitignored);
 * `UPDATE_SCREENSHOTS=1` also refreshes the README's docs/triage-report.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { cli } from '../cli/run.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`report-browser.test.ts skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`);

const ROOT = join(import.meta.dirname, '..', '..');
const EXPORT = join(ROOT, 'test', 'fixtures', 'exports', 'zendesk-tickets.json');
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!HAVE_CHROMIUM)('triage --html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sd-report-'));
  const report = join(dir, 'report.html');
  let browser: BrowserContext;
  let page: Page;
  let rows: { id: string; scenarios?: { id: string }[]; off_topic?: boolean }[];
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const r = await cli(['triage', EXPORT, '--html', report, '--json']);
    expect(r.code).toBe(0);
    rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const { chromium } = await import('playwright-core');
    // A fresh profile each run (Playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1200, height: 900 },
    });
    await browser.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    page = await browser.newPage();
    page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
    page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no console error and no network request', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('draws one bar per scenario present', async () => {
    const present = new Set(rows.filter((r) => r.scenarios?.length && !r.off_topic).map((r) => r.scenarios![0]!.id));
    const bars = page.locator('#chart-scenarios g.bar');
    expect(await bars.count()).toBe(present.size);
    const drawn = await bars.evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-scenario'), Number(g.getAttribute('data-count'))] as const));
    expect(new Set(drawn.map(([s]) => s))).toEqual(present);
    expect(drawn.reduce((n, [, c]) => n + c, 0)).toBe(rows.filter((r) => r.scenarios?.length && !r.off_topic).length);
    // The histogram holds every triaged ticket once.
    const bins = await page.locator('#chart-confidence g.hist-bin').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))));
    expect(bins).toHaveLength(10);
    expect(bins.reduce((a, b) => a + b, 0)).toBe(present.size ? drawn.reduce((n, [, c]) => n + c, 0) : 0);
  });

  it('puts the not-conclusive queue first, links tickets to the help desk and shows steps', async () => {
    const sections = await page.locator('main > section').evaluateAll((ss) => ss.map((s) => s.id));
    expect(sections[0]).toBe('queue');
    const href = await page.locator('a.tid', { hasText: '48216' }).getAttribute('href');
    expect(href).toBe('https://northwind-help.zendesk.com/agent/tickets/48216');
    expect(await page.locator('section.scenario details.steps ol li').count()).toBeGreaterThan(10);
  });

  it('the search filters the list', async () => {
    const tickets = page.locator('li.ticket');
    const visible = () => page.locator('li.ticket:visible').count();
    expect(await tickets.count()).toBe(rows.length);
    expect(await visible()).toBe(rows.length);
    await page.fill('#q', '48216');
    expect(await visible()).toBe(1);
    expect(await page.locator('li.ticket:visible').innerText()).toContain('48216');
    await page.fill('#q', 'whatsapp template');
    const n = await visible();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(rows.length);
    await page.fill('#q', 'no ticket says this');
    expect(await visible()).toBe(0);
    expect(await page.locator('#nomatch').isVisible()).toBe(true);
    await page.fill('#q', '');
    expect(await visible()).toBe(rows.length);
  });

  it('masks phone numbers and redacts keys', async () => {
    const text = await page.locator('body').innerText();
    const html = readFileSync(report, 'utf8');
    for (const s of [text, html]) {
      expect(s).not.toMatch(/803 555 0142|98765 4321|4915112345678/);
      expect(s).not.toMatch(/sk_live_[A-Za-z0-9]{8,}/);
    }
    expect(text).toMatch(/\+234 •+42/);
  });

  it('is readable on a phone (no sideways scrolling) and leaves screenshots', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'triage-report.png'), fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS) {
      await page.locator('#q').blur();
      await page.setViewportSize({ width: 1000, height: 760 });
      await page.screenshot({ path: join(ROOT, 'docs', 'triage-report.png') });
    }
    await page.setViewportSize({ width: 390, height: 844 });
    const [scroll, inner] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
    expect(scroll).toBeLessThanOrEqual(inner);
    await page.screenshot({ path: join(ARTIFACTS, 'triage-report-phone.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'triage-report.png'))).toBe(true);
  });
});
