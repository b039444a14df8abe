/** Shared set-up for the MCP tests: a simulator on 127.0.0.1, a context wired to it, a connected client. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { ToolContext } from '../../tools/context.js';
import { createSimulator, SIMULATOR_DEMO_KEY, type ListeningSimulator } from '../../src/simulator/index.js';
import { createSentClient } from '../../src/sent/client.js';
import { createMcpServer, type ContextSource } from '../../src/mcp/server.js';
import { makeTestContext, withSent, type TestContext } from '../helpers/context.js';
import { OTHER_SECRETS, SENT_KEYS } from '../helpers/secrets.js';

/** Every secret these tests use: none may appear in any output. */
export const SECRETS = {
  demoKey: SIMULATOR_DEMO_KEY,
  pastedKey: SENT_KEYS.mcpPasted,
  token: OTHER_SECRETS.mcpToken,
} as const;

export async function startSimulator(): Promise<ListeningSimulator> {
  return createSimulator().listen(0, '127.0.0.1');
}

export function contextFor(url: string, over: Partial<ToolContext> = {}): TestContext {
  const base = makeTestContext(over);
  const forKey = (apiKey: string) =>
    createSentClient({ apiKey, baseUrl: url, timeoutMs: 5_000, connectTimeoutMs: 1_000, maxRetries: 0, logger: base.logger });
  return withSent(base, forKey(SECRETS.demoKey), forKey);
}

export async function connect(ctx: ContextSource): Promise<{ client: Client; close: () => Promise<void> }> {
  const server = createMcpServer(ctx);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'sent-doctor-test', version: '1.0.0' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** All the text a client received in a tool result. */
export function textOf(r: { content?: unknown }): string {
  return ((r.content ?? []) as Array<{ type: string; text?: string }>).map((c) => c.text ?? '').join('\n');
}

export function expectNoSecrets(text: string): void {
  for (const s of Object.values(SECRETS)) if (text.includes(s)) throw new Error(`a secret leaked: …${s.slice(-4)}`);
}
