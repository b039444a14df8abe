/** What the server tells an agent at initialize: how to use the tools, and the three rules. */
export const INSTRUCTIONS = `sent-doctor diagnoses delivery problems on the Sent messaging platform (SMS and WhatsApp through one API, api.sent.dm v3).

How to work:
- For any free-text problem (a question, a support ticket, a log, a pasted payload or curl command, message IDs) call \`diagnose\` first with the text as written. It extracts the evidence, runs the other tools itself and returns ranked scenarios with confidence, evidence, numbered steps and how to verify the fix.
- Use the single tools for follow-ups: \`lookup_message\` (one message ID), \`validate_payload\` (a request body or curl command), \`check_api_key\`, \`get_coverage\` (a destination country), \`search_knowledge\`.
- Read a scenario in full at sent-doctor://scenarios/{id} and a country's SMS rules at sent-doctor://coverage/{ISO code}.
- When \`diagnose\` is not conclusive, ask the user its question; \`detail: "full"\` gives the escalation bundle for Sent support.
- Tool results that say a lookup was skipped or failed (no API key configured, Sent unreachable) mean the answer rests on the text alone: say so.

Rules:
1. Look a message up (\`lookup_message\`, or \`diagnose\` with its ID) before you say anything about whether it was sent, delivered or failed. Never claim delivery from what the user describes or from an "accepted" send response alone.
2. Never ask a user to paste an API key into the chat. Keys are configured where sent-doctor runs (SENT_DM_API_KEY), or checked locally with \`sent-doctor check-key\`. Refer to a key only by its fingerprint (sk_live_…9f3a). If a user pastes a key anyway, do not repeat it, and tell them to rotate it in Dashboard → API Keys.
3. Mask phone numbers in everything you write: the calling code and the last two digits only (+213 •••••••42).`;
