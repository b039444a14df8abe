/**
 * A spawned `sent-doctor mcp` talks to a real Client over stdio, and every line it writes to stdout
 * is JSON-RPC (logs, even at debug level, go to stderr).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { createSimulator } from '../../src/simulator/index.js';
import { expectNoSecrets, SECRETS, textOf } from './setup.js';
import { expectNoTestSecrets } from '../helpers/secrets.js';

/** The source through tsx, so the test checks the code as it is now (`npm test` also builds dist). */
const TSX = join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const MAIN = join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');

/** A client transport over a child process that keeps every raw stdout line for inspection. */
class RecordingStdio implements Transport {
  readonly stdoutLines: string[] = [];
  stderr = '';
  onmessage?: (m: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (e: Error) => void;
  private buf = '';
  constructor(readonly child: ChildProcessWithoutNullStreams) {}
  async start() {
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.buf += chunk;
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, nl).replace(/\r$/, '');
        this.buf = this.buf.slice(nl + 1);
        this.stdoutLines.push(line);
        try {
          this.onmessage?.(JSONRPCMessageSchema.parse(JSON.parse(line)));
        } catch (e) {
          this.onerror?.(e as Error);
        }
      }
    });
    this.child.stderr.setEncoding('utf8').on('data', (c: string) => void (this.stderr += c));
    this.child.on('exit', () => this.onclose?.());
  }
  async send(m: JSONRPCMessage) {
    this.child.stdin.write(JSON.stringify(m) + '\n');
  }
  async close() {
    this.child.stdin.end();
  }
}

let child: ChildProcessWithoutNullStreams;
let transport: RecordingStdio;
let client: Client;
let exited: Promise<number | null>;

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOG_LEVEL: 'debug',
    // A key that looks real but points at a port where nothing listens: lookups fail as "unreachable",
    // which proves the process never quietly falls back to the simulator.
    SENT_DM_API_KEY: SECRETS.pastedKey,
    SENT_BASE_URL: 'http://127.0.0.1:9',
    SENT_MAX_RETRIES: '0',
  };
  child = spawn(process.execPath, ['--import', TSX, MAIN, 'mcp'], { env, cwd: PACKAGE_ROOT, stdio: 'pipe' });
  exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  transport = new RecordingStdio(child);
  client = new Client({ name: 'stdio-test', version: '1' });
  await client.connect(transport);
});

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGTERM');
});

describe('sent-doctor mcp (stdio)', () => {
  it('initializes, lists, calls tools, reads resources and gets prompts', async () => {
    expect(existsSync(MAIN)).toBe(true);
    expect(client.getServerVersion()?.name).toBe('sent-doctor');
    await client.setLoggingLevel('debug');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('diagnose');

    const cov = await client.callTool({ name: 'get_coverage', arguments: { country: 'Algeria' } });
    expect(textOf(cov)).toMatch(/^## SMS coverage: Algeria/);

    const lookup = await client.callTool({ name: 'lookup_message', arguments: { message_id: 'msg_seed_algeria_sent' } });
    expect(lookup.isError).toBe(true);
    expect(textOf(lookup)).toMatch(/\(unreachable\)/);

    const d = await client.callTool({ name: 'diagnose', arguments: { text: `WhatsApp error 131049 on msg_seed_algeria_sent, key ${SECRETS.pastedKey}` } });
    expect(d.isError).toBeFalsy();
    expect(textOf(d)).toMatch(/^## Diagnosis/);

    const r = await client.readResource({ uri: 'sent-doctor://scenarios/whatsapp-131049' });
    expect((r.contents[0] as { text: string }).text).toMatch(/^# /);
    const p = await client.getPrompt({ name: 'debug_message', arguments: { message_id: 'msg_seed_algeria_sent' } });
    expect(p.messages).toHaveLength(1);
  });

  it('answers a line that is not JSON-RPC with a protocol error and keeps serving', async () => {
    const before = transport.stdoutLines.length;
    child.stdin.write('this is not json\n');
    child.stdin.write('{"hello":"world"}\n');
    await expect(client.ping()).resolves.toEqual({});
    const codes = transport.stdoutLines.slice(before).map((l) => JSON.parse(l).error?.code);
    expect(codes).toContain(-32700);
    expect(codes).toContain(-32600);
  });

  it('writes only JSON-RPC to stdout, logs to stderr, leaks no key, and exits 0 when stdin closes', async () => {
    await client.close();
    const code = await exited;
    expect(code).toBe(0);
    expect(transport.stdoutLines.length).toBeGreaterThan(8);
    for (const line of transport.stdoutLines) {
      const parsed = JSONRPCMessageSchema.safeParse(JSON.parse(line));
      expect(parsed.success, line.slice(0, 200)).toBe(true);
    }
    // The logs went to stderr: the debug lines of the failed lookup are there.
    expect(transport.stderr).toMatch(/DEBUG/);
    expect(transport.stderr).toMatch(/sent GET \/v3\/messages/);
    expectNoSecrets(transport.stdoutLines.join('\n'));
    expectNoSecrets(transport.stderr);
    // The child's output is outside the suite's scan (test/setup/secrets-scan.ts): check it against every test secret here.
    expectNoTestSecrets(transport.stdoutLines.join('\n') + transport.stderr, 'sent-doctor mcp output');
  });

  it('answers requests written before stdin closed (`… | sent-doctor mcp`), then exits 0', async () => {
    // A slow Sent: the lookup is still running when stdin ends, and must not be cut off.
    const sim = createSimulator();
    sim.injectFault({ path: /^\/v3\/messages\//, method: 'GET', fault: 'latency=700', times: Infinity });
    const listening = await sim.listen(0, '127.0.0.1');
    try {
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, SENT_BASE_URL: listening.url, SENT_DM_API_KEY: SECRETS.demoKey };
      const p = spawn(process.execPath, ['--import', TSX, MAIN, 'mcp'], { env, cwd: PACKAGE_ROOT, stdio: 'pipe' });
      let out = '';
      p.stdout.setEncoding('utf8').on('data', (c: string) => void (out += c));
      p.stderr.resume();
      const code = new Promise<number | null>((resolve) => p.on('exit', resolve));
      const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pipe', version: '1' } } };
      const lookup = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'lookup_message', arguments: { message_id: 'msg_seed_algeria_sent' } } };
      p.stdin.end([init, { jsonrpc: '2.0', method: 'notifications/initialized' }, lookup].map((m) => JSON.stringify(m)).join('\n') + '\n');
      expect(await code).toBe(0);
      const replies = out.trim().split('\n').map((l) => JSON.parse(l));
      expect(replies.map((r) => r.id)).toEqual([1, 2]);
      expect(replies[1].result.structuredContent).toMatchObject({ found: true, status: 'SENT' });
      expectNoSecrets(out);
    } finally {
      await listening.close();
    }
  });
});
