/**
 * MCP: cold start of `sent-doctor mcp` to the first tools/list answer next to the minimal SDK
 * server; the diagnose round trip next to an echo tool on our own server (bench/fixtures/
 * echo-mcp-server.ts), over stdio and over Streamable HTTP. Every call goes through the SDK's
 * own Client, as an agent's would.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Budget } from './budget.js';
import { childEnv, CLI, fixture, progress, startNode, type Child } from './proc.js';
import type { Row } from './report.js';
import { median, medianOfRuns, now, runOf, type Figure, type Run } from './stats.js';
import { loadQuestions } from './triage.js';

const COLD_RUNS = 11;
const RT_RUNS = 3;
const RT_CALLS = 200;
/** Fewer over HTTP: every call there is a new connection-level request and a fresh server (~10 ms). */
const RT_CALLS_HTTP = 120;
const WARMUP_CALLS = 40;
/** Both servers run without a Sent key: diagnose works from the text alone, nothing leaves the machine. */
const MCP_ENV = { LOG_LEVEL: 'warn' };

async function connectStdio(script: string, args: string[]): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [script, ...args], env: childEnv(MCP_ENV) as Record<string, string>, stderr: 'ignore' });
  const client = new Client({ name: 'sent-doctor-bench', version: '0.0.0' });
  await client.connect(transport, { timeout: 20_000 });
  return client;
}

async function coldStart(script: string, args: string[]): Promise<number> {
  const t0 = now();
  const client = await connectStdio(script, args);
  const { tools } = await client.listTools(undefined, { timeout: 20_000 });
  const ms = now() - t0;
  await client.close();
  if (!tools.length) throw new Error(`${script} listed no tools`);
  return ms;
}

type Call = (i: number) => { name: string; arguments: Record<string, unknown> };

/** Spawn → the answer to the first tools/call: what an agent that starts a server for one question waits. */
async function firstAnswer(script: string, args: string[], call: ReturnType<Call>): Promise<number> {
  const t0 = now();
  const client = await connectStdio(script, args);
  try {
    const r = await client.callTool(call, undefined, { timeout: 20_000 });
    if (r.isError) throw new Error(`${call.name} returned an error: ${JSON.stringify(r.content).slice(0, 300)}`);
    return now() - t0;
  } finally {
    await client.close();
  }
}

async function roundTrips(client: Client, call: Call, calls: number, b: Budget): Promise<Run> {
  const samples: number[] = [];
  const start = now();
  for (let i = 0; i < calls && !b.over(); i++) {
    const t0 = now();
    const r = await client.callTool(call(i), undefined, { timeout: 10_000 });
    samples.push(now() - t0);
    if (r.isError) throw new Error(`${call(i).name} returned an error: ${JSON.stringify(r.content).slice(0, 300)}`);
  }
  return runOf(samples, now() - start);
}

/** Alternating runs of the product call and the baseline call, so drift hits both alike. */
async function compare(product: Client, baseline: Client, diag: Call, echo: Call, b: Budget, calls: number): Promise<{ diagnose: Figure; echo: Figure; runs: Run[][] }> {
  await roundTrips(product, diag, WARMUP_CALLS, b);
  await roundTrips(baseline, echo, WARMUP_CALLS, b);
  const d: Run[] = [];
  const e: Run[] = [];
  for (let r = 0; r < RT_RUNS && (r < 1 || !b.over()); r++) {
    d.push(await roundTrips(product, diag, calls, b));
    e.push(await roundTrips(baseline, echo, calls, b));
  }
  return { diagnose: medianOfRuns(d), echo: medianOfRuns(e), runs: [d, e] };
}

