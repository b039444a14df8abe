/**
 * App Home: what the bot does, whether the Sent API answers with the configured key (by
 * fingerprint), examples. The key check is cached for a minute so opening Home does not hammer Sent.
 */
import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../boundary.js';
import { callTool } from '../../../../tools/define.js';
import { checkApiKey, type CheckApiKeyOutput } from '../../../../tools/check-api-key.js';
import { homeView } from '../../blocks.js';
import { cleanBlocks } from '../../safety/outgoing.js';
import { checkAccount, type CheckAccountOutput } from '../../../../tools/check-account.js';
import { checkupHomeBlocks } from '../../blocks/checkup.js';
import { digestText } from './watch.js';

const STATUS_KEY = 'slack:home:key-status';
const STATUS_TTL_MS = 60_000;
const CHECKUP_KEY = 'slack:home:checkup';
const CHECKUP_TTL_MS = 5 * 60_000;

export function register(app: Registrar, deps: SlackDeps): void {
  app.event(
    'app_home_opened',
    guard(
      'event',
      deps.logger,
      async ({ event, client }) => {
        if (event.tab !== 'home') return;
        const [key, checkup, digest] = await Promise.all([
          keyStatus(deps),
          deps.ctx.sent ? accountCheckup(deps) : undefined,
          digestText(deps).catch((err: unknown) => {
            deps.logger.warn('App Home: the failure digest could not be read:', err);
            return undefined;
          }),
        ]);
        const view = homeView({ key, demo: deps.demo, baseUrl: deps.ctx.sent?.baseUrl, knowledgeCount: deps.ctx.knowledge.list().length });
        // The account checkup's section goes right after the Sent API status.
        if (checkup) {
          const at = view.blocks.findIndex((b) => b.type === 'section' && (b as { text?: { text?: string } }).text?.text?.startsWith('*Sent API*'));
          view.blocks.splice(at >= 0 ? at + 2 : view.blocks.length, 0, ...checkupHomeBlocks(checkup.result, checkup.reason));
        }
        // The failure digest (the same as /sent digest) closes the tab.
        if (digest) view.blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: digest } });
        await client.views.publish({ user_id: event.user, view: cleanBlocks(view, { isDm: false }) });
      },
      () => undefined,
    ),
  );
}

async function keyStatus(deps: SlackDeps): Promise<CheckApiKeyOutput | undefined> {
  const { store } = deps.ctx;
  try {
    const cached = await store.get(STATUS_KEY);
    if (cached) return JSON.parse(cached) as CheckApiKeyOutput;
  } catch {
    // A bad cache entry is re-checked below.
  }
  try {
    const r = await callTool(checkApiKey, {}, deps.ctx);
    await store.set(STATUS_KEY, JSON.stringify(r), STATUS_TTL_MS).catch(() => undefined);
    return r;
  } catch (err) {
    deps.logger.warn('App Home: the key check failed:', err);
    return undefined;
  }
}

/** check_account for the Home section, cached for five minutes (it reads several lists from Sent). */
async function accountCheckup(deps: SlackDeps): Promise<{ result?: CheckAccountOutput; reason?: string }> {
  const { store } = deps.ctx;
  try {
    const cached = await store.get(CHECKUP_KEY);
    if (cached) return { result: JSON.parse(cached) as CheckAccountOutput };
  } catch {
    // A bad cache entry is re-checked below.
  }
  try {
    const result = await callTool(checkAccount, {}, deps.ctx);
    await store.set(CHECKUP_KEY, JSON.stringify(result), CHECKUP_TTL_MS).catch(() => undefined);
    return { result };
  } catch (err) {
    deps.logger.warn('App Home: the account checkup failed:', err);
    return { reason: 'The account checkup could not run just now (Sent did not answer); try reopening this tab in a few minutes.' };
  }
}
