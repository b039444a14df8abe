/**
 * Prompts: ready-made plans that tell the agent which tools to call, in which order.
 * What the user supplies is embedded with secrets redacted (a prompt's text goes to the model).
 */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { redactSecrets } from '../../tools/domain/redact.js';
import { isMessageId } from '../../tools/domain/message-id.js';

const ANSWER_RULES =
  'In your answer: the likely cause with its confidence, the evidence, the numbered steps and how to verify the fix. ' +
  'Mask phone numbers (calling code and last two digits). Never ask for an API key and never repeat one; refer to keys by fingerprint.';

export function registerPrompts(mcp: McpServer): void {
  mcp.registerPrompt(
    'triage_ticket',
    {
      title: 'Triage a support ticket',
      description: 'Diagnose a Sent delivery ticket (text, logs, payloads, message IDs) and draft the reply.',
      argsSchema: { ticket: z.string().min(1).max(100_000).describe('The ticket text as written') },
    },
    ({ ticket }) =>
      userMessage(
        'Triage this support ticket about the Sent messaging platform with the sent-doctor tools.',
        [
          'Call `diagnose` with the ticket text below as `text`, unchanged. It finds the message IDs, error codes, payloads, keys and countries, and runs the lookups, payload checks and coverage checks itself.',
          'Read `lookups` in the result. If a lookup was skipped (no API key configured) or failed, say that the message status was not checked; do not say whether any message was delivered.',
          'If you need more than the steps in the result, read the top scenario at `sent-doctor://scenarios/<id>`; for a destination country, `sent-doctor://coverage/<ISO code>`.',
          'If the result is not conclusive, ask the ticket author the `question` from the result, and offer the escalation `bundle` (it is already redacted).',
          `Draft the reply. ${ANSWER_RULES}`,
        ],
        'ticket',
        ticket,
      ),
  );

  mcp.registerPrompt(
    'debug_message',
    {
      title: 'Debug one message',
      description: 'Find out what happened to one Sent message (UUID or msg_… ID) and why.',
      argsSchema: { message_id: z.string().min(1).max(200).describe('The message ID: a UUID or msg_…') },
    },
    ({ message_id }) => {
      const id = message_id.trim();
      const note = isMessageId(id) ? '' : ' (This does not look like a Sent message ID; `lookup_message` will say what a valid ID looks like.)';
      return userMessage(
        `Find out what happened to the Sent message ${id}.${note}`,
        [
          `Call \`lookup_message\` with \`message_id\` = "${id}". If it fails because no API key is configured or Sent cannot be reached, say so and stop: do not guess the status. If it returns found=false, go through its \`next_steps\` with the user.`,
          'Call `diagnose` with a text that names the message ID and quotes the status, channel, channel_attempted, fallback_reason and error codes from the lookup. It ranks the failure scenarios against that evidence.',
          'If the recipient is outside the US (see `region_code`) or the findings mention country filtering, call `get_coverage` with that country.',
          'If a finding names a scenario, read it at `sent-doctor://scenarios/<id>` for the full steps.',
          `Explain the timeline (oldest first) and what to do next. ${ANSWER_RULES}`,
        ],
      );
    },
  );

  mcp.registerPrompt(
    'check_integration',
    {
      title: 'Check an integration',
      description: 'Check a send request (JSON body or curl command) before or after it fails: payload, sender, country, key.',
      argsSchema: { payload: z.string().min(1).max(100_000).describe('The request body (JSON) or the curl command') },
    },
    ({ payload }) =>
      userMessage(
        'Check this Sent integration with the sent-doctor tools.',
        [
          'Call `validate_payload` with the payload below. Go through every finding, errors first, and show the corrected payload it returns.',
          'If the recipient number or a finding points to a country, call `get_coverage` for it and check that the sender type (alphanumeric, long code, short code) fits that country.',
          'Call `check_api_key` to check the API key sent-doctor is configured with (format, and who it belongs to). Never ask the user to paste a key; if the payload contained one, it was redacted below — tell them to rotate it.',
          'For each error code or finding you do not understand, call `search_knowledge` and read the scenario it points to.',
          `Summarise what to change, in order. ${ANSWER_RULES}`,
        ],
        'payload',
        payload,
      ),
  );
}

function userMessage(intro: string, steps: string[], tag?: string, material?: string): GetPromptResult {
  let text = `${intro}\n\nSteps:\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`;
  if (tag && material !== undefined) {
    const clean = redactSecrets(material);
    const redacted = clean !== material ? `\n\n(Key-like strings in the ${tag} were replaced by their fingerprints before it reached you.)` : '';
    text += `${redacted}\n\n<${tag}>\n${clean.replaceAll(`</${tag}>`, `<\\/${tag}>`)}\n</${tag}>`;
  }
  return { messages: [{ role: 'user', content: { type: 'text', text } }] };
}
