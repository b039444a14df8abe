/**
 * What an agent pays to read sent-doctor: the characters of the `tools/list` answer, and of one
 * `diagnose` call (text content plus `structuredContent`, as JSON) over the questions of
 * knowledge/training/questions.jsonl, with the arguments an agent sends (no `detail`: the MCP
 * default). In process, through the SDK's Client over InMemoryTransport, with the context a
 * `sent-doctor mcp` process builds without a key (no lookups leave the machine).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { configSecrets, loadConfig } from '../src/config.js';
import { buildContext } from '../src/context.js';
import { createLogger } from '../src/log.js';
import { createMcpServer } from '../src/mcp/server.js';
import type { Row } from './report.js';
import { median } from './stats.js';
import { loadQuestions } from './triage.js';

export interface ContextSizes {
  toolsListChars: number;
  /** tools/list per tool: name → characters of its JSON. */
  perTool: Record<string, number>;
  diagnose: { median: number; max: number; n: number };
  /** The same calls with `detail: "full"`, for comparison. */
  diagnoseFull: { median: number; max: number };
}

export async function measureContext(): Promise<ContextSizes> {
  const config = loadConfig({ LOG_LEVEL: 'error' });
  const logger = createLogger({ level: 'error', secrets: configSecrets(config) });
  const ctx = buildContext(config, { logger });
  const server = createMcpServer(ctx, { logger });
  const [c, s] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'sent-doctor-bench', version: '0.0.0' });
  await server.connect(s);
  await client.connect(c);
  try {
    const { tools } = await client.listTools();
    const perTool = Object.fromEntries(tools.map((t) => [t.name, JSON.stringify(t).length]));
    const size = async (args: Record<string, unknown>) => {
      const r = await client.callTool({ name: 'diagnose', arguments: args });
      if (r.isError) throw new Error(`diagnose returned an error: ${JSON.stringify(r.content).slice(0, 300)}`);
      const text = (r.content as Array<{ text?: string }>).map((x) => x.text ?? '').join('');
      return text.length + (r.structuredContent ? JSON.stringify(r.structuredContent).length : 0);
    };
    const brief: number[] = [];
    const full: number[] = [];
    for (const text of loadQuestions()) {
      brief.push(await size({ text }));
      full.push(await size({ text, detail: 'full' }));
    }
    return {
      toolsListChars: JSON.stringify({ tools }).length,
      perTool,
      diagnose: { median: median(brief), max: Math.max(...brief), n: brief.length },
      diagnoseFull: { median: median(full), max: Math.max(...full) },
    };
  } finally {
    await client.close();
    await server.close();
  }
}

export function contextRows(c: ContextSizes): Row[] {
  return [
    { suite: 'Context', figure: 'tools/list answer', unit: 'chars', value: c.toolsListChars, target: { on: 'value', op: '<=', limit: 8_000 } },
    {
      suite: 'Context',
      figure: 'one diagnose call (text + structuredContent): median',
      unit: 'chars',
      value: c.diagnose.median,
      baseline: c.diagnoseFull.median,
      baselineLabel: 'detail: "full"',
      target: { on: 'value', op: '<=', limit: 5_000 },
      note: `${c.diagnose.n} questions (questions.jsonl), MCP defaults`,
    },
    {
      suite: 'Context',
      figure: 'one diagnose call (text + structuredContent): max',
      unit: 'chars',
      value: c.diagnose.max,
      baseline: c.diagnoseFull.max,
      baselineLabel: 'detail: "full"',
      target: { on: 'value', op: '<=', limit: 9_000 },
    },
  ];
}
