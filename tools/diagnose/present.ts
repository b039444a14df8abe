/**
 * Step 4 of diagnose: present. The first lines state what was found (each message's verdict,
 * or that it could not be looked up), then the ranked scenarios with their steps.
 */
import type { KnowledgeBase } from '../context.js';
import type { Decision } from './decide.js';
import type { Gathered } from './gather.js';

/** Below this the answer is presented as a guess, with a question. */
export const CONCLUSIVE_AT = 0.45;
const MAX_MESSAGE_LINES = 5;

const OFF_TOPIC_ANSWER =
  'This does not look like a message-delivery problem, which is what sent-doctor diagnoses. For billing, pricing, account ' +
  'ownership, data deletion or feature requests, ask Sent support (support@sent.dm) or see docs.sent.dm.';

export function messageLines(g: Gathered): string[] {
  const lines = g.messages.map((m) => (m.verdict ? `Message ${m.message_id}: ${m.verdict.cause}` : `Message ${m.message_id} was ${(m.unlooked ?? 'not looked up').replace(/\.+$/, '')}.`));
  // What could not be looked up is said first.
  const ordered = [...lines.filter((_, i) => !g.messages[i]!.verdict), ...lines.filter((_, i) => g.messages[i]!.verdict)];
  return ordered.length > MAX_MESSAGE_LINES ? [...ordered.slice(0, MAX_MESSAGE_LINES), `…and ${ordered.length - MAX_MESSAGE_LINES} more message(s).`] : ordered;
}

export function summarise(g: Gathered, d: Decision, kb: KnowledgeBase, answer: string | undefined): string {
  const top = d.main.scenarios[0];
  const title = top ? (kb.get(top.id)?.title ?? top.id) : undefined;
  const pct = top ? Math.round(top.confidence * 100) : 0;
  const lines = [...messageLines(g)];
  if (answer) lines.push(answer);
  if (d.main.offTopic) lines.push(OFF_TOPIC_ANSWER);
  else if (d.main.offTopicP >= 0.5) lines.push(`This may not be a message-delivery problem (${Math.round(d.main.offTopicP * 100)}%); if it is one, the closest match follows.`);
  else if (!top || top.confidence < 0.1) lines.push(lines.length ? 'No failure scenario fits what was found.' : 'No failure scenario matches yet.');
  else if (top.confidence >= CONCLUSIVE_AT) lines.push(`Most likely: ${title} (${pct}% confidence).`);
  else if (d.mainMessage?.verdict && ['not_a_failure', 'in_progress'].includes(d.mainMessage.verdict.kind) && !d.mainMessage.verdict.evidenced)
    lines.push(`Nothing failed on this message; if the question is about something else, the closest topic is: ${title} (${pct}%).`);
  else lines.push(`${d.basis === 'unlooked' ? 'From the text alone (not from the message)' : 'Not conclusive yet'}; closest match: ${title} (${pct}% confidence).`);
  return lines.join('\n');
}

export function isConclusive(d: Decision): boolean {
  const top = d.main.scenarios[0];
  return !d.main.offTopic && !!top && top.confidence >= CONCLUSIVE_AT;
}

