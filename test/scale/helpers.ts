/**
 * Real `sent-doctor serve` processes (dist/, as `npm start` runs it) on 127.0.0.1, Slack requests
 * signed the way Slack signs them, and a Sent simulator that reports each request as it arrives
 * (so a test knows a lookup is in flight).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';
import { SLACK_PATH } from '../../src/slack/http.js';
import { fixture } from '../slack/helpers/fixtures.js';
import { BOT } from '../slack/helpers/fake-slack.js';
import { expectNoTestSecrets, SENT_KEYS, SLACK_SECRETS } from '../helpers/secrets.js';

export const MAIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');
export const SIGNING_SECRET = SLACK_SECRETS.scaleSigningSecret;
export const BOT_TOKEN = SLACK_SECRETS.scaleBotToken;
export const SENT_KEY = SENT_KEYS.hardening;

export interface ServeProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Environment variables that must not leak in from the shell running the tests. */
const OURS = /^(SENT_|SLACK_|REDIS_|MCP_|RATE_LIMIT_|LOG_|PORT$|HOST$|DIAGNOSE_|LOOKUP_|MAX_LOOKUPS)/;

export async function startServeProcess(env: Record<string, string>): Promise<ServeProcess> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
  const child = spawn(process.execPath, [MAIN, 'serve'], {
    env: { ...base, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => void (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 20 s:\n${stderr.slice(-2000)}`)), 20_000);
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        child.stderr.off('data', check);
        resolve(m[1]!);
      }
    };
    child.stderr.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited early (${code}):\n${stderr.slice(-2000)}`));
    });
  });
  return {
    url,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** What a process wrote must hold no test secret; stdout must be empty (logs go to stderr). */
export function expectCleanOutput(p: ServeProcess, name: string): void {
  expectNoTestSecrets(p.stdout() + p.stderr(), `serve ${name}`);
  if (p.stdout() !== '') throw new Error(`serve ${name} wrote to stdout: ${p.stdout().slice(0, 200)}`);
}

export function sign(body: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

export async function postSlack(url: string, body: string, opts: { retryNum?: number; form?: boolean } = {}): Promise<number> {
  const headers: Record<string, string> = {
    'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json',
    ...sign(body),
    ...(opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
  };
  const res = await fetch(url + SLACK_PATH, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

export function mentionBody(text: string, eventId: string, hooksBase: string): string {
  return JSON.stringify(fixture('app_mention', { text: `<@${BOT.userId}> ${text}`, event_id: eventId }, hooksBase));
}

/** A click on an answer's button, as Slack posts it: form-encoded `payload=<json>`. */
export function clickBody(actionId: string, answerId: string, messageTs: string, triggerId: string, hooksBase: string): string {
  const payload = fixture('block_actions', { action_id: actionId, value: answerId, message_ts: messageTs, trigger_id: triggerId }, hooksBase);
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The value of a button in posted blocks. */
export function buttonValue(blocks: unknown, actionId: string): string | undefined {
  const found = JSON.stringify(blocks ?? []).match(new RegExp(`"action_id":"${actionId}"[^}]*?"value":"([^"]+)"`));
  if (found) return found[1];
  return JSON.stringify(blocks ?? []).match(new RegExp(`"value":"([^"]+)"[^}]*?"action_id":"${actionId}"`))?.[1];
}

export interface ObservedSimulator {
  sim: Simulator;
  url: string;
  /** Request paths in order of arrival (before any latency fault is applied). */
  arrivals: string[];
  waitForArrival(pathPart: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The Sent simulator accepting SENT_KEY, mounted on a server that records arrivals. */
export async function startObservedSimulator(): Promise<ObservedSimulator> {
  const sim = createSimulator({ keys: [SENT_KEY] });
  const arrivals: string[] = [];
  const server: Server = createServer((req, res) => {
    arrivals.push(req.url ?? '');
    sim.handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    sim,
    url,
    arrivals,
    async waitForArrival(part, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (!arrivals.some((a) => a.includes(part))) {
        if (Date.now() > end) throw new Error(`no request for ${part} reached the simulator; saw ${arrivals.join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
