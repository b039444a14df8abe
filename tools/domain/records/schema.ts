/**
 * Sent v3 records, read leniently: unknown fields are kept, both the guide's dialect
 * (`msg_…` IDs, `channel_attempted`, `fallback_reason`, template variables) and the public
 * SDK's (UUIDs, `events[]`, `message_body`) parse. Only shape errors that make a record
 * unusable fail.
 */
import { z } from 'zod';

const str = z.string().nullish();
const num = z.union([z.number(), z.string()]).nullish();

export const MessageEvent = z.looseObject({
  status: z.string(),
  timestamp: z.string().nullish(),
  description: str,
});

export const MessageRecord = z.looseObject({
  id: str,
  message_id: str,
  customer_id: str,
  contact_id: str,
  phone: str,
  to: z.union([z.string(), z.array(z.string())]).nullish(),
  phone_international: str,
  region_code: str,
  channel: z.union([z.string(), z.array(z.string())]).nullish(),
  channel_attempted: str,
  fallback_reason: str,
  direction: str,
  status: z.string(),
  created_at: str,
  updated_at: str,
  template_id: str,
  template_name: str,
  template_category: str,
  template: z.union([z.string(), z.looseObject({ id: str, name: str, parameters: z.record(z.string(), z.unknown()).nullish() })]).nullish(),
  template_variables: z.record(z.string(), z.unknown()).nullish(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  message_body: z
    .looseObject({ content: str, header: str, footer: str, buttons: z.array(z.unknown()).nullish() })
    .nullish(),
  text: str,
  price: num,
  active_contact_price: num,
  sandbox: z.boolean().nullish(),
  sender_profile_id: str,
  from: str,
  reason_code: str,
  reason: str,
  error_code: str,
  error: z.union([z.string(), z.looseObject({ code: str, message: str })]).nullish(),
  events: z.array(MessageEvent).nullish(),
  scheduled_at: str,
});
export type MessageRecord = z.infer<typeof MessageRecord>;

export const ActivityRecord = z.looseObject({
  status: z.string(),
  description: str,
  timestamp: str,
  from: str,
  price: num,
  active_contact_price: num,
  channel: str,
  scheduled_at: str,
});
export type ActivityRecord = z.infer<typeof ActivityRecord>;

export const ActivitiesData = z.looseObject({
  message_id: str,
  activities: z.array(ActivityRecord).default([]),
});

const ChannelInfo = z.looseObject({ configured: z.boolean().nullish(), phone_number: str, business_name: str }).nullish();

export const MeRecord = z.looseObject({
  id: str,
  type: str,
  name: str,
  email: str,
  status: str,
  organization_id: str,
  channels: z.looseObject({ sms: ChannelInfo, whatsapp: ChannelInfo, rcs: ChannelInfo }).nullish(),
  profiles: z.array(z.unknown()).nullish(),
});
export type MeRecord = z.infer<typeof MeRecord>;

export const TemplateRecord = z.looseObject({
  id: str,
  name: str,
  category: str,
  language: str,
  status: str,
  channels: z.array(z.string()).nullish(),
  variables: z.array(z.union([z.string(), z.looseObject({ name: str })])).nullish(),
});
export type TemplateRecord = z.infer<typeof TemplateRecord>;

export const SendResult = z.looseObject({
  status: str,
  template_id: str,
  template_name: str,
  message_id: str,
  recipients: z
    .array(z.looseObject({ message_id: z.string(), to: str, channel: str, body: str }))
    .nullish(),
});
export type SendResult = z.infer<typeof SendResult>;

/** The v3 envelope around every response. */
export const Envelope = z.looseObject({
  success: z.boolean(),
  data: z.unknown().nullish(),
  error: z
    .looseObject({
      code: z.string().nullish(),
      message: z.string().nullish(),
      details: z.unknown().nullish(),
      doc_url: z.string().nullish(),
    })
    .nullish(),
  meta: z.looseObject({ request_id: str, timestamp: str, version: str }).nullish(),
});
export type Envelope = z.infer<typeof Envelope>;

/** Message ID as the record states it: SDK `id`, guide `message_id`. */
export function recordId(r: MessageRecord): string | undefined {
  return r.id ?? r.message_id ?? undefined;
}
