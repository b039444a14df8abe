/**
 * The one list of scenario ids. The knowledge entries (knowledge/scenarios/<id>.md), the code
 * catalog (knowledge/codes.yml), the verdict table and the text model's labels all use these;
 * test/tools/scenarios-contract.test.ts checks that they agree.
 */
export const SCENARIO_IDS = [
  'whatsapp-api-payload',
  'whatsapp-131049',
  'sms-country-delivery',
  'wrong-sender-number',
  'sms-only-mode',
  'failover-not-triggering',
  'auth-invalid-api-key',
  'sandbox-mode',
  'escalate-to-support',
  'whatsapp-template-issues',
  'sender-id-issues',
  'compliance-10dlc',
  'login-otp',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** The text model's label for questions that are not about a delivery problem. */
export const OFF_TOPIC = 'off-topic';

/**
 * The label of labelled questions too vague to point to any scenario ("hello, it does not work"). It
 * is never a label of the model: training pulls such questions towards equal probabilities over the
 * scenarios (train.ts), and the evaluation counts them right when diagnose is not conclusive.
 */
export const UNCLEAR = 'unclear';

export function isScenarioId(s: string): s is ScenarioId {
  return (SCENARIO_IDS as readonly string[]).includes(s);
}
