/**
 * Steps 2 and 3 of diagnose: decide and rank. Each message with a record gets its own ranking,
 * bounded by its verdict; the text's exact evidence adds votes; the text model ranks what is
 * left open. The answer's main ranking is that of the first message named (or of the text alone
 * when no message could be read).
 */
import type { KnowledgeBase } from '../context.js';
import { rankScenarios, type Basis, type Ranking } from '../domain/triage/rank.js';
import { collectVotes } from '../domain/triage/votes.js';
import type { Vote } from '../domain/triage/rank.js';
import type { Prediction } from '../domain/triage/model.js';
import type { Gathered, MessageEvidence } from './gather.js';

export interface Decision {
  /** The text model's labels for the text, highest first (computed once, shared by every ranking). */
  predictions: Prediction[];
  votes: Vote[];
  /** One ranking per message that has a verdict, in the order the messages were named. */
  perMessage: Array<{ message: MessageEvidence; ranking: Ranking }>;
  /** The answer's ranking. */
  main: Ranking;
  /** Which message the main ranking is about, if any. */
  mainMessage?: MessageEvidence;
  basis: Basis['kind'];
}

export function decide(g: Gathered, kb: KnowledgeBase, answered = false): Decision {
  const model = kb.model();
  const lookedUpCodes = new Set(g.messages.flatMap((m) => (m.verdict ? (m.error_codes ?? []) : [])));
  const votes = collectVotes(kb, {
    // Codes that only repeat what a looked-up record says are the record's evidence, not the text's.
    codes: g.entities.errorCodes.filter((c) => !lookedUpCodes.has(c)),
    fields: g.entities.fields,
    findings: g.findings,
    text: g.normalised,
  });
  const predictions = model.predict(g.normalised);
  const readable = (m: MessageEvidence) => !!m.verdict && m.verdict.kind !== 'not_found';
  const perMessage = g.messages
    .filter((m) => m.verdict)
    .map((message) => ({
      message,
      ranking: rankScenarios(predictions, votes, readable(message) ? { kind: 'record', verdict: message.verdict! } : { kind: 'unlooked' }),
    }));
  const main = perMessage.find((p) => readable(p.message));
  if (main) return { predictions, votes, perMessage, main: main.ranking, mainMessage: main.message, basis: 'record' };
  // Named but not read: the wording may suggest a topic, never the message's fate.
  const basis: Basis = g.messages.length ? { kind: 'unlooked' } : answered ? { kind: 'answered' } : { kind: 'text' };
  return { predictions, votes, perMessage, main: rankScenarios(predictions, votes, basis), mainMessage: g.messages[0], basis: basis.kind };
}
