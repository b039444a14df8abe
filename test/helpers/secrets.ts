/**
 * Every secret the test suite uses, in one place: Sent API keys (sk_live_, sk_test_, UUID keys),
 * Slack tokens and signing secrets, MCP bearer tokens, a Redis password. None of them may ever
 * appear in anything the product writes: test/setup/secrets-scan.ts fails any test file whose
 * process output or log lines contain one, and test/helpers/secrets.test.ts fails when a test
 * file uses a key-shaped literal that is not listed here (so the scan cannot fall behind).
 *
 * Add a new test secret here (and import it) rather than inlining it in a test file.
 * Placeholders (`sk_live_xxxxxxxx`, `YOUR_KEY`) are not secrets and are not listed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Sent API keys, by the test (file) that uses them. */
export const SENT_KEYS = {
  /** test/sent/helpers.ts */
  helper: 'sk_test_HelperKeyForTests0000000001',
  helperWrong: 'sk_test_WrongKeyWrongKeyWrong0001',
  /** A UUID-shaped key (the docs say keys are UUIDs): the scrubber's sk_ pattern cannot hide it. */
  helperUuid: '3f2c9a7e-1b4d-4e8f-a6c2-9d0e1f2a3b4c',
  /** SIMULATOR_DEMO_KEY (literal here so the scan's setup file imports no product code; secrets.test.ts checks they agree). */
  simulatorDemo: 'sk_test_sentDoctorSimDemoKey2026',
  simulatorWrong: 'sk_test_nope000000000000000000000',
  simulateMine: 'sk_test_MyOwnSimulatorKey000000000042',
  simulateLive: 'sk_live_ThisIsALiveKeyDoNotUse0000000042',
  breakerA: 'sk_test_wiringAAAAAAAAAAAAAAAA51c2',
  breakerB: 'sk_test_wiringBBBBBBBBBBBBBBBB51c2',
  cacheA: 'sk_test_aaaaaaaaaaaaaaaaaaaa7f3a',
  cacheB: 'sk_test_bbbbbbbbbbbbbbbbbbbb7f3a',
  cliGood: 'sk_live_CliGoodKeyCliGoodKey00001',
  cliBad: 'sk_live_CliBadKeyCliBadKeyCli0001',
  cliUuid: '9b2d6c1e-7f3a-4c5b-8d9e-0a1b2c3d4e5f',
  /** test/eval/lookup-harness.ts (the stand-in Sent API) */
  lookupStandIn: 'sk_test_lookupEvalStandIn2026',
  cliValidate: 'sk_live_ValidateCliKeyValidate0001',
  cliInnerSpace: 'sk_live_has inner space',
  cliInnerSpaceTest: 'sk_test_abc def',
  extractFake: 'sk_live_FAKE0000000000000000abcd',
  renderMarkdown: 'sk_live_Rr4Tt6Yy8Uu0Ii2Oo4Pp6Aa8',
  mcpPasted: 'sk_live_Zq8Rt5Yv1Wx3Nb7Mk2Pj9Hs4',
  slackPasted: 'sk_live_Pq7Wm3Xz9Rt2Vb6Nk4Hj8Ls1',
  slackOther: 'sk_test_Zx4Cv8Bn2Mq6Wr0Ty3Ui7Op5',
  slackBlocks: 'sk_live_Qw3Er5Ty7Ui9Op1As2Df4Gh',
  slackManifest: 'sk_test_ManifestContractKey0001',
  slackMrkdwn: 'sk_live_Mr7Kd2Wq9Zx4Lp1Vn6Bt3Hy8',
  slackSafety: 'sk_live_Sf4Gh7Jk2Lz9Xc3Vb8Nm1Qw5',
  checkGood: 'sk_live_GoodKeyGoodKeyGoodKey0001',
  checkKycPending: 'sk_live_KycPendingKycPending00001',
  checkNoChannel: 'sk_live_NoChannelNoChannel000001',
  checkRevoked: 'sk_live_RevokedRevokedRevoked0001',
  checkTest: 'sk_test_TestKeyTestKeyTestKey0001',
  propertyKey: 'sk_live_PropertyKeyPropertyKey0001',
  propertyValid: 'sk_live_ValidValidValidValid0001',
  validateFixture: 'sk_live_F1xtureKeyDoNotUse00000001',
  validateBody: 'sk_live_BodyKeyBodyKeyBodyKey0001',
  validateServer: 'sk_test_TemplateServerKey00000001',
  /** test/hardening, test/scale, test/soak */
  hardening: 'sk_test_HardeningFaultsKey000000001',
  hardeningLive: 'sk_live_AbuseCorpusKeyAbuseCorpus01',
  hardeningUuid: 'c0ffee00-5eed-4bad-9dad-0123456789ab',
} as const;

export const SLACK_SECRETS = {
  botToken: 'xoxb-0000000001-0000000002-TestBotTokenSentDoctor01',
  signingSecret: 'f3c1a9e7b5d2846a0c9e8f7d6b5a4c3e',
  appToken: 'xapp-1-A0SENTDOC1-1780000000-TestAppLevelTokenForSocketMode',
  wrongKindToken: 'xoxb-wrong-kind-of-token-000',
  /** test/scale: the two-instance and shutdown tests. */
  scaleBotToken: 'xoxb-0000000003-0000000004-ScaleBotTokenSentDoctor1',
  scaleSigningSecret: '0b7e4d2a9c6f1e8b3a5d7c9e2f4a6b8d',
} as const;

export const OTHER_SECRETS = {
  mcpToken: 'mcp-test-token-7f3c9a1e5b2d8f4a6c0e',
  guardToken: 'guard-test-token-0a9b8c7d6e5f',
  hardeningMcpToken: 'mcp-hardening-token-4e1d8c2b7a9f3e6d',
  redisPassword: 'redis-pw-Zq81xLm',
  /** Written on purpose by the scan's self-test (test/helpers/secrets.test.ts), which then clears it. */
  scanMarker: 'scan-self-test-marker-5f2e9a1c7b3d',
} as const;

/** Keys written into the labelled eval sets (knowledge/training/*.jsonl), read from the files so the list keeps up with them. */
function evalKeys(): string[] {
  const dir = join(import.meta.dirname, '..', '..', 'knowledge', 'training');
  const found = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/sk_(?:live|test)_[A-Za-z0-9_]{8,}/g)) found.add(m[0]);
  }
  return [...found];
}

/** Every secret above, longest first (so a report names the longest match). */
export const ALL_TEST_SECRETS: readonly string[] = [
  ...new Set([...Object.values(SENT_KEYS), ...Object.values(SLACK_SECRETS), ...Object.values(OTHER_SECRETS), ...evalKeys()]),
].sort((a, b) => b.length - a.length);

/** How a secret is named in a failure message: never the secret itself. */
export function nameOf(secret: string): string {
  return `${secret.slice(0, Math.min(8, Math.floor(secret.length / 3)))}…${secret.slice(-4)}`;
}

/** The secrets that occur in `text`. */
export function secretsIn(text: string, secrets: readonly string[] = ALL_TEST_SECRETS): string[] {
  return secrets.filter((s) => text.includes(s));
}

/** Throws (naming the secret by fingerprint only) when `text` contains any test secret. */
export function expectNoTestSecrets(text: string, where = 'output'): void {
  const hits = secretsIn(text);
  if (hits.length) throw new Error(`${where} contains test secret(s): ${hits.map(nameOf).join(', ')}`);
}
