/** Message records, webhook payloads and activity entries pasted into a text, read (and decided) the way a lookup reads them. */
import type { Entities } from '../extract.js';
import { normaliseMessage, type NormalisedMessage } from './normalise.js';
import { ActivityRecord, MessageRecord } from './schema.js';
import { decideVerdict, type Verdict, type VerdictOptions } from './verdicts.js';

export function pastedRecords(e: Entities, opts: VerdictOptions): { message: NormalisedMessage; verdict: Verdict }[] {
  const activities = e.activities.flatMap((a) => {
    const list = Array.isArray(a.activities) ? a.activities : [a];
    return list.flatMap((x) => {
      const r = ActivityRecord.safeParse(x);
      return r.success ? [r.data] : [];
    });
  });
  const records = e.records.flatMap((r) => {
    const p = MessageRecord.safeParse(r);
    return p.success ? [p.data] : [];
  });
  // Activities alone: their newest status stands for the message.
  if (!records.length && activities.length) {
    const newest = [...activities].sort((a, b) => String(b.timestamp ?? '').localeCompare(String(a.timestamp ?? '')))[0]!;
    records.push(MessageRecord.parse({ status: newest.status }));
  }
  return records.slice(0, 3).map((r) => {
    const message = normaliseMessage(r, activities);
    return { message, verdict: decideVerdict(message, opts) };
  });
}
