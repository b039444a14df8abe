/** Buttons on answers carry the answer's ID; this finds the record or tells the user it expired. */
import type { SlackDeps } from '../../deps.js';
import type { AnswerRecord } from '../../state/answers.js';
import { InputError } from '../../../../tools/errors.js';

export async function answerFor(deps: SlackDeps, value: string | undefined): Promise<AnswerRecord> {
  const a = value ? await deps.answers.get(value) : undefined;
  if (!a) throw new InputError('This answer is too old for its buttons to work (answers are kept for 30 days).', { hint: 'Ask again, and use the buttons on the new answer.' });
  return a;
}
