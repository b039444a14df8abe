/**
 * `serve`: one HTTP server with /healthz, /mcp (Streamable HTTP) and /slack/events (when Slack
 * is configured). With no API key it runs in demo mode against the embedded simulator, and says so.
 */
import type { Config } from './config.js';
import type { AppLogger } from './log.js';
import { buildContext, preload, sentFactory } from './context.js';
import { createHttpApp } from './http/server.js';
import { createStore } from './store/index.js';
import { createSimulator, SIMULATOR_DEMO_KEY } from './simulator/index.js';
import { mountMcp } from './mcp/http.js';
import { fingerprint } from '../tools/domain/redact.js';
import { createWebhookReceiver, WEBHOOK_PATH } from './webhooks/receiver.js';
import { createWatchService } from './watch/service.js';
import { attachWatchService } from './watch/hub.js';
import { generateWebhookSecret, startWebhookSender } from './simulator/webhooks.js';
import { ConfigError } from '../tools/errors.js';

export interface ServeHandle {
  url: string;
  port: number;
  demo: boolean;
  simulatorUrl?: string;
  close(): Promise<void>;
}

export async function startServe(config: Config, logger: AppLogger): Promise<ServeHandle> {
  const cleanups: Array<() => Promise<void>> = [];
  let demo = false;
  let simulatorUrl: string | undefined;
  let simulator: ReturnType<typeof createSimulator> | undefined;
  // Issue 6: the store is created first so the Sent clients can keep their lookup cache in it.
  const store = await createStore(config, logger);
  let forKey = sentFactory(config, logger, undefined, store);
  let sent = config.sent.apiKey ? forKey(config.sent.apiKey) : null;
  const slackConfigured = !!config.slack.botToken && !!(config.slack.signingSecret || config.slack.appToken);
  // Demo data never reaches real users silently.
  if (!config.sent.apiKey && slackConfigured && !config.sent.demo) {
    await store.close();
    throw new ConfigError('Slack is configured but no SENT_DM_API_KEY is set, so Slack users would get answers from demo data.', {
      hint: 'Set SENT_DM_API_KEY to diagnose real messages, or SENT_DEMO=1 to run a demo on purpose (every answer then says it comes from the simulator).',
    });
  }
  if (!config.sent.apiKey) {
    const sim = (simulator = createSimulator());
    const listening = await sim.listen(0, '127.0.0.1');
    cleanups.push(() => listening.close());
    simulatorUrl = listening.url;
    forKey = sentFactory(config, logger, listening.url, store);
    sent = forKey(SIMULATOR_DEMO_KEY);
    demo = true;
    logger.warn('='.repeat(72));
    logger.warn('DEMO MODE: no SENT_DM_API_KEY is set. Message lookups and key checks go to the');
    logger.warn(`built-in Sent simulator at ${listening.url} (demo key ${fingerprint(SIMULATOR_DEMO_KEY)}), not to Sent.`);
    logger.warn('Set SENT_DM_API_KEY to diagnose real messages.');
    logger.warn('='.repeat(72));
  }
  cleanups.push(() => store.close()); // after the simulator: answers still in flight may write to it
  try {
    return await startServing(config, logger, { store, sent, forKey, demo, simulator, simulatorUrl, cleanups });
  } catch (err) {
    // Defect 2: a start-up that fails after the simulator (demo mode) or the store was opened
    // closes them, so the process exits with the error instead of hanging on their sockets.
    for (const c of cleanups) await c().catch(() => undefined);
    throw listenError(err, config);
  }
}

/** A port in use says so, the same way `simulate` does (exit 2), instead of an internal error. */
function listenError(err: unknown, config: Config): unknown {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') return new ConfigError(`Port ${config.http.port} is already in use.`, { hint: 'Stop the other process, or set PORT to another port (PORT=0 picks any free port).' });
  if (code === 'EADDRNOTAVAIL' || code === 'EACCES')
    return new ConfigError(`Cannot listen on ${config.http.host}:${config.http.port} (${code}).`, { hint: 'Set HOST to an address of this machine and PORT to a port you may use (above 1023).' });
  return err;
}

