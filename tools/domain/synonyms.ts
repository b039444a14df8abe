/**
 * The domain's vocabulary: slang, typos and alternative names mapped to the words the
 * knowledge base uses. Applied to search queries and to triage text alike.
 */
type Rule = [RegExp, string | ((m: string, g1?: string) => string)];

const RULES: Rule[] = [
  [/\b(?:wa|wapp|whats\s?app|whatsap+|whatapp|whatsupp?|watsapp?|watsap+|wathsapp|whastapp|green (?:chat )?app|meta chat)\b/gi, 'whatsapp'],
  [/\bwaba\b/gi, 'whatsapp business account waba'],
  // Not the JSON key "text" of a payload.
  [/(?<!["'])\b(?:texts?|texting|txts?|smss|sms'?s|text messages?)\b(?!["'])/gi, 'sms'],
  [/\b401s?\b|\bunauthori[sz]ed\b|\bunauthenticated\b/gi, 'auth_002 unauthorized api key'],
  [/\bauth[ -]00([1-7])\b/gi, (_m, d) => `auth_00${d}`],
  [/\b(?:1-?800|toll[- ]?free|long[- ]?codes?|short[- ]?codes?|shortcodes?|longcodes?|caller id|from number|sender number)\b/gi, (m) => `sender number ${m}`],
  [/\b(?:otps?|one[- ]time (?:pass)?codes?|2fa|verification codes?|verif codes?)\b/gi, 'otp verification code'],
  [/\b(?:fail[- ]?over|fall[- ]?back|fallbak|failback)\b/gi, 'fallback failover'],
  [/\b(?:10 ?dlc|ten ?dlc|a2p|tcr)\b/gi, '10dlc'],
  [/\b(?:test[_ -]?mode|sand[- ]?box)\b/gi, 'sandbox'],
  [/\btemplat(?:e|es)?\b|\btemplete\b/gi, 'template'],
  [/\bapi[_ -]?keys?\b|\bx-api-key\b/gi, 'api key'],
  // A few words of the languages our users write in most, for the phrases that decide a scenario.
  [/\bno (?:me |les |nos )?(?:llegan?|reciben?)\b|\bn'arrivent? pas\b|\bne (?:sont|est) pas (?:re[çc]us?|livr[ée]s?)\b|\bn[ãa]o (?:chegam?|s[ãa]o entregues|recebem?)\b|\bkommen? nicht an\b|\bwerden nicht zugestellt\b/gi, 'not arriving'],
  [/\balfanum[ée]ric[oa]s?\b|\balphanum[ée]riques?\b|\balphanumerische[nr]?\b/gi, 'alphanumeric'],
  [/\bremitente\b|\bexp[ée]diteur\b|\bremetente\b|\babsender\b/gi, 'sender'],
  [/\bplantillas?\b|\bmod[èe]les?\b|\bvorlagen?\b/gi, 'template'],
  [/\bsoporte\b|\bsuporte\b/gi, 'support'],
];

export function expandSynonyms(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, (m, g1) => ` ${typeof to === 'string' ? to : to(m, typeof g1 === 'string' ? g1 : undefined)} `);
  return out;
}
