/**
 * Fresh message IDs for the Slack benchmarks: sandbox sends to the simulator (100 recipients a
 * send, one message each), so that every event asks about a message no cache has seen yet.
 */
import { request } from 'undici';
import { SIMULATOR_DEMO_KEY } from '../src/simulator/index.js';

export interface IdPool {
  next(): string;
  /** How many IDs were handed out more than once (the pool ran dry and wrapped). */
  reused(): number;
  size: number;
}

export async function createIdPool(simUrl: string, count: number): Promise<IdPool> {
  const ids: string[] = [];
  for (let batch = 0; ids.length < count && batch < 100; batch++) {
    const to = Array.from({ length: 100 }, (_, i) => `+1415555${String(batch * 100 + i).padStart(4, '0')}`);
    const res = await request(`${simUrl}/v3/messages`, {
      method: 'POST',
      headers: { 'x-api-key': SIMULATOR_DEMO_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ sandbox: true, to, channel: 'sms', text: 'bench message' }),
    });
    const body = (await res.body.json()) as { data?: { recipients?: Array<{ message_id: string }> } };
    if (res.statusCode !== 202 || !body.data?.recipients) throw new Error(`simulator refused a sandbox send (${res.statusCode})`);
    ids.push(...body.data.recipients.map((r) => r.message_id));
  }
  let i = 0;
  return { size: ids.length, next: () => ids[i++ % ids.length]!, reused: () => Math.max(0, i - ids.length) };
}
