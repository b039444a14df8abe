/** Rendering pieces shared by the answer and the /sent replies: a looked-up message, findings. Pure. */
import { escapeMrkdwn, inlineCode, markdownToMrkdwn, truncate } from '../safety/mrkdwn.js';

export interface FindingLike {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface TimelineLike {
  at: string | null;
  status: string;
  description?: string;
}

/** The parts of lookup_message's output the Slack answer shows. */
export interface LookupLike {
  message_id: string;
  found?: boolean;
  status?: string;
  channel?: string | null;
  channel_attempted?: string;
  fallback_reason?: string;
  recipient?: string | null;
  sandbox?: boolean;
  timeline?: TimelineLike[];
  error_codes?: string[];
  findings?: FindingLike[];
  next_steps?: string[];
  warnings?: string[];
  looked_up_at?: { base_url: string; key: string };
}

export interface LookupFailureLike {
  message_id: string;
  error: string;
  kind: string;
}

const SEVERITY_ICON: Record<FindingLike['severity'], string> = { error: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' };

export function findingLine(f: FindingLike): string {
  return `${SEVERITY_ICON[f.severity] ?? '•'} ${markdownToMrkdwn(f.message)}`;
}

/** `2026-05-09 10:02:03Z` from an ISO time; other strings as given. */
export function shortTime(at: string | null): string {
  if (!at) return '(no time)';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(at);
  return m ? `${m[1]} ${m[2]}Z` : escapeMrkdwn(at);
}

/** Oldest first; long timelines keep the first two and the last four entries. */
export function timelineText(tl: readonly TimelineLike[]): string {
  const shown = tl.length > 8 ? [...tl.slice(0, 2), null, ...tl.slice(-4)] : tl;
  return shown
    .map((e) =>
      e === null
        ? `   ⋯ ${tl.length - 6} more`
        : `   ${shortTime(e.at)}  *${escapeMrkdwn(e.status)}*${e.description ? ` — ${escapeMrkdwn(truncate(e.description, 200))}` : ''}`,
    )
    .join('\n');
}

/** One looked-up message: status, channel, recipient, codes, timeline. */
export function lookupText(l: LookupLike | LookupFailureLike): string {
  if ('error' in l) return `:warning: ${inlineCode(l.message_id)}: the lookup failed — ${escapeMrkdwn(l.error)}`;
  if (l.found === false) {
    const key = l.looked_up_at ? ` with key ${inlineCode(l.looked_up_at.key)}` : '';
    const steps = (l.next_steps ?? []).slice(0, 4).map((s) => `   • ${markdownToMrkdwn(s)}`);
    return [`:mag: ${inlineCode(l.message_id)} was not found${key}.`, ...steps].join('\n');
  }
  const facts = [
    `*${escapeMrkdwn(l.status ?? 'unknown')}*`,
    l.channel ? `on ${escapeMrkdwn(l.channel)}` : '',
    l.recipient ? `to ${escapeMrkdwn(l.recipient)}` : '',
    l.sandbox ? '(sandbox)' : '',
  ].filter(Boolean);
  const extra = [
    l.channel_attempted ? `channel_attempted: ${inlineCode(l.channel_attempted)}` : '',
    l.fallback_reason ? `fallback_reason: ${inlineCode(l.fallback_reason)}` : '',
    l.error_codes?.length ? `codes: ${l.error_codes.map(inlineCode).join(', ')}` : '',
  ].filter(Boolean);
  const lines = [`:envelope: ${inlineCode(l.message_id)} is ${facts.join(' ')}${extra.length ? ` · ${extra.join(' · ')}` : ''}`];
  if (l.timeline?.length) lines.push(timelineText(l.timeline));
  for (const w of l.warnings ?? []) lines.push(`   :warning: ${escapeMrkdwn(w)}`);
  return lines.join('\n');
}
