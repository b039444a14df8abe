/**
 * createSlackApp(ctx, { receiver, token }): the Bolt app with every listener registered. Importing
 * this starts nothing; the receiver decides how events arrive (our HTTP server, Socket Mode, or a
 * test's fake receiver calling app.processEvent).
 */
import { App, LogLevel, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { Logger, ToolContext } from '../../tools/context.js';
import { createDeps, type SlackDeps } from './deps.js';
import { Registrar, type RegisteredListeners } from './registrar.js';
import { registerListeners } from './listeners/index.js';
import { safetyMiddleware } from './safety/middleware.js';
import type { RateLimits } from '../limits/rate-limit.js';

export interface SlackAppOptions {
  receiver: Receiver;
  /** xoxb- bot token. */
  token: string;
  /** Bolt-compatible logger (src/log.ts); defaults to one over ctx.logger. Bolt's own writes to stdout. */
  logger?: BoltLogger;
  /** Web API base URL (GovSlack, tests); Slack's default otherwise. */
  apiUrl?: string;
  /** From auth.test at start; when both are given Bolt does not call auth.test itself. */
  botId?: string;
  botUserId?: string;
  /** false: Bolt checks the token on the first event instead of at once (Slack was unreachable at start). */
  verifyTokenAtStart?: boolean;
  rateLimits?: RateLimits;
  /** `serve` without an API key (lookups go to the embedded simulator). */
  demo?: boolean;
}

export interface SlackApp {
  app: App;
  /** What the code listens to, for the manifest contract test. */
  listeners: RegisteredListeners;
  deps: SlackDeps;
}

export function createSlackApp(ctx: ToolContext, o: SlackAppOptions): SlackApp {
  const logger = o.logger ?? boltLogger(ctx.logger);
  const app = new App({
    token: o.token,
    receiver: o.receiver,
    logger,
    // Without this, Bolt resets the shared logger's level to INFO.
    logLevel: logger.getLevel(),
    botId: o.botId,
    botUserId: o.botUserId,
    tokenVerificationEnabled: o.verifyTokenAtStart ?? true,
    convoStore: false,
    clientOptions: {
      ...(o.apiUrl ? { slackApiUrl: normaliseApiUrl(o.apiUrl) } : {}),
      allowAbsoluteUrls: false,
      timeout: 15_000,
      // Bolt's default retries for ~30 minutes; an answer that late is worse than an error.
      retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 },
    },
  });
  const deps = createDeps(ctx, { rateLimits: o.rateLimits, demo: o.demo });
  app.use(safetyMiddleware(ctx.store, ctx.logger));
  app.error(async (err) => {
    // Listeners catch their own errors (boundary.ts); whatever lands here is Bolt's or a bug.
    ctx.logger.error('Slack: unhandled error in Bolt:', err);
  });
  const reg = new Registrar(app);
  registerListeners(reg, deps);
  return { app, listeners: reg.registered, deps };
}

/** `https://slack-gov.com/api` → `https://slack-gov.com/api/` (the WebClient appends method names). */
export function normaliseApiUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function boltLogger(l: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...m) => l.debug(...m),
    info: (...m) => l.info(...m),
    warn: (...m) => l.warn(...m),
    error: (...m) => l.error(...m),
    setLevel: (v) => void (level = v),
    getLevel: () => level,
    setName: () => undefined,
  };
}
