/** Environment → one frozen, validated config. Each surface asks only for its own part. */
import { z } from 'zod';
import { ConfigError } from '../tools/errors.js';

const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);
const optStr = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const EnvSchema = z.object({
  SENT_DM_API_KEY: optStr,
  SENT_API_KEY: optStr,
  SENT_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.sent.dm'),
  /** serve with Slack and no API key answers from the simulator only when asked for explicitly. */
  SENT_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  SENT_TIMEOUT_MS: int(10_000, 100, 120_000),
  SENT_CONNECT_TIMEOUT_MS: int(3_000, 50, 60_000),
  SENT_MAX_RETRIES: int(2, 0, 5),
  PORT: int(8787, 0, 65_535),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  MCP_AUTH_TOKEN: optStr,
  MCP_ALLOWED_HOSTS: optStr,
  MCP_ALLOWED_ORIGINS: optStr,
  MCP_MAX_BODY_BYTES: int(1_000_000, 1_000, 50_000_000),
  SLACK_BOT_TOKEN: optStr,
  SLACK_APP_TOKEN: optStr,
  SLACK_SIGNING_SECRET: optStr,
  SLACK_API_URL: optStr,
  REDIS_URL: optStr,
  // Issue 6: several deployments (or test runs) can share one Redis without sharing state.
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'use 1–64 letters, digits, ":", "_", "." or "-"')
    .optional(),
  DIAGNOSE_MAX_TEXT: int(20_000, 100, 1_000_000),
  LOOKUP_CONCURRENCY: int(4, 1, 32),
  LOOKUP_BUDGET_MS: int(8_000, 100, 120_000),
  MAX_LOOKUPS: int(10, 1, 100),
  RATE_LIMIT_USER_PER_MIN: int(20, 1, 100_000),
  RATE_LIMIT_GLOBAL_PER_MIN: int(600, 1, 1_000_000),
  // Issue 15: Sent webhooks in at POST /webhooks/sent (the endpoint's signing secret, whsec_…).
  SENT_WEBHOOK_SECRET: optStr.refine((v) => v === undefined || /^(?:whsec_)?[A-Za-z0-9+/]{16,}={0,2}$/.test(v.trim()), 'use the signing secret Sent shows for the webhook (whsec_ followed by base64)'),
});

export interface Config {
  sent: {
    apiKey?: string;
    baseUrl: string;
    /** SENT_DEMO=1: demo mode (the built-in simulator) asked for explicitly. */
    demo: boolean;
    timeoutMs: number;
    connectTimeoutMs: number;
    maxRetries: number;
  };
  http: { port: number; host: string };
  log: { level: 'debug' | 'info' | 'warn' | 'error'; format: 'text' | 'json' };
  mcp: { authToken?: string; allowedHosts: string[]; allowedOrigins: string[]; maxBodyBytes: number };
  slack: { botToken?: string; appToken?: string; signingSecret?: string; apiUrl?: string };
  redisUrl?: string;
  /** Prepended to every Redis key (default `sent-doctor:`). */
  redisKeyPrefix?: string;
  limits: { maxTextLength: number; lookupConcurrency: number; lookupBudgetMs: number; maxLookups: number };
  rateLimits: { userPerMin: number; globalPerMin: number };
  /** Sent webhooks (issue 15): the receiver is on when the secret is set; watches poll otherwise. */
  webhooks: { secret?: string };
  /** Problems found while reading the config that are not fatal (shown once at start). */
  warnings: string[];
}

const list = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error in ${issue.path.join('.')}: ${issue.message}`, {
      hint: 'Fix the environment variable (see the configuration table in README.md).',
    });
  }
  const e = parsed.data;
  const warnings: string[] = [];
  let apiKey = e.SENT_DM_API_KEY ?? e.SENT_API_KEY;
  if (apiKey !== undefined) {
    const trimmed = apiKey.trim();
    if (trimmed !== apiKey) warnings.push('SENT_DM_API_KEY had leading/trailing whitespace or a newline; it was trimmed.');
    if (/[\s"']/.test(trimmed))
      throw new ConfigError('SENT_DM_API_KEY contains whitespace or quotes inside the key.', {
        hint: 'Copy the key again from Dashboard → API Keys with the copy button, without quotes.',
      });
    // eslint-disable-next-line no-control-regex
    if (/[^\x21-\x7e]/.test(trimmed))
      throw new ConfigError('SENT_DM_API_KEY contains non-printable or non-ASCII characters.', {
        hint: 'Copy the key again from Dashboard → API Keys with the copy button.',
      });
    apiKey = trimmed;
  }
  const cfg: Config = {
    sent: {
      apiKey,
      baseUrl: e.SENT_BASE_URL.replace(/\/+$/, ''),
      demo: e.SENT_DEMO === '1' || e.SENT_DEMO === 'true',
      timeoutMs: e.SENT_TIMEOUT_MS,
      connectTimeoutMs: e.SENT_CONNECT_TIMEOUT_MS,
      maxRetries: e.SENT_MAX_RETRIES,
    },
    http: { port: e.PORT, host: e.HOST },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    mcp: {
      authToken: e.MCP_AUTH_TOKEN,
      allowedHosts: list(e.MCP_ALLOWED_HOSTS),
      allowedOrigins: list(e.MCP_ALLOWED_ORIGINS),
      maxBodyBytes: e.MCP_MAX_BODY_BYTES,
    },
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
    },
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    limits: {
      maxTextLength: e.DIAGNOSE_MAX_TEXT,
      lookupConcurrency: e.LOOKUP_CONCURRENCY,
      lookupBudgetMs: e.LOOKUP_BUDGET_MS,
      maxLookups: e.MAX_LOOKUPS,
    },
    rateLimits: { userPerMin: e.RATE_LIMIT_USER_PER_MIN, globalPerMin: e.RATE_LIMIT_GLOBAL_PER_MIN },
    webhooks: { secret: e.SENT_WEBHOOK_SECRET?.trim() },
    warnings,
  };
  return Object.freeze(cfg);
}

/** Every literal secret in the config, for the logger's scrubber. */
export function configSecrets(cfg: Config): string[] {
  return [cfg.sent.apiKey, cfg.mcp.authToken, cfg.slack.botToken, cfg.slack.appToken, cfg.slack.signingSecret, cfg.webhooks.secret, redisPassword(cfg.redisUrl)].filter(
    (s): s is string => !!s,
  );
}

/** The password inside REDIS_URL (redis://user:password@host), so logs never show it. */
function redisPassword(url: string | undefined): string | undefined {
  let p = '';
  try {
    p = url ? new URL(url).password : '';
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return p || undefined;
  }
}
