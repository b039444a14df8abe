/**
 * The domain's vocabulary: slang, typos and alternative names mapped to the words the
 * knowledge base uses. Applied to search queries and to triage text alike.
 */
type Rule = [RegExp, string | ((m: string, g1?: string) => string)];

const RULES: Rule[] = [
  [/\b(?:wa|wapp|whats\s?app|whatsap+|whatapp|whatsupp?|watsapp?|watsap+|wathsapp|whastapp|green (?:chat )?app|meta chat)\b/gi, 'whatsapp'],
  [/\bwaba\b/gi, 'whatsapp business account waba'],
  [/\b(?:texts?|texting|txts?|smss|sms'?s|text messages?)\b/gi, 'sms'],
  [/\b401\b|\bunauthori[sz]ed\b|\bunauthenticated\b/gi, 'auth_002 unauthorized api key'],
  [/\bauth[ -]00([1-7])\b/gi, (_m, d) => `auth_00${d}`],
  [/\b(?:1-?800|toll[- ]?free|long[- ]?codes?|short[- ]?codes?|shortcodes?|longcodes?|caller id|from number|sender number)\b/gi, (m) => `sender number ${m}`],
  [/\b(?:otps?|one[- ]time (?:pass)?codes?|2fa|verification codes?|verif codes?)\b/gi, 'otp verification code'],
  [/\b(?:fail[- ]?over|fall[- ]?back|fallbak|failback)\b/gi, 'fallback failover'],
  [/\b(?:10 ?dlc|ten ?dlc|a2p|tcr)\b/gi, '10dlc'],
  [/\b(?:test[_ -]?mode|sand[- ]?box)\b/gi, 'sandbox'],
  [/\btemplat(?:e|es)?\b|\btemplete\b/gi, 'template'],
  [/\bapi[_ -]?keys?\b|\bx-api-key\b/gi, 'api key'],
];

export function expandSynonyms(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, (m, g1) => ` ${typeof to === 'string' ? to : to(m, typeof g1 === 'string' ? g1 : undefined)} `);
  return out;
}
