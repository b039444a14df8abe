/**
 * Real Redis for the store tests: the shared one on 127.0.0.1:6379 (`.ci/run` starts it), unique
 * key prefixes per run with cleanup, and private redis-server children on spare loopback ports
 * for the outage tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { createLogger, type AppLogger } from '../../src/log.js';

export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

export function uniquePrefix(label: string): string {
  return `sent-doctor-test:${label}:${process.pid}-${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under a prefix on the shared Redis. */
export async function deletePrefix(prefix: string, url = SHARED_REDIS_URL): Promise<number> {
  const raw = createClient({ url });
  raw.on('error', () => undefined);
  await raw.connect();
  let deleted = 0;
  try {
    for await (const keys of raw.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length) deleted += await raw.del(keys);
    }
  } finally {
    raw.destroy();
  }
  return deleted;
}

export async function rawClient(url = SHARED_REDIS_URL) {
  const raw = createClient({ url });
  raw.on('error', () => undefined);
  await raw.connect();
  return raw;
}

export function captureLogger(): { logger: AppLogger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }), lines };
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** A throwaway redis-server on 127.0.0.1:port, no persistence; resolves once it accepts connections. */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()], {
    stdio: 'ignore',
  });
  const exited = once(child, 'exit').then(() => true);
  for (let i = 0; i < 100; i++) {
    if (await accepts(port)) return child;
    if (await Promise.race([exited, sleep(50, false)])) throw new Error(`redis-server on port ${port} exited at start`);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not start`);
}

export async function stopRedisServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
