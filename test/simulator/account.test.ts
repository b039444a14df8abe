/** The simulator's account endpoints for the checkup: real shapes (the official SDK's), paging, the demo account's problems. */
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { TEST_KEY, fakeClock, makeClient, startSim } from '../sent/helpers.js';
import { TemplateListItem, WebhookRecord, ProfileRecord, CampaignRecord } from '../../tools/domain/checkup/records.js';
import { DEMO_PROFILE_ID } from '../../src/simulator/seed.js';

async function get(url: string, path: string) {
  const res = await request(`${url}${path}`, { headers: { 'x-api-key': TEST_KEY } });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, any> };
}

describe('simulator: account lists', () => {
  it('GET /v3/templates pages with page/page_size and a pagination block; page and page_size are required', async () => {
    const { url } = await startSim({ clock: fakeClock() });
    const p1 = await get(url, '/v3/templates?page=1&page_size=2');
    expect(p1.status).toBe(200);
    expect(p1.json.data.pagination).toEqual({ page: 1, page_size: 2, total_count: 5, total_pages: 3, has_more: true, cursors: null });
    expect(p1.json.data.templates).toHaveLength(2);
    for (const t of p1.json.data.templates) {
      expect(TemplateListItem.safeParse(t).success).toBe(true);
      expect(t).not.toHaveProperty('body');
      expect(t).not.toHaveProperty('updatedHoursAgo');
    }
    const p3 = await get(url, '/v3/templates?page=3&page_size=2');
    expect(p3.json.data.pagination.has_more).toBe(false);
    expect((await get(url, '/v3/templates')).json.error.code).toBe('VALIDATION_004');
    expect((await get(url, '/v3/templates?page=1&page_size=500')).json.error.code).toBe('VALIDATION_005');
  });

  it('the demo account has a REJECTED and a PENDING template, a webhook switched off after 10 failures, an EXPIRED US campaign', async () => {
    const { url } = await startSim({ clock: fakeClock() });
    const t = (await get(url, '/v3/templates?page=1&page_size=100')).json.data.templates;
    expect(t.map((x: any) => x.status).sort()).toEqual(['APPROVED', 'APPROVED', 'APPROVED', 'PENDING', 'REJECTED']);
    const w = (await get(url, '/v3/webhooks?page=1&page_size=100')).json.data;
    expect(w.webhooks.every((x: unknown) => WebhookRecord.safeParse(x).success)).toBe(true);
    expect(w.webhooks[0]).toMatchObject({ is_active: false, consecutive_failures: 10, event_types: ['message'], signing_secret: null });
    const p = (await get(url, '/v3/profiles')).json.data.profiles;
    expect(p).toHaveLength(1);
    expect(ProfileRecord.parse(p[0])).toMatchObject({ id: DEMO_PROFILE_ID, sending_phone_number: '+14155550100' });
    const c = await get(url, `/v3/profiles/${DEMO_PROFILE_ID}/campaigns`);
    expect(Array.isArray(c.json.data)).toBe(true);
    expect(CampaignRecord.parse(c.json.data[0])).toMatchObject({ status: 'EXPIRED', tcrCampaignId: 'CDEMO01' });
    expect((await get(url, '/v3/profiles/unknown-profile/campaigns')).status).toBe(404);
  });

  it('the Sent client reads every page of the simulator and drops webhook signing secrets', async () => {
    const { url, sim } = await startSim({ clock: fakeClock() });
    const { client } = makeClient(url);
    const t = await client.listTemplates();
    expect(t).toMatchObject({ complete: true });
    expect(t.items.map((x) => x.name)).toContain('welcome_offer');
    const w = await client.listWebhooks();
    expect(w.items.every((x) => !('signing_secret' in x))).toBe(true);
    expect((await client.listCampaigns(DEMO_PROFILE_ID)).items[0]!.status).toBe('EXPIRED');
    expect(sim.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});
