/**
 * mountSlack(): which mode for which credentials, the token check at start, and Socket Mode end
 * to end over a real WebSocket (a minimal Socket Mode endpoint on 127.0.0.1).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { configSecrets, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createHttpApp } from '../../src/http/server.js';
import { mountSlack } from '../../src/slack/http.js';
import { startServe, type ServeHandle } from '../../src/serve.js';
import { ConfigError } from '../../tools/errors.js';
import { makeTestContext } from '../helpers/context.js';
import { startFakeSlack, BOT, type FakeSlack } from './helpers/fake-slack.js';
import { startFakeSocket, type FakeSocket } from './helpers/fake-socket.js';
import { fixture } from './helpers/fixtures.js';
import { SECRETS, textOf } from './helpers/harness.js';

const APP_TOKEN = 'xapp-1-A0SENTDOC1-1780000000-TestAppLevelTokenForSocketMode';
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function setup(env: Record<string, string>) {
  const lines: string[] = [];
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'debug', SENT_DEMO: '1', ...env });
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l), secrets: configSecrets(config) });
  const http = createHttpApp(logger);
  closers.push(() => http.close(100));
  return { config, logger, lines, http, ctx: makeTestContext() };
}

describe('which mode', () => {
  test('no bot token: Slack is off (and says so when half-configured)', async () => {
    const s = setup({ SLACK_SIGNING_SECRET: SECRETS.signingSecret });
    expect(await mountSlack(s.http, s.ctx, s.config, s.logger)).toBeNull();
    expect(s.lines.join('\n')).toContain('SLACK_BOT_TOKEN is not');
    const none = setup({});
    expect(await mountSlack(none.http, none.ctx, none.config, none.logger)).toBeNull();
  });

  test('a bot token alone: off, with a warning naming what is missing', async () => {
    const s = setup({ SLACK_BOT_TOKEN: SECRETS.botToken });
    expect(await mountSlack(s.http, s.ctx, s.config, s.logger)).toBeNull();
    expect(s.lines.join('\n')).toContain('neither SLACK_APP_TOKEN');
  });

  test('a bot token Slack refuses fails the start with a clear ConfigError', async () => {
    const fake = await startFakeSlack();
    closers.push(fake.close);
    fake.failWith('auth.test', 'invalid_auth');
    const s = setup({ SLACK_BOT_TOKEN: SECRETS.botToken, SLACK_SIGNING_SECRET: SECRETS.signingSecret, SLACK_API_URL: fake.apiUrl });
    const err = await mountSlack(s.http, s.ctx, s.config, s.logger).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('invalid_auth');
    expect(s.lines.join('\n')).not.toContain(SECRETS.botToken);
  });

  test('Slack unreachable at start: HTTP mode starts anyway, with a warning', async () => {
    const s = setup({ SLACK_BOT_TOKEN: SECRETS.botToken, SLACK_SIGNING_SECRET: SECRETS.signingSecret, SLACK_API_URL: 'http://127.0.0.1:9/api' });
    const handle = await mountSlack(s.http, s.ctx, s.config, s.logger);
    expect(handle?.mode).toBe('http');
    closers.push(() => handle!.close());
    expect(s.lines.join('\n')).toContain('auth.test failed');
  });

  test('an app token that is not xapp- is refused', async () => {
    const fake = await startFakeSlack();
    closers.push(fake.close);
    const s = setup({ SLACK_BOT_TOKEN: SECRETS.botToken, SLACK_APP_TOKEN: 'xoxb-wrong-kind-of-token-000', SLACK_API_URL: fake.apiUrl });
    await expect(mountSlack(s.http, s.ctx, s.config, s.logger)).rejects.toThrow(/xapp-/);
  });
});

describe('Socket Mode', () => {
  let fake: FakeSlack;
  let socket: FakeSocket;
  let serve: ServeHandle;

  test('serve connects with SLACK_APP_TOKEN, acks envelopes, answers in the thread, once per event', async () => {
    socket = await startFakeSocket();
    fake = await startFakeSlack({ socketUrl: socket.url });
    closers.push(socket.close, fake.close);
    const lines: string[] = [];
    const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', SLACK_BOT_TOKEN: SECRETS.botToken, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'debug', SENT_DEMO: '1' });
    serve = await startServe(config, createLogger({ level: 'debug', write: (l) => lines.push(l), secrets: configSecrets(config) }));
    closers.push(() => serve.close());
    await socket.connected;
    const [open] = fake.of('apps.connections.open');
    expect(open!.auth).toBe(`Bearer ${APP_TOKEN}`);
    expect((await (await fetch(serve.url + '/healthz')).json()).slack).toEqual({ mode: 'socket' });

    const body = fixture('app_mention', { text: `<@${BOT.userId}> msg_seed_algeria_sent not delivered`, event_id: 'Ev0SOCKET001' });
    const envelope = (id: string, attempt: number) => ({ envelope_id: id, type: 'events_api', payload: body, accepts_response_payload: false, retry_attempt: attempt, retry_reason: attempt ? 'timeout' : '' });
    socket.send(envelope('env-1', 0));
    expect(await socket.waitForAck('env-1')).toMatchObject({ envelope_id: 'env-1' });
    const [reply] = await fake.waitFor('chat.postMessage', 1, 15_000);
    expect(reply!.body).toMatchObject({ channel: 'C0SUPPORT1', thread_ts: '1780000100.000200' });
    expect(textOf(reply!.body)).toContain('SMS not delivered in specific countries');

    // Slack's retry of the same event over the socket: acked, not answered again.
    socket.send(envelope('env-2', 1));
    await socket.waitForAck('env-2');
    await fake.waitFor('reactions.remove', 1, 15_000);
    expect(fake.of('chat.postMessage')).toHaveLength(1);
    expect(lines.join('\n')).toContain('duplicate delivery event:Ev0SOCKET001 (retry 1)');
    for (const s of [SECRETS.botToken, APP_TOKEN]) expect(lines.join('\n')).not.toContain(s);
  });
});
