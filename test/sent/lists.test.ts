/** The client's list reading (the checkup's endpoints): the same error mapping and retries as every call, and a bounded paging loop. */
import { describe, expect, it } from 'vitest';
import { SentApiError, SentUnreachableError } from '../../tools/errors.js';
import { caught, fakeClock, makeClient, startSim, WRONG_KEY } from './helpers.js';

describe('Sent client: lists', () => {
  it('a 503 on one page is retried like any GET, then the reading goes on', async () => {
    const { url, sim } = await startSim({ clock: fakeClock() });
    sim.injectFault({ path: '/v3/webhooks', fault: 'status=503', times: 1 });
    const { client, sleeps } = makeClient(url);
    const w = await client.listWebhooks();
    expect(w.items).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('a wrong key is AUTH_002, not retried; a server that keeps failing is unreachable', async () => {
    const { url, sim } = await startSim({ clock: fakeClock() });
    const wrong = makeClient(url, { apiKey: WRONG_KEY });
    const e = await caught(() => wrong.client.listTemplates());
    expect(e).toBeInstanceOf(SentApiError);
    expect(e).toMatchObject({ status: 401, code: 'AUTH_002' });
    expect(wrong.sleeps).toHaveLength(0);
    sim.injectFault({ path: '/v3/templates', fault: 'status=500', times: Infinity });
    const { client } = makeClient(url);
    expect(await caught(() => client.listTemplates())).toBeInstanceOf(SentUnreachableError);
  });

  it('a malformed page is unreachable (malformed), and a profile ID that is not an ID is refused before any request', async () => {
    const { url, sim } = await startSim({ clock: fakeClock() });
    sim.injectFault({ path: '/v3/templates', fault: 'malformed', times: 1 });
    const { client } = makeClient(url, { maxRetries: 0 });
    expect(await caught(() => client.listTemplates())).toMatchObject({ reason: 'malformed' });
    const before = sim.requests.length;
    await expect(client.listCampaigns('../me')).rejects.toThrow(/is not a profile ID/);
    expect(sim.requests.length).toBe(before);
  });
});
