/**
 * The account records the checkup reads, as Sent's v3 list endpoints return them (the official
 * TypeScript SDK's types; sent-api-facts.md §6.1 webhooks, §9.3 campaigns, §12 templates and
 * pagination). Read leniently like the message records: unknown fields are kept, missing ones are
 * null, so a newer or older Sent still parses. A list page is `{<items>: [...], pagination}`
 * (templates, webhooks), `{profiles: [...]}` (profiles) or a bare array (campaigns).
 */
import { z } from 'zod';
import { TemplateRecord } from '../records/schema.js';

const str = z.string().nullish();
const int = z.number().nullish();

export const TemplateListItem = TemplateRecord.extend({
  is_published: z.boolean().nullish(),
  created_at: str,
  updated_at: str,
  /** Not in the SDK's Template; read when a Sent version carries the rejection reason on the record. */
  reason: str,
  rejection_reason: str,
});
export type TemplateListItem = z.infer<typeof TemplateListItem>;

export const WebhookRecord = z.looseObject({
  id: str,
  display_name: str,
  endpoint_url: str,
  event_types: z.array(z.string()).nullish(),
  event_filters: z.record(z.string(), z.array(z.string()).nullish()).nullish(),
  is_active: z.boolean().nullish(),
  consecutive_failures: int,
  retry_count: int,
  timeout_seconds: int,
  last_delivery_attempt_at: str,
  last_successful_delivery_at: str,
  created_at: str,
  updated_at: str,
});
export type WebhookRecord = z.infer<typeof WebhookRecord>;

export const ProfileRecord = z.looseObject({
  id: str,
  name: str,
  short_name: str,
  status: str,
  sending_phone_number: str,
  whatsapp_phone_number: str,
  waba_id: str,
  inherit_tcr_campaign: z.boolean().nullish(),
});
export type ProfileRecord = z.infer<typeof ProfileRecord>;

/** A US 10DLC campaign (the SDK's BrandCampaign: camelCase fields; status SENT_CREATED | ACTIVE | EXPIRED). */
export const CampaignRecord = z.looseObject({
  id: str,
  name: str,
  status: str,
  type: str,
  tcrCampaignId: str,
  tcrSyncError: str,
  submittedAt: str,
  createdAt: str,
  updatedAt: str,
});
export type CampaignRecord = z.infer<typeof CampaignRecord>;

/** A whole list, read page by page. `complete` is false when the page bound stopped the reading early. */
export interface Listed<T> {
  items: T[];
  complete: boolean;
}

export const Pagination = z.looseObject({
  page: int,
  page_size: int,
  total_count: int,
  total_pages: int,
  has_more: z.boolean().nullish(),
});

/** One page's `data`: the items under `key` (or a bare array) and whether more pages follow. */
export function readPage(data: unknown, key: string): { items: unknown[]; hasMore: boolean } | undefined {
  if (Array.isArray(data)) return { items: data, hasMore: false };
  if (!data || typeof data !== 'object') return undefined;
  const o = data as Record<string, unknown>;
  const items = o[key];
  if (items !== undefined && items !== null && !Array.isArray(items)) return undefined;
  const p = Pagination.safeParse(o.pagination);
  return { items: (items as unknown[] | null | undefined) ?? [], hasMore: p.success && p.data.has_more === true };
}
