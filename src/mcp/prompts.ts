/**
 * Prompts: ready-made plans that tell the agent which tools to call, in which order.
 * What the user supplies is embedded with secrets redacted (a prompt's text goes to the model).
 */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { redactName, redactSecrets } from '../../tools/domain/redact.js';
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
          'If the result says a message was not looked up (no API key configured, Sent unreachable), say that its status was not checked; do not say whether it was delivered.',
          'If you need more than the steps in the result, read the top scenario at `sent-doctor://scenarios/<id>`; for a destination country, `sent-doctor://coverage/<ISO code>`.',
          'If the result is not conclusive, ask the ticket author the question from the result; for the escalation bundle (already redacted) call `diagnose` again with `detail: "full"`.',
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
      const raw = message_id.trim();
      // A key pasted as the ID is shown by its fingerprint (a UUID stays: message IDs are UUIDs too).
      const id = isMessageId(raw) ? raw : redactName(raw);
      const note = isMessageId(raw) ? '' : ' (This does not look like a Sent message ID: a UUID or msg_…. Ask the user for the ID before going further.)';
      // One call: diagnose looks the message up itself, lets the record decide and adds the country rules it needs.
      return userMessage(
        `Find out what happened to the Sent message ${id}.${note}`,
        [
          `Call \`diagnose\` once, with \`text\` = "What happened to the Sent message ${id}?". It looks the message up with the configured key, and the record decides its verdict; the result gives the cause, the steps and how to verify.`,
          'If the result says the message was not looked up (no API key configured, Sent unreachable) or was not found, say so and stop there: do not guess its status.',
          'Only if you need more than the steps in the result, read the top scenario at `sent-doctor://scenarios/<id>` or call `diagnose` again with `detail: "full"` (timeline, evidence, lookups).',
          `Explain what happened to the message and what to do next. ${ANSWER_RULES}`,
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