interface Started {
  store: Awaited<ReturnType<typeof createStore>>;
  sent: ReturnType<ReturnType<typeof sentFactory>> | null;
  forKey: ReturnType<typeof sentFactory>;
  demo: boolean;
  simulator: ReturnType<typeof createSimulator> | undefined;
  simulatorUrl: string | undefined;
  cleanups: Array<() => Promise<void>>;
}

async function startServing(config: Config, logger: AppLogger, { store, sent, forKey, demo, simulator, simulatorUrl, cleanups }: Started): Promise<ServeHandle> {
  const ctx = buildContext(config, { logger, sent, sentForKey: forKey, store, demo });
  preload(ctx);

  const app = createHttpApp(logger);
  app.addHealth('mode', () => ({ demo, sent: demo ? 'simulator' : config.sent.baseUrl, key: sent ? sent.keyFingerprint : null }));
  app.addHealth('store', () => ({ kind: store.kind, ...(('state' in store && typeof store.state === 'function') ? { state: (store.state as () => string)() } : {}) }));
  const mcp = mountMcp(app, ctx, config, logger);
  // Issue 15: watches. With a webhook secret (or in demo mode, where the simulator signs its own)
  // status changes come in at /webhooks/sent; without one, watches poll lookup_message.
  const webhookSecret = config.webhooks.secret ?? (simulator ? generateWebhookSecret() : undefined);
  const watch = createWatchService(ctx, { mode: webhookSecret ? 'webhook' : 'poll' });
  attachWatchService(ctx, watch);
  if (webhookSecret) {
    const receiver = createWebhookReceiver({ secret: webhookSecret, store, clock: ctx.clock, logger, onEvent: (e) => watch.ingestWebhook(e) });
    app.mount(WEBHOOK_PATH, receiver.handle);
    cleanups.unshift(() => receiver.drain());
  }
  watch.start();
  cleanups.unshift(async () => watch.stop());
  // Bolt loads only when a Slack variable is set (mountSlack says what is missing when one is).
  const { botToken, appToken, signingSecret } = config.slack;
  const slack = botToken || appToken || signingSecret ? await (await import('./slack/http.js')).mountSlack(app, ctx, config, logger) : null;
  if (slack) cleanups.unshift(() => slack.close());

  const { url, port } = await app.listen(config.http.port, config.http.host);
  if (simulator && webhookSecret) {
    const sender = startWebhookSender({ url: `${url}${WEBHOOK_PATH}`, secret: webhookSecret, messages: simulator.messages });
    cleanups.unshift(() => sender.stop());
  }
  logger.info(`sent-doctor listening on ${url}`);
  logger.info(`  health:  curl ${url}/healthz`);
  logger.info(`  MCP:     ${url}/mcp (Streamable HTTP${mcp.authRequired ? ', bearer token required' : ''})`);
  logger.info(
    `  Webhooks: ${webhookSecret ? `POST ${url}${WEBHOOK_PATH} (signed; watches follow Sent webhooks${config.webhooks.secret ? '' : ', sent by the built-in simulator with its own secret'})` : `off, watches poll every ${watch.options.pollEveryMs / 1000} s (set SENT_WEBHOOK_SECRET for /webhooks/sent)`}`,
  );
  logger.info(`  Slack:   ${slack ? `${slack.mode} mode${slack.mode === 'http' ? ` at ${url}/slack/events` : ''}` : 'off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN)'}`);
  if (demo) {
    logger.info('  try:     sent-doctor diagnose "can you check msg_seed_algeria_sent?"  (with SENT_BASE_URL and the demo key of `sent-doctor simulate`)');
    logger.info('           sent-doctor coverage Algeria · sent-doctor validate payload.json · sent-doctor mcp');
  }
  return {
    url,
    port,
    demo,
    simulatorUrl,
    async close() {
      await app.close();
      for (const c of cleanups) await c().catch((e) => logger.warn('shutdown step failed:', e));
    },
  };
}
