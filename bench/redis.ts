/**
 * Redis for the load comparison. The bench uses database 15 of the local Redis by default
 * (BENCH_REDIS_URL overrides), so its keys stay apart from anything else on that server, and it
 * deletes the `sent-doctor:*` keys it wrote afterwards, but only when there were none before it ran.
 */
import { createClient } from 'redis';

export const DEFAULT_BENCH_REDIS_URL = 'redis://127.0.0.1:6379/15';
const PREFIX = 'sent-doctor:*';

export interface BenchRedis {
  url: string;
  /** Deletes what the bench wrote (when the database held no sent-doctor keys before). */
  cleanup(): Promise<string>;
}

function newClient(url: string) {
  return createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
}
type Client = ReturnType<typeof newClient>;

async function connect(url: string): Promise<Client> {
  const client = newClient(url);
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function keys(client: Client): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: PREFIX, COUNT: 1000 })) out.push(...(batch as string[]));
  return out;
}

/** Null with the reason when Redis cannot be reached (the column is then skipped). */
export async function openBenchRedis(url: string): Promise<{ redis: BenchRedis } | { skipped: string }> {
  const host = url.replace(/\/\/[^@/]*@/, '//');
  let client: Client;
  try {
    client = await connect(url);
    await client.ping();
  } catch (e) {
    return { skipped: `Redis not reachable at ${host} (${e instanceof Error ? e.message : String(e)}); the Redis column was skipped` };
  }
  const before = (await keys(client)).length;
  await client.quit();
  return {
    redis: {
      url,
      async cleanup() {
        if (before > 0) return `left ${host} as it was: it held ${before} sent-doctor keys before the bench`;
        const c = await connect(url);
        try {
          const written = await keys(c);
          for (let i = 0; i < written.length; i += 500) await c.del(written.slice(i, i + 500));
          return `deleted the ${written.length} sent-doctor keys the bench wrote to ${host}`;
        } finally {
          await c.quit();
        }
      },
    },
  };
}
