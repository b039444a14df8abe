import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { InputError } from '../../../tools/errors.js';
import { fingerprint } from '../../../tools/domain/redact.js';
import { generateWebhookSecret, startWebhookSender } from '../../simulator/webhooks.js';
import { createSimulator, SEED_MESSAGES, SIMULATOR_DEMO_KEY, type ListeningSimulator } from '../../simulator/index.js';

export interface SimulateOptions {
  port?: string | number;
  host?: string;
  /** Send signed Sent-style webhooks to this URL when a message changes status (issue 15). */
  webhookUrl?: string;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;
const KEY_RE = /^[\x21-\x7e]{8,512}$/;

/**
 * Start the simulator and describe it on stderr (stdout stays free). The demo key is only ever
 * shown as a fingerprint; a test key in SENT_DM_API_KEY is accepted too, so a user can pick a
 * key they know. Returns the running server; the caller decides when to close it.
 */
export async function runSimulate(opts: SimulateOptions, env: NodeJS.ProcessEnv, stderr: (s: string) => void): Promise<ListeningSimulator> {
  const port = opts.port === undefined ? 4010 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InputError('--port must be a whole number from 0 to 65535.');
  const host = (opts.host ?? '127.0.0.1').trim();
  if (!/^[A-Za-z0-9.:-]{1,255}$/.test(host)) throw new InputError('--host must be an IP address or host name, e.g. 127.0.0.1.');

  const keys = [SIMULATOR_DEMO_KEY];
  const notes: string[] = [];
  const envKey = (env.SENT_DM_API_KEY ?? env.SENT_API_KEY)?.trim();
  if (envKey) {
    if (/^sk_live_/.test(envKey)) notes.push(`SENT_DM_API_KEY is a live key (${fingerprint(envKey)}); the simulator does not accept live keys.`);
    else if (!KEY_RE.test(envKey)) notes.push('SENT_DM_API_KEY contains spaces or non-printable characters; ignored.');
    else keys.push(envKey);
  }

  const sim = createSimulator({ keys });
  let server: ListeningSimulator;
  try {
    server = await sim.listen(port, host);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new InputError(
      code === 'EADDRINUSE' ? `Port ${port} is already in use.` : `Cannot listen on ${host}:${port} (${code ?? 'error'}).`,
      { hint: 'Pick another port with --port, or --port 0 for any free port.' },
    );
  }

  let webhookLines: string[] = [];
  if (opts.webhookUrl) {
    let url: URL;
    try {
      url = new URL(opts.webhookUrl);
      if (!/^https?:$/.test(url.protocol)) throw new Error('not http');
    } catch {
      await server.close();
      throw new InputError(`--webhook-url ${JSON.stringify(opts.webhookUrl.slice(0, 200))} is not an http(s) URL.`, { hint: 'For example --webhook-url http://127.0.0.1:8787/webhooks/sent' });
    }
    // The simulator signs with SENT_WEBHOOK_SECRET when set (so a `serve` with the same variable accepts it), else its own.
    const secret = env.SENT_WEBHOOK_SECRET?.trim() || generateWebhookSecret();
    const sender = startWebhookSender({ url: url.toString(), secret, messages: sim.messages });
    const close = server.close.bind(server);
    server.close = async () => {
      await sender.stop();
      await close();
    };
    webhookLines = [
      `Webhooks: signed status changes go to ${url.toString()}`,
      env.SENT_WEBHOOK_SECRET ? '  signed with your SENT_WEBHOOK_SECRET' : `  signing secret (set it as SENT_WEBHOOK_SECRET of the receiver): ${secret}`,
      '',
    ];
  }

  const width = Math.max(...SEED_MESSAGES.map((s) => s.id.length));
  const lines = [
    `Sent simulator listening on ${server.url}  (simulated: nothing is ever delivered; only "sandbox": true sends are accepted)`,
    '',
    'Accepted API keys:',
    `  demo key ${fingerprint(SIMULATOR_DEMO_KEY)} (SIMULATOR_DEMO_KEY in src/simulator/server.ts)`,
    ...(keys.length > 1 ? [`  your SENT_DM_API_KEY ${fingerprint(keys[1])}`] : []),
    ...notes.map((n) => `  note: ${n}`),
    '',
    'Point sent-doctor at it (in another shell):',
    `  export SENT_BASE_URL=${server.url}`,
    keys.length > 1
      ? '  export SENT_DM_API_KEY=…   (the same test key this simulator was started with)'
      : '  export SENT_DM_API_KEY=…   (start the simulator with SENT_DM_API_KEY=<any sk_test_ key> to use a key you know)',
    '  sent-doctor status msg_seed_algeria_sent',
    '',
    'Example message IDs:',
    ...SEED_MESSAGES.map((s) => `  ${s.id.padEnd(width)}  ${(s.scenario ?? 'healthy control').padEnd(24)}  ${s.note}`),
    '',
    ...webhookLines,
    'Faults: send a header such as  x-sim-fault: latency=800 | status=503 | rate_limit=5 | malformed | reset',
    'Press Ctrl+C to stop.',
    '',
  ];
  if (!LOOPBACK.test(host))
    lines.unshift(`warning: listening on ${host}, not loopback: anyone who can reach it can use the simulator with the public demo key.`);
  stderr(lines.join('\n'));
  return server;
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('simulate')
    .description('Run a local Sent v3 simulator with seeded failure scenarios (sandbox only, nothing is delivered)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '4010')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--webhook-url <url>', 'send signed webhooks for status changes to this URL (e.g. a serve at /webhooks/sent)')
    .action(async (opts: { port: string; host: string; webhookUrl?: string }) => {
      const server = await runSimulate(opts, deps.env, deps.io.stderr);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      deps.io.stderr('Simulator stopped.\n');
      deps.exit(0);
    });
}
