/**
 * mountSlack(): `serve` starts the Slack app when Slack credentials are configured.
 * Socket Mode with SLACK_APP_TOKEN (xapp-) + SLACK_BOT_TOKEN; otherwise HTTP mode with
 * SLACK_SIGNING_SECRET + SLACK_BOT_TOKEN at POST /slack/events on the same server as /healthz and /mcp.
 * Returns null when Slack is not configured.
 */
import { SocketModeReceiver, webApi } from '@slack/bolt';
import type { ToolContext } from '../../tools/context.js';
import { ConfigError } from '../../tools/errors.js';
import type { Config } from '../config.js';
import type { AppLogger } from '../log.js';
import type { HttpApp } from '../http/server.js';
import { createSlackApp, normaliseApiUrl } from './app.js';
import { HttpAppReceiver } from './receiver.js';
import { slackErrorCode } from './boundary.js';

export const SLACK_PATH = '/slack/events';

export interface SlackHandle {
  mode: 'socket' | 'http';
  close(): Promise<void>;
}

const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'no_permission']);

export async function mountSlack(http: HttpApp, ctx: ToolContext, config: Config, logger: AppLogger): Promise<SlackHandle | null> {
  const { botToken, appToken, signingSecret, apiUrl } = config.slack;
  if (!botToken) {
    if (appToken || signingSecret) logger.warn('Slack: SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not, so Slack is off.');
    return null;
  }
  if (!appToken && !signingSecret) {
    logger.warn('Slack: SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode), so Slack is off.');
    return null;
  }
  if (!botToken.startsWith('xoxb-')) logger.warn('Slack: SLACK_BOT_TOKEN does not start with xoxb-; use the Bot User OAuth Token from the app\'s OAuth & Permissions page.');
  const slackApiUrl = apiUrl ? normaliseApiUrl(apiUrl) : undefined;
  const ids = await identify(botToken, slackApiUrl, logger);
  const common = {
    token: botToken,
    logger,
    apiUrl: slackApiUrl,
    ...ids,
    verifyTokenAtStart: !!ids.botId,
    rateLimits: config.rateLimits,
    demo: !config.sent.apiKey,
  };

  if (appToken) {
    if (!appToken.startsWith('xapp-')) throw new ConfigError('SLACK_APP_TOKEN must be an app-level token starting with xapp-.', { hint: 'Create one under Basic Information → App-Level Tokens with the connections:write scope.' });
    const receiver = new SocketModeReceiver({
      appToken,
      logger,
      logLevel: logger.getLevel(),
      ...(slackApiUrl ? { installerOptions: { clientOptions: { slackApiUrl } } } : {}),
    });
    const { app } = createSlackApp(ctx, { receiver, ...common });
    try {
      await app.start();
    } catch (err) {
      const code = slackErrorCode(err);
      if (code && AUTH_ERRORS.has(code))
        throw new ConfigError(`Slack refused SLACK_APP_TOKEN (${code}).`, { hint: 'Check the app-level token (xapp-) and that Socket Mode is enabled for the app.' });
      throw err;
    }
    http.addHealth('slack', () => ({ mode: 'socket' }));
    logger.info('Slack: connected in Socket Mode.');
    return { mode: 'socket', close: async () => void (await app.stop()) };
  }

  const receiver = new HttpAppReceiver({ signingSecret: signingSecret!, logger, now: () => ctx.clock.now() });
  const { app } = createSlackApp(ctx, { receiver, ...common });
  await app.start();
  http.mount(SLACK_PATH, receiver.handle);
  http.addHealth('slack', () => ({ mode: 'http', path: SLACK_PATH }));
  return { mode: 'http', close: () => receiver.stop() };
}

/**
 * auth.test once at start: a wrong bot token fails `serve` with a clear message, and Bolt gets
 * the bot's IDs (so it does not call auth.test in the background, where a failure would be an
 * unhandled rejection). When Slack cannot be reached, Bolt checks lazily on the first event.
 */
async function identify(token: string, slackApiUrl: string | undefined, logger: AppLogger): Promise<{ botId?: string; botUserId?: string }> {
  const client = new webApi.WebClient(token, {
    logger,
    logLevel: logger.getLevel(),
    allowAbsoluteUrls: false,
    timeout: 10_000,
    retryConfig: { retries: 1, minTimeout: 500, maxTimeout: 1_000 },
    ...(slackApiUrl ? { slackApiUrl } : {}),
  });
  try {
    const r = await client.auth.test();
    if (r.bot_id && r.user_id) return { botId: r.bot_id, botUserId: r.user_id };
    throw new ConfigError('SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot).', { hint: 'Use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.' });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = slackErrorCode(err);
    if (code && AUTH_ERRORS.has(code))
      throw new ConfigError(`Slack refused SLACK_BOT_TOKEN (${code}).`, { hint: 'Copy the Bot User OAuth Token (xoxb-…) again from the app\'s OAuth & Permissions page; reinstall the app if it was revoked.' });
    logger.warn(`Slack: auth.test failed (${code ?? (err instanceof Error ? err.message : 'unknown error')}); starting anyway, the token is checked on the first event.`);
    return {};
  }
}
