/**
 * Typed domain facts in a text: product terms and field names that point to one scenario
 * whatever the wording around them. One phrase per row; every row has a positive and a
 * negative example, checked in test/domain/triage/facts.test.ts. Codes and field values are
 * not here: extraction reads them exactly and the code catalog maps them.
 */
import type { ScenarioId } from '../scenarios.js';

export interface DomainFact {
  id: string;
  scenario: ScenarioId;
  re: RegExp;
  /** Shown as evidence. */
  label: string;
  example: { yes: string; no: string };
}

/** Log-odds a domain fact adds to its scenario (a term is evidence, but weaker than a code). */
export const FACT_WEIGHT = 1.5;

export const DOMAIN_FACTS: DomainFact[] = [
  { id: 'sender_profile_id', scenario: 'wrong-sender-number', re: /\bsender_profile_id\b|\bsp_[a-z0-9]{3,}/i, label: 'the text names sender_profile_id', example: { yes: 'do I need sender_profile_id?', no: 'sender name' } },
  { id: 'shared_short_code', scenario: 'wrong-sender-number', re: /\bshared short ?code\b/i, label: 'the text names a shared short code', example: { yes: 'it comes from a shared short code', no: 'short delay' } },
  { id: 'sms_only_mode', scenario: 'sms-only-mode', re: /\bsms[- ]only\b/i, label: 'the text asks about SMS-only', example: { yes: 'we want SMS-only', no: 'only one SMS' } },
  { id: 'ten_dlc', scenario: 'compliance-10dlc', re: /\b10dlc\b/i, label: 'the text names 10DLC', example: { yes: 'our 10DLC campaign', no: '10 days' } },
  { id: 'sandbox_flag', scenario: 'sandbox-mode', re: /"sandbox"\s*:\s*true|\bmsg_test_/i, label: 'a sandbox send ("sandbox": true or a msg_test_ ID)', example: { yes: '{"sandbox": true}', no: '"sandbox": false' } },
  { id: 'bearer_header', scenario: 'auth-invalid-api-key', re: /authorization:\s*bearer/i, label: 'the request authenticates with Authorization: Bearer', example: { yes: '-H "Authorization: Bearer abc"', no: 'authorization form' } },
  { id: 'verify_phone_page', scenario: 'login-otp', re: /app\.sent\.dm\/auth|verify-phone/i, label: "Sent's own sign-in or phone verification page", example: { yes: 'stuck at app.sent.dm/auth/verify-phone', no: 'verify the phone number format' } },
  { id: 'fallback_field', scenario: 'failover-not-triggering', re: /"fallback"\s*:\s*"sms"|\bchannel_attempted\b/i, label: 'the guide\'s fallback fields', example: { yes: '"fallback": "sms"', no: 'fall back to plan B' } },
];

export function factsIn(text: string): DomainFact[] {
  return DOMAIN_FACTS.filter((f) => f.re.test(text));
}
