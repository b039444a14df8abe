/**
 * Block Kit rendering for every Slack surface (pure). Renderers build a Draft; `finalise` makes
 * it safe for its audience (secrets, phone numbers, mentions) and fits it within Slack's limits.
 */
import { cleanBlocks, cleanText, type Audience } from './safety/outgoing.js';
import { packMessages, type SlackMessage } from './blocks/fit.js';
import type { Draft } from './blocks/replies.js';

export { diagnosisDraft, renderDiagnosisBlocks, detailsBlocks, keyWarning, verdictText, answerButtons, envName, foundText, BUDGET, BLOCK_ID, type AnswerOptions, type EntryInfo } from './blocks/diagnosis.js';
export { followUpDraft, detailsView, entryView, withStatusLine, type Snapshot, type SnapshotItem } from './blocks/follow-up.js';
export { statusDraft, validateDraft, coverageDraft, helpDraft, withShare, textDraft, usageDraft, type Draft } from './blocks/replies.js';
export { keyModal, keyCheckingView, keyResultView, keyErrorView, escalateModal, homeView, type HomeStatus } from './blocks/views.js';
export { packMessages, splitMrkdwn, splitLongSections, blockChars, type SlackMessage } from './blocks/fit.js';
export { LIMITS, type Block } from './blocks/kit.js';

const DEFAULT_POINTER = '`sent-doctor diagnose` in a terminal prints the whole answer.';


/** Clean for the audience, then fit: cleaning can change lengths, so it comes first. */
export function finalise(d: Draft, audience: Audience, maxMessages = 3): SlackMessage[] {
  // A private audience gets the private form of the reply when there is one (numbers as given).
  const blocks = audience.isDm && d.privateBlocks ? d.privateBlocks : d.blocks;
  return packMessages(cleanBlocks(blocks, audience), {
    fallback: cleanText(d.fallback, 'mrkdwn', audience),
    pointer: d.pointer ?? DEFAULT_POINTER,
    maxMessages,
  });
}