export async function mcpSuite(serveUrl: string, b: Budget): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const texts = loadQuestions();
  const diag: Call = (i) => ({ name: 'diagnose', arguments: { text: texts[i % texts.length]!, lookups: false } });
  const echo: Call = (i) => ({ name: 'echo', arguments: { text: texts[i % texts.length]! } });

  // Cold start, alternating product and baseline.
  const cold = { product: [] as number[], minimal: [] as number[] };
  const coldBudget = b.part(0.45, 25_000);
  for (let i = 0; i < COLD_RUNS && (i < 2 || !coldBudget.over()); i++) {
    cold.product.push(await coldStart(CLI, ['mcp']));
    cold.minimal.push(await coldStart(fixture('minimal-mcp-server'), []));
  }
  // The first answer, alternating: diagnose on `sent-doctor mcp` (the tools, knowledge, model and country
  // data load on that call) next to echo on the minimal SDK server.
  const first = { diagnose: [] as number[], echo: [] as number[] };
  for (let i = 0; i < COLD_RUNS && (i < 2 || !coldBudget.over()); i++) {
    first.diagnose.push(await firstAnswer(CLI, ['mcp'], diag(i)));
    first.echo.push(await firstAnswer(fixture('minimal-mcp-server'), [], echo(i)));
  }

  // stdio round trips: `sent-doctor mcp` (diagnose) next to our server with echo.
  progress(`  MCP: ${cold.product.length} cold starts each; stdio round trips…`);
  const stdioBudget = b.part(0.4);
  const product = await connectStdio(CLI, ['mcp']);
  const ours = await connectStdio(fixture('echo-mcp-server'), []);
  let stdio: Awaited<ReturnType<typeof compare>>;
  let fixtureDiagnose: Figure;
  try {
    stdio = await compare(product, ours, diag, echo, stdioBudget, RT_CALLS);
    // Parity check of the fixture: diagnose on it should cost what it costs on the product.
    fixtureDiagnose = medianOfRuns([await roundTrips(ours, diag, RT_CALLS, stdioBudget)]);
  } finally {
    await product.close();
    await ours.close();
  }
  // The floor: diagnose's answers replayed (each text computed once first), next to echo on the same server.
  const replayServer = await connectStdio(fixture('echo-mcp-server'), ['--replay']);
  let replay: Awaited<ReturnType<typeof compare>>;
  try {
    await roundTrips(replayServer, diag, texts.length, stdioBudget);
    replay = await compare(replayServer, replayServer, diag, echo, stdioBudget, RT_CALLS);
  } finally {
    await replayServer.close();
  }

  // HTTP round trips: `serve` at /mcp (diagnose) next to our server with echo, both stateless.
  progress('  MCP: HTTP round trips…');
  let echoHttp: Child | undefined;
  let http: Awaited<ReturnType<typeof compare>>;
  const clients: Client[] = [];
  try {
    const started = await startNode(fixture('echo-mcp-server'), ['--http'], childEnv(MCP_ENV), /listening on (http:\/\/\S+)/);
    echoHttp = started.child;
    const connectHttp = async (base: string) => {
      const c = new Client({ name: 'sent-doctor-bench', version: '0.0.0' });
      await c.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)), { timeout: 10_000 });
      clients.push(c);
      return c;
    };
    http = await compare(await connectHttp(serveUrl), await connectHttp(started.match[1]!), diag, echo, b, RT_CALLS_HTTP);
  } finally {
    for (const c of clients) await c.close().catch(() => undefined);
    await echoHttp?.stop();
  }

  const coldP = median(cold.product);
  const coldM = median(cold.minimal);
  const echoLabel = 'echo on our server';
  const rows: Row[] = [
    {
      suite: 'MCP',
      figure: 'cold start: spawn → first tools/list answer (stdio)',
      unit: 'ms',
      value: coldP,
      baseline: coldM,
      baselineLabel: 'minimal SDK server, one echo tool',
      target: { on: 'ratio', op: '<=', limit: 1.2 },
      note: `median of ${cold.product.length} starts each`,
    },
    {
      suite: 'MCP',
      figure: 'spawn → first diagnose answer (stdio)',
      unit: 'ms',
      value: median(first.diagnose),
      baseline: median(first.echo),
      baselineLabel: 'echo on the minimal SDK server',
      note: `median of ${first.diagnose.length} starts each`,
    },
    { suite: 'MCP', figure: 'diagnose round trip, stdio: p50', unit: 'ms', value: stdio.diagnose.p50, baseline: stdio.echo.p50, baselineLabel: echoLabel, target: { on: 'ratio', op: '<=', limit: 2 } },
    {
      suite: 'MCP',
      figure: 'diagnose answer replayed (no tool work), stdio: p50',
      unit: 'ms',
      value: replay.diagnose.p50,
      baseline: replay.echo.p50,
      baselineLabel: 'echo on the same server',
      note: "the floor under the diagnose/echo ratio: diagnose's output path alone (bench/fixtures/echo-mcp-server.ts --replay)",
    },
    { suite: 'MCP', figure: 'diagnose round trip, stdio: p99', unit: 'ms', value: stdio.diagnose.p99, baseline: stdio.echo.p99, baselineLabel: echoLabel },
    { suite: 'MCP', figure: 'diagnose round trip, HTTP: p50', unit: 'ms', value: http.diagnose.p50, baseline: http.echo.p50, baselineLabel: echoLabel, target: { on: 'ratio', op: '<=', limit: 2 } },
    { suite: 'MCP', figure: 'diagnose round trip, HTTP: p99', unit: 'ms', value: http.diagnose.p99, baseline: http.echo.p99, baselineLabel: echoLabel },
  ];
  return { rows, details: { coldStartMs: cold, firstAnswerMs: first, stdio, http, fixtureDiagnoseStdio: fixtureDiagnose, replayStdio: replay } };
}
