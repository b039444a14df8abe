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

const STATUS_KEY = 'slack:home:key-status';
const STATUS_TTL_MS = 60_000;

export function register(app: Registrar, deps: SlackDeps): void {
  app.event(
    'app_home_opened',
    guard(
      'event',
      deps.logger,
      async ({ event, client }) => {
        if (event.tab !== 'home') return;
        const key = await keyStatus(deps);
        const view = homeView({ key, demo: deps.demo, baseUrl: deps.ctx.sent?.baseUrl, knowledgeCount: deps.ctx.knowledge.list().length });
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
