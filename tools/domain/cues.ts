/**
 * What the words of a question say, scenario by scenario. Each cue is a pattern over the
 * normalised, synonym-expanded text with a weight and a readable label (shown as evidence).
 * Tool findings and exact codes outweigh these; plain retrieval weighs less.
 */
import type { Entities } from './extract.js';
import { expandSynonyms } from './synonyms.js';

export interface CueInput {
  /** Lower-case, synonym-expanded text, with what the writer says they ruled out removed. */
  t: string;
  /** The same text with nothing removed (for cues about having ruled things out). */
  full?: string;
  /** A country other than the US is named (US problems are mostly 10DLC, not country filtering). */
  hasCountry: boolean;
  /** The US is named. */
  hasUS?: boolean;
  /** The text as written, lower-cased (no expansion, nothing removed; for counting). */
  raw?: string;
  /** SMS is mentioned at least as often as WhatsApp. */
  smsFocus?: boolean;
  /** How many usual causes the writer has ruled out. */
  ruledOut?: number;
  hasPayload: boolean;
}

/**
 * "not sandbox", "template (approved)", "key is fine", "ruled out auth and sender": things the
 * writer has already excluded should not vote for the scenarios they name.
 */
const RULED_OUT: RegExp[] = [
  /\b(?:not|no|isn'?t|aren'?t|never|without)\s+(?:in\s+|using\s+|on\s+|the\s+|a\s+)?(?:sandbox|test mode|filtering|bearer|fallback failover)\b/g,
  /\b(?:template|api key|key|sender profile|sender|channel|auth\w*|number|payload|recipient country|country)\s*(?:\(|is |are |was |looks |seems |:)?\s*(?:fine|ok|okay|valid|approved|set|correct|good|lowercase|an object(?: with id)?|works?|working|checked)\b\)?/g,
  /\bruled out\b[^.!?\n]{0,80}/g,
  /\b(?:nothing|it)(?:'s| is)? (?:not )?(?:stuck on|specific to|limited to|tied to) (?:a |one )?(?:specific |particular |single )?countr\w*[^.!?\n]{0,40}/g,
  /\bnot (?:country|carrier)[- ]specific\b/g,
  /\b(?:we(?:'re| are)|it'?s|is) not (?:in|using) sandbox\b/g,
];

/** How many things the writer says they have already ruled out. */
export function ruledOutCount(t: string): number {
  return RULED_OUT.reduce((n, r) => n + (t.match(r)?.length ?? 0), 0);
}

export function withoutRuledOut(t: string): string {
  let out = t;
  for (const r of RULED_OUT) out = out.replace(r, ' ');
  return out;
}

export interface Cue {
  scenario: string;
  weight: number;
  label: string;
  test: (c: CueInput) => boolean;
}

const re = (r: RegExp) => (c: CueInput) => r.test(c.t);
/** Tested on the text with nothing removed. */
const reFull = (r: RegExp) => (c: CueInput) => r.test(c.full ?? c.t);
const all =
  (...tests: Array<RegExp | ((c: CueInput) => boolean)>) =>
  (c: CueInput) =>
    tests.every((x) => (x instanceof RegExp ? x.test(c.t) : x(c)));
const not = (r: RegExp) => (c: CueInput) => !r.test(c.t);

const FAILING =
  /\b(?:not (?:be(?:ing)? )?(?:deliver|arriv|receiv|get|reach|show|going through|working)\w*|never (?:arriv|deliver|receiv|reach|get|show)\w*|undeliver\w*|dropp\w*|filter\w*|block\w*|lost|vanish\w*|disappear\w*|missing|(?:don'?t|doesn'?t|didn'?t|do not|does not|did not|cannot|can'?t|won'?t|isn'?t|aren'?t) (?:get|receiv|arriv|reach|go|work|come|deliver)\w*|no (?:delivery|receipt)|stuck|fail\w*|bounc\w*|rejected|nothing (?:arrives?|arrived|comes?|came|shows? up)|(?:got|gets?|getting|received?|receiving|sees?|saw) nothing|zero deliver\w*|no deliveries|never moved|none (?:ever )?(?:moved|reached|arrived|delivered)|no deliver\b|0 delivered|stopped (?:getting|receiving|arriving|working)|nobody\b.{0,40}\b(?:getting|receiving|gets|receives)|(?:don'?t|doesn'?t|do not|does not|won'?t|can'?t) (?:seem to )?(?:get|go|come) through|no one (?:is )?(?:getting|receiving|gets)|silent\w*)/;
const WA = /\bwhatsapp\b/;
const SMS = /\bsms\b/;
const TEMPLATE = /\btemplate\b/;
const VIA_CODE = /\b(?:api|backend|back-end|code|sdk|integration|server|programmatic\w*|curl|postman|script|our app|node|python|php|java|ruby|golang|endpoint|request|http|rest|software|system|plugin|erp|crm|shop|webhook|client)\b|->|\.send_?\(/;
const DASHBOARD = /\b(?:dashboard|console|web ?ui|portal|ui|manually|by hand|from the (?:site|website|web)|on the (?:site|website)|press(?:ed)? send|typed in|the web app)\b/;
const FALLBACK = /\bfallback failover\b/;
const CUSTOMERS = /\b(?:customers?|users?|recipients?|clients?|subscribers?|patients?|buyers?|members?|contacts?|end[- ]users?)\b/;

export const CUES: Cue[] = [
  // whatsapp-api-payload
  { scenario: 'whatsapp-api-payload', weight: 4, label: 'WhatsApp works from the dashboard but not through the API', test: all(/\b(?:whatsapp|template)\b/, DASHBOARD, VIA_CODE) },
  { scenario: 'whatsapp-api-payload', weight: 4, label: 'the template is passed as a flat string, not an object', test: re(/\btemplate\b.{0,50}\b(?:flat|plain|bare|as a|just a|simple) ?string|template object|"template"\s*:\s*"|template (?:field|param\w*) (?:as|is) (?:a )?(?:string|text)/) },
  { scenario: 'whatsapp-api-payload', weight: 4, label: 'the recipient does not have WhatsApp', test: all(re(/\b(?:not (?:on|registered (?:on|with|in|for)|using|a) whatsapp|(?:no|without|doesn'?t have|don'?t have|does not have|do not have|hasn'?t got|lacks?) whatsapp|not a whatsapp (?:user|number)|\b(?:isn'?t|aren'?t|wasn'?t|is not|are not) (?:a )?whatsapp[- ](?:capable|enabled|users?)|isn'?t on whatsapp|aren'?t on whatsapp|not whatsapp[- ](?:capable|enabled|users?)|no whatsapp account|never installed whatsapp)/), not(FALLBACK)) },
  { scenario: 'whatsapp-api-payload', weight: 4, label: 'template variables do not match what the template expects', test: all(TEMPLATE, /\b(?:param\w*|variables?|placeholders?|vars?|values?|fields?|\{\{\s*\d\s*\}\})\b.{0,60}\b(?:mismatch\w*|missing|count|expects?|expected|wrong|number of|too (?:few|many)|supplied|only \d|\d+ (?:but|instead)|don'?t match|doesn'?t match|type|format|currency|date)|(?:mismatch\w*|missing|wrong|extra|fewer|more|two|three|\d) (?:template )?(?:param\w*|variables?|placeholders?)/) },
  { scenario: 'whatsapp-api-payload', weight: 3, label: 'the channel value is not the lowercase "whatsapp"', test: re(/\bchannel\b.{0,30}\b(?:upper ?case|capital\w*|case[- ]sensitive|lower ?case|spelling)|channel (?:value|name|field)|\bchannel\b.{0,30}\b(?:not (?:recogni[sz]ed|valid|accepted|supported|allowed)|invalid|unknown|rejected)|\b(?:invalid|unknown|unrecogni[sz]ed) channel/) },
  { scenario: 'whatsapp-api-payload', weight: 3, label: 'template placeholders and parameters differ', test: all(/\{\{\s*\w+\s*\}\}/, /\b(?:param\w*|variables?|vars?)\b/) },
  { scenario: 'whatsapp-api-payload', weight: 3, label: 'the API accepted the WhatsApp send (2xx) but it failed later', test: all(WA, /\b(?:20[02]|2xx|accepted|success(?:ful)?(?: response)?|returns? (?:ok|success)|ok response|queued)\b/, FAILING, not(FALLBACK)) },
  { scenario: 'whatsapp-api-payload', weight: 2, label: 'a WhatsApp send from code fails', test: all(WA, VIA_CODE, FAILING, not(FALLBACK), not(/\b(?:131049|ecosystem|24|window|throttl\w*|spam)\b/)) },
  { scenario: 'whatsapp-api-payload', weight: 1.5, label: 'WhatsApp messages fail (the most commonly reported issue)', test: all(WA, FAILING, not(FALLBACK), not(/\bprimary\b|\bnever (?:messaged|written|replied|contacted)\b/), not(/\b(?:131049|ecosystem|24|window|throttl\w*|spam|template (?:is |was )?(?:rejected|pending|paused))\b/)) },
  { scenario: 'whatsapp-api-payload', weight: 3, label: 'a pasted WhatsApp send payload', test: (c) => c.hasPayload && WA.test(c.t) && !FALLBACK.test(c.t) },

  // whatsapp-131049
  { scenario: 'whatsapp-131049', weight: 8, label: 'Meta error 131049 / ERR_ECOSYSTEM_ENGAGEMENT', test: re(/\b131049\b|ecosystem[_ -]?engagement|healthy ecosystem|err_ecosystem/) },
  { scenario: 'whatsapp-131049', weight: 3, label: 'frequent WhatsApp messages to the same people', test: all(WA, /\bevery (?:morning|evening|day|hour|night)\b|\btwice a day\b|\b(?:multiple|several|many) times a day\b|\bpunish\w*|\bpenali[sz]\w*|\bbanned?\b|\bshadow ?ban/) },
  { scenario: 'whatsapp-131049', weight: 4, label: 'the 24-hour customer-service window', test: all(/\b(?:whatsapp|meta|session|conversation|chat\w*|lead|customer)\b/, re(/\bfree[- ]?text follow|\b24[- ]?(?:h|hrs?|hours?)\b|\b(?:twenty[- ]four|one day|a day)\b.{0,30}\b(?:window|session|rule|repl\w*|last message)|(?:conversation|customer[- ]service|service|session|messaging) window|outside (?:the |of the |of )?window|session messages?|free[- ]?form|freeform|non-template|\btyped (?:reply|text|message|answer)s?\b|\bplain typed\b|\b(?:a week|\d+ days|two days|three days|several days|a few days|days) after (?:they|the customer|the lead|he|she|the user) (?:last )?(?:wrote|replied|messaged|answered)|\blast (?:reply|message) (?:to (?:them|us) )?(?:came|was) (?:\w+ ){0,2}(?:days|a week) ago|\bwho (?:chatted|wrote|replied|messaged) (?:with |to )?us (?:recently|today|this morning|in the last)|\b(?:wrote|messaged|replied|contacted|texted) (?:to )?us (?:last week|last month|a week ago|\d+ days ago|(?:two|three|four|five|several|a few) days ago|days ago)/)) },
  { scenario: 'whatsapp-131049', weight: 4, label: 'Meta throttling or anti-spam limits', test: all(/\b(?:whatsapp|meta|facebook)\b/, /\b(?:throttl\w*|spam\w*|anti-?spam|engagement|low (?:read|reply|response|open)|(?:read|reply|response) rates?|too many (?:messages|sends)|same (?:number|recipient|person|customer)|frequency|rate[- ]limited by meta|limiting)\b/) },
  { scenario: 'whatsapp-131049', weight: 4, label: 'recipients have not written recently', test: all(WA, re(/\bnever (?:messaged|written|replied|contacted|texted|wrote)\b|\bhaven'?t (?:written|messaged|replied|contacted|answered)|\bhasn'?t (?:written|messaged|replied)|\b(?:not|no) (?:replied|written|responded) (?:in|for)\b|\bno (?:recent )?(?:reply|replies|response|messages? from (?:them|the customer))|\blast (?:reply|message|contact) (?:was )?(?:more than|over|\d+|two|three)|\bafter (?:a day|\d+ (?:hours|days)|two days|a few days)|\b(?:\d+|two|three|four|few|several) days after (?:the|their) last (?:reply|message)|\bdays after the last reply|\b(?:inactive|cold|dormant) (?:customers|users|contacts)/)) },
  { scenario: 'whatsapp-131049', weight: 4, label: 'free-form WhatsApp text without a template', test: all(WA, re(/\bno template\b|\bwithout (?:a |any )?template|\bnot (?:using )?(?:a )?template|\bfree[- ]?text|\bplain text\b|\bnormal text\b|\bregular (?:text )?messages?|\b"text"\s*:|\btext:\s*["']|["']text["']\s*=>/)) },
  { scenario: 'whatsapp-131049', weight: 5, label: 'the template was reclassified by Meta', test: re(/\bfrom utility to marketing\b|\bre-?classif\w*|re-?categori\w*|(?:changed|moved|switched|turned|became|become|came back)\b.{0,20}\b(?:category|(?:to |as )?marketing)/) },
  { scenario: 'whatsapp-131049', weight: 4, label: 'an approved Utility template now counted as Marketing', test: re(/\b(?:approved|submitted|created|registered|was) as utility\b.{0,100}\bmarketing\b|\butility\b.{0,60}\b(?:now|today|suddenly|lists? it as|shows? (?:it )?as)\b.{0,30}\bmarketing\b/) },
  { scenario: 'whatsapp-131049', weight: 3, label: 'engagement with the messages dropped', test: all(WA, /\b(?:read|reply|response|open|engagement) rates?\b|\bnobody (?:reads|replies)|\bno one (?:reads|replies)|\bsame (?:list|audience|contacts)\b|\b(?:times|blasts?) a (?:week|day)\b|\bblasts?\b/) },
  { scenario: 'whatsapp-131049', weight: 2, label: 'Meta blocks or rejects the messages', test: re(/\bmeta\b.{0,30}\b(?:block\w*|reject\w*|refus\w*|restrict\w*|error)/) },

  // sms-country-delivery
  { scenario: 'sms-country-delivery', weight: 4, label: 'SMS fail in a named country', test: (c) => c.hasCountry && (c.ruledOut ?? 0) < 3 && FAILING.test(c.t) && (!WA.test(c.t) || (SMS.test(c.t) && c.smsFocus !== false)) && !/\b10dlc\b|\b401s?\b|\bauth_00\d\b|\botp verification code\b.{0,60}\b(?:sign|log ?in|account)/.test(c.t) },
  { scenario: 'sms-country-delivery', weight: 3, label: 'message content filtered in a country', test: (c) => c.hasCountry && FAILING.test(c.t) && c.smsFocus !== false && /\b(?:content|copy|wording|message text|url|urls|links?|bit\.ly|shortener|promo\w*|marketing|keywords?|win|free|offer|caps)\b/.test(c.t) },
  { scenario: 'sms-country-delivery', weight: 4, label: 'registration of sender or content for a destination', test: (c) => (c.hasCountry || /\b(?:gulf|middle east|africa|mena|asia|europe|latam)\b/.test(c.t)) && /\b(?:pre-?regist\w*|regist\w*)\b.{0,60}\b(?:sender|content|wording|template|message|name|sms|sending)/.test(c.t) && !/\b10dlc\b/.test(c.t) },
  { scenario: 'sms-country-delivery', weight: 4, label: 'carrier-level filtering', test: re(/\b(?:carrier|operator|network)s?(?:[- ]level)? (?:filter\w*|block\w*|drop\w*)|silently (?:dropp\w*|filter\w*|discard\w*|lost|blocked)|(?:dropp\w*|filter\w*) (?:silently|by (?:the )?(?:carrier|operator)s?)/) },
  { scenario: 'sms-country-delivery', weight: 4, label: 'delivery fails only in some countries', test: all(re(/\b(?:specific|certain|some|other|particular|few|several|one) countr\w*|\binternational\w*|\babroad\b|\boverseas\b|\b(?:africa|middle east|mena|the gulf|gulf states|north africa|west africa|east africa|maghreb|latam|asia)\b|\bcountry[- ]specific|\bby country\b|\bper country\b|\bcertain (?:regions|markets)/), FAILING) },
  { scenario: 'sms-country-delivery', weight: 3, label: 'alphanumeric sender ID in a country', test: (c) => c.hasCountry && FAILING.test(c.t) && /\balpha-?numeric|\bsender (?:id|name)\b|brand name as sender/.test(c.t) },
  { scenario: 'sms-country-delivery', weight: 4, label: 'the sender name is replaced by a number', test: re(/\b(?:sender (?:name|id)|alpha-?numeric(?: sender)?|brand name|company name)\b.{0,60}\b(?:replaced|changed|converted|rewritten|swapped|overwritten|show\w* (?:up )?as|appear\w* as|becomes?|turns? into|displayed as)\b.{0,30}\b(?:numbers?|numeric|digits|short ?code)/) },
  { scenario: 'sms-country-delivery', weight: 4, label: 'the sender name is shown as a local number in some countries', test: re(/\b(?:random|local|different|generic)\b.{0,20}\bnumber\b.{0,30}\b(?:as (?:the )?sender|instead of (?:our|the) (?:name|brand|sender))|\binstead of our (?:name|brand)\b|\bsome countries\b.{0,80}\b(?:random|local) (?:local )?number/) },
  { scenario: 'sms-country-delivery', weight: 3, label: 'status stays SENT with no delivery receipt', test: re(/stuck (?:at|in|on) (?:"?sent"?)|\bshows? "?sent"?\b.{0,60}\b(?:never|none|not|no)\b|(?:status|it) (?:stays?|remains?|is stuck|shows?) (?:at |as )?"?sent"?\b|sent but (?:never |not )?delivered|never (?:reaches|gets to|goes to|moves to) delivered|no (?:delivery )?(?:report|receipt|dlr)|\bdlrs?\b/) },
  { scenario: 'sms-country-delivery', weight: 3, label: 'delivery rate dropped', test: re(/delivery rates? .{0,30}(?:drop\w*|fell|fall\w*|low|down|plummet\w*)|(?:drop|fall|decline)\w* (?:in|of) delivery/) },
  { scenario: 'sms-country-delivery', weight: 2, label: 'SMS not arriving', test: all(SMS, FAILING, CUSTOMERS, not(/\b(?:sign|log ?in|login|register)\w*/)) },

  // wrong-sender-number
  { scenario: 'wrong-sender-number', weight: 3, label: 'a short code is used', test: all(/\bshort ?codes?\b|\b(?:5|6|five|six)[- ]digit (?:number|sender)s?\b/, not(/\b(?:get|buy|rent|order|provision|apply for|need|want) (?:a |an )?(?:dedicated )?short ?code/)) },
  { scenario: 'wrong-sender-number', weight: 2, label: 'a sender number is named', test: re(/\b(?:toll[- ]?free|1-?800|long ?codes?|dedicated (?:phone )?(?:number|line)|own (?:phone )?number)\b/) },
  { scenario: 'wrong-sender-number', weight: 4, label: 'the configured number is not the one used', test: all(/\b(?:instead of|rather than|not from)\b.{0,12}\b(?:our|my|the (?:configured|dedicated|registered))\b.{0,30}\b(?:toll[- ]?free|1-?800|long ?code|number|sender)|\b(?:expected|supposed to (?:come|be)|should (?:come|be sent) from)\b.{0,40}\b(?:toll[- ]?free|1-?800|long ?code|number|sender|\+\d)|\b(?:random numbers?|different (?:phone )?numbers?|wrong (?:phone )?(?:number|sender)|unknown numbers?|generic numbers?|shared numbers?|another number)\b/, not(/\b(?:sender (?:name|id)|alpha-?numeric|brand name|company name|our name)\b/)) },
  { scenario: 'wrong-sender-number', weight: 4, label: 'the records show a short-code sender', test: re(/\bfrom\b["'\]=:\s]{1,6}\d{5,6}\b/) },
  { scenario: 'wrong-sender-number', weight: 4, label: 'sender profile or sender_profile_id', test: re(/\bsender[_ ]profile(?:[_ ]id)?\b|\bsp_[a-z0-9]+/) },
  { scenario: 'wrong-sender-number', weight: 4, label: 'messages come from the wrong number', test: re(/\b(?:come|comes|coming|came|sent|going|goes|arriv\w*|show\w*|display\w*|appear\w*) (?:out )?(?:from|as) (?:a |an |the |some )?(?:different|wrong|random|shared|unknown|strange|weird|generic|other)|\bfrom (?:a |an )?(?:different|wrong|random|shared|unknown|strange) (?:number|sender)|caller id/) },
  { scenario: 'wrong-sender-number', weight: 4, label: 'default sender settings', test: re(/messaging defaults|default (?:sender|profile|number)|every request|each request/) },

  // sms-only-mode
  { scenario: 'sms-only-mode', weight: 5, label: 'wants SMS only', test: re(/\bsms[- ]only (?:mode|account|setting|routing)\b|\bsms[- ]only,? (?:please|pls|for (?:us|everything|all))\b|\bonly sms,? (?:please|pls)\b|\b(?:want|need|like|prefer|wish|should|must|can we|could we|how (?:do|can) (?:i|we)|is it possible to)\b.{0,25}\b(?:sms[- ]only|only (?:send |use |via |through |by |over )?(?:plain )?sms)\b|\b(?:want|need|prefer|like|force|make|keep|have|send)\w*\b.{0,30}\b(?:everything|all(?: (?:of )?(?:our |the )?(?:messages|traffic|sends|notifications))?|every message)\b.{0,25}\b(?:over|via|as|by|through|on|in|to)\s+(?:plain )?sms\b|\bsms for (?:everything|all|every)|\b(?:use|using) (?:sent|you|it) only for sms\b|\bjust (?:need|want|use) sms|\bonly (?:want|need|use)\w* (?:sent|you|it|the platform) for (?:sms|text)|\b(?:sent|you|it) only for sms\b|\bonly (?:use|using) (?:sent|you|it|the platform) (?:for|with) sms|\buse (?:sent|you|it) (?:only )?for sms\b|\bdon'?t care about (?:the )?whatsapp|\bsms exclusively|exclusively (?:via |by |through |over )?sms|\bjust sms\b|\bsms and nothing else|\bnever (?:use|send via|try) whatsapp|\bforce (?:all )?(?:messages )?(?:to )?sms/) },
  { scenario: 'sms-only-mode', weight: 4, label: 'wants to stop WhatsApp routing', test: all(re(/\b(?:disable|turn(?:ing)? off|stop|switch(?:ing)? off|avoid|prevent|don'?t want|do not want|not want|without|no longer|skip|exclude|opt out of|keep .{0,20} from using)\b.{0,40}\bwhatsapp\b/), not(/\bwhatsapp\b.{0,40}\bnot (?:attempted|tried)/)) },
  { scenario: 'sms-only-mode', weight: 3, label: 'a WhatsApp Business Account is connected', test: re(/\bwaba\b.{0,60}\b(?:connected|linked|unverified|restricted|verif\w*|status)|\b(?:connected|linked|unverified|restricted)\b.{0,40}\bwaba\b|whatsapp business account|\bdisconnect\w*\b.{0,30}\b(?:whatsapp|waba)/) },
  { scenario: 'sms-only-mode', weight: 4, label: 'the WhatsApp account is restricted or unverified', test: re(/\bignores? (?:it|the whatsapp account|the waba|the business account)\b|\b(?:business account|waba|whatsapp account|meta account)\b.{0,40}\b(?:restricted|unverified|not verified|suspended|banned|disabled|flagged)|\b(?:restricted|unverified|suspended|banned)\b.{0,30}\b(?:business account|waba)/) },
  { scenario: 'sms-only-mode', weight: 3, label: 'WhatsApp is handled by another system', test: re(/\bwhatsapp (?:elsewhere|somewhere else|through (?:another|a different|our own)|(?:runs|goes|is handled) (?:through|via|by|with) (?:meta|another|a different|our own|the cloud api|cloud api|a provider|another provider))|\bcloud api\b|\bwhatsapp (?:continua|sigue|reste|bleibt)\b|\b(?:another|different|other) (?:provider|platform|vendor|bsp) for whatsapp|\b(?:another|separate|other|existing|different|second|our own) (?:whatsapp )?(?:integration|provider|system|vendor|bsp|platform|tool)|\bduplicate\w*\b|\btwice\b|\bboth channels\b/) },

  // failover-not-triggering
  { scenario: 'failover-not-triggering', weight: 3, label: 'WhatsApp→SMS fallback', test: all(FALLBACK, not(/\bsms[- ]only\b/)) },
  { scenario: 'failover-not-triggering', weight: 4, label: 'everything goes out as SMS instead of WhatsApp first', test: all(WA, SMS, re(/\b(?:everything|all(?: of)?(?: the| our)? (?:messages|sends)?|every(?: single)? (?:message|send)|always|only ever|100%)\b.{0,50}\b(?:sms|goes|going|go|sent|end up|ends up|arriv\w*)|never (?:tri\w*|attempt\w*|use\w*|goes?|sent|reach\w*)\b.{0,20}\bwhatsapp|whatsapp (?:attempt )?(?:is |gets )?(?:never|not) (?:attempted|tried|used)|\bwhatsapp\b.{0,15}\b(?:never|not)\b.{0,10}\b(?:attempted|tried|used)\b|skip\w* whatsapp|straight to sms|directly (?:to|via) sms|instead of whatsapp/)) },
  { scenario: 'failover-not-triggering', weight: 3, label: 'the records show SMS for every message', test: all(WA, re(/\b(?:shows?|says|is|was|as) (?:the )?(?:channel[: ]+)?"?sms"?\b.{0,30}\b(?:100%|all|every|each)\b/)) },
  { scenario: 'failover-not-triggering', weight: 5, label: 'channel_attempted / fallback_reason', test: re(/\bchannel_attempted\b|\bfallback_reason\b/) },
  { scenario: 'failover-not-triggering', weight: 5, label: 'WhatsApp is meant to be tried first', test: re(/\bwhatsapp[- ]first\b|\bfirst (?:try|attempt|via|on) whatsapp|\btry whatsapp (?:first|before)|\b(?:if|when) (?:that|it|whatsapp|the whatsapp (?:one|message|attempt)) fails\b.{0,40}\bsms|\bsms (?:only )?(?:if|when|in case) (?:that|it|whatsapp) (?:fails|is not|doesn'?t)/) },
  { scenario: 'failover-not-triggering', weight: 4, label: 'landline recipients (no WhatsApp)', test: re(/\blandlines?\b|\bdesk phones?\b|\bfixed[- ]lines?\b|\boffice (?:desk )?phones?\b/) },
  { scenario: 'failover-not-triggering', weight: 3, label: 'a channel list of WhatsApp and SMS (sent on both)', test: re(/\[\s*"whatsapp"\s*,\s*"sms"\s*\]|"fallback"\s*:\s*"/) },
  { scenario: 'failover-not-triggering', weight: 3, label: 'WhatsApp primary with SMS as backup', test: re(/\bprimary\b.{0,60}\b(?:secondary|backup|fallback|sms)|\bbackup channel|\bsecondary channel|channel priority/) },

  // auth-invalid-api-key
  { scenario: 'auth-invalid-api-key', weight: 5, label: 'authentication fails (AUTH_002 / 401)', test: re(/\bauth_00[12]\b|\binvalid (?:or missing )?api key|\bapi key (?:is |was )?(?:invalid|wrong|rejected|not (?:working|valid|accepted|recogni[sz]ed)|missing|expired)|\bunauthorized\b|\bbearer\b|\bauthori[sz]ation(?: header)?\b|\bauthenti\w* (?:fail\w*|error|issue|problem)|\bforbidden\b|\bcredential\w*/) },
  { scenario: 'auth-invalid-api-key', weight: 4, label: 'the key was regenerated or rotated', test: all(/\bapi key\b|\bkeys?\b/, /\b(?:regenerat\w*|rotat\w*|new key|old key|revok\w*|reset|changed)\b/) },
  { scenario: 'auth-invalid-api-key', weight: 2, label: 'API key question', test: all(/\bapi key\b/, not(/\bsandbox\b/)) },
  { scenario: 'auth-invalid-api-key', weight: 2, label: 'whitespace in the key', test: re(/\btrailing (?:space|whitespace|newline)|\bnewline\b|\bwhitespace\b|\\n\b/) },
  { scenario: 'auth-invalid-api-key', weight: 6, label: 'a key that works in one environment only', test: re(/\bkey from (?:our|the) (?:test|staging|dev|sandbox|production|live) (?:environment|env|setup)\b|\b(?:test|sandbox|staging) key in (?:production|prod|live)\b|\bsame (?:key|config\w*) in (?:production|prod)\b|\bsays? the key is (?:invalid|wrong|not valid|unknown)|\bkey is (?:invalid|not valid|rejected)\b/) },
  { scenario: 'auth-invalid-api-key', weight: 3, label: 'key from another environment', test: re(/\b(?:production|prod|live|staging|dev|test) (?:api )?key|wrong environment|key (?:for|from) (?:the )?(?:other|wrong|another) (?:environment|project|account)/) },

  // sandbox-mode
  { scenario: 'sandbox-mode', weight: 4, label: 'sandbox mode', test: re(/\bsandbox\b/) },
  { scenario: 'sandbox-mode', weight: 4, label: 'a sandbox message ID (msg_test_…)', test: re(/\bmsg_test_/) },
  { scenario: 'sandbox-mode', weight: 4, label: '"sandbox": true in the payload', test: re(/"sandbox"\s*:\s*(?:true|"true")/) },
  { scenario: 'sandbox-mode', weight: 3, label: 'testing without cost', test: re(/\bno credits?\b|\bwithout (?:\w+ ){0,3}(?:a )?real (?:phone|sim|device|handset)|\bwithout (?:actually |really )?(?:paying|sending|spending|being charged)|\btest(?:ing)? the (?:whole |entire |full |complete )?(?:flow|integration|pipeline|journey)|\btest (?:numbers|phones|devices)\b|\bend[- ]to[- ]end tests?|\be2e\b|\bstaging\b.{0,30}\b(?:real|actual) (?:sms|messages)|\bnot (?:being )?charged|\bwithout (?:sending|charg\w*|cost|spending|paying)|\bfree (?:test\w*|send\w*)|\btest (?:send|message)s?\b|\btesting (?:our |my |the )?integration|\bfake send|\bdry[- ]run\b|\bci\b|\bautomated tests?\b|\bunit tests?\b|\bintegration tests?\b/) },
  { scenario: 'sandbox-mode', weight: 4, label: 'everything reports a send, but no phone gets it', test: all(/\bwebhooks?\b/, /\b(?:dashboard|activities|log|api)\b/, /\b(?:phone|device|handset)\b.{0,40}\b(?:never|nothing|no (?:text|sms|message)|didn'?t|did not|doesn'?t)\b|\bnothing (?:arrives|arrived) on (?:the|my) (?:phone|device)/) },
  { scenario: 'sandbox-mode', weight: 3, label: 'automated tests of the sending flow', test: all(/\b(?:playwright|cypress|selenium|jest|pytest|mocha|e2e|end[- ]to[- ]end|qa|ci|test suite|staging)\b/, /\b(?:tests?|testing|assert\w*|suite)\b/) },
  { scenario: 'sandbox-mode', weight: 3, label: 'reading template variables back from the API', test: re(/\b(?:read(?: back)?|see|get|retriev\w*|check|view|inspect|verify|fetch|assert)\b.{0,40}\b(?:otp|code|variables?|values?)\b.{0,60}\b(?:api|get\b|endpoint|message id|response|status|\/v3\/messages)/) },
  { scenario: 'sandbox-mode', weight: 3, label: 'switching to live mode', test: re(/\bgo(?:ing)? live\b|\blive mode\b|\bswitch(?:ing)? to (?:live|production|prod)\b|\btest mode\b/) },

  // escalate-to-support
  { scenario: 'escalate-to-support', weight: 5, label: 'the usual fixes did not help', test: reFull(/\bnone of (?:this|these|the above|it|that|your suggestions)|\bnothing (?:has )?(?:helped|worked|works)|\btried everything|\balready tried (?:all|every)|\bdidn'?t help|\bdid not help|\bnot resolved|\bunresolved|\bstill (?:not (?:resolved|fixed)|broken)\b/) },
  { scenario: 'escalate-to-support', weight: 5, label: 'asks how to reach Sent support', test: re(/\bcontact (?:sent )?support|\b(?:send|tell|give|provide|include|collect|attach|prepare)\b.{0,40}\bsupport\b|\b(?:sent|your|sent's) support(?: team)?\b|\bsupport (?:ticket|case|request)|\bopen (?:a )?(?:ticket|case)|\bescalat\w*|\btalk to (?:a )?(?:human|someone|person|engineer)|\bstatus page|\boutage\b|\bincident\b|\b(?:sent|platform|service|api) (?:is )?(?:down|having issues)|\bdiagnostic (?:info|information|bundle|details)/) },
  { scenario: 'escalate-to-support', weight: 5, label: 'the troubleshooting steps were already done', test: reFull(/\b(?:gone|went|been) through (?:the |your |all |every |each )?(?:whole |entire |full )?(?:troubleshooting|guide|docs|documentation|checklist|steps|sections?)|\bout of ideas\b|\btried (?:every|each|all the) (?:step|fix|suggestion)s?\b|\bwho (?:do |should |can )?(?:i|we) (?:go )?(?:talk to|speak to|write to|turn to|contact|reach)\b|\bhow (?:do|can|should) (?:i|we) (?:reach|contact|get in touch with|talk to) (?:sent|you|your team|support)\b|\bnothing\b.{0,30}\b(?:fixed|helped|worked)\b|\beverything (?:is|looks|seems) (?:correct|fine|ok|right)\b|\bwhat should (?:i|we) tell them\b|\bnoth?i?n?g (?:works|worked)\b|\bnothign works\b|\bsummary of what (?:i|we)(?:'ve| have)? (?:done|tried)|\bchecked everything|\bwe(?:'ve| have) (?:checked|verified|ruled out) (?:everything|all)|\bya probamos|\bprobamos todo|\bhemos probado|\btout essay|\bd[ée]j[àa] essay/) },
  { scenario: 'escalate-to-support', weight: 5, label: 'asks whom to write and what to send', test: re(/\ba qui[ée]n (?:escribimos|escribo|contactamos|contacto)|\bqu[ée] datos\b|\bcontactar (?:al |con )?soporte|\bcontacter (?:le )?support|\bquelles? (?:infos|informations|donn[ée]es)/) },
  { scenario: 'escalate-to-support', weight: 5, label: 'asks for someone at Sent to investigate', test: re(/\bneed (?:a |an )?(?:human|person|real person|engineer|someone)\b|\bsup+ort (?:e-?mail|address|contact|phone)|\bwho can (?:actually )?(?:look|check|help|investigate)|\b(?:your|the|someone on your) (?:team|side|engineers?|support)\b.{0,20}\b(?:investigate|look into|check|dig)|\bsomeone on your (?:side|end)|\bdig into (?:the |your )?logs|\bcan you (?:please )?(?:investigate|escalate)/) },
  { scenario: 'escalate-to-support', weight: 5, label: 'a possible outage at Sent', test: reFull(/\b(?:sent|you|the platform|the api|your (?:service|platform|api|system)) (?:is |are )?having (?:problems|issues|trouble|an outage)|\bis (?:sent|the api|the platform|it) down\b|\b(?:something|anything)?\s*(?:is )?down on your (?:side|end)\b|\bnothing has gone out\b|\bproblems? (?:on|at) your (?:end|side)|\bnothing (?:is )?going out\b.{0,40}\b(?:whole|entire|all|any)\b|\bwhere can (?:i|we) (?:check|see)\b.{0,40}\b(?:problems|status|issues|down|outage)/) },
  { scenario: 'escalate-to-support', weight: 3, label: 'an unexplained error on Sent\'s side', test: re(/\bunexpected error\b|\binternal (?:server )?error\b|\binternal_00\d\b|\b50[0234]s?\b/) },
  { scenario: 'escalate-to-support', weight: 3, label: 'a long, unexplained problem across channels', test: re(/\bspent (?:two|three|four|several|a few|many|\d+) (?:days|hours|weeks)\b|\bno (?:consistent |clear |obvious |visible )?pattern\b|\bintermittent\w*\b.{0,60}\bboth\b|\bacross (?:both|all) (?:channels|sms and whatsapp)|\bworked (?:fine )?(?:for|until) .{0,30}\b(?:months|years|yesterday|monday|tuesday|wednesday|thursday|friday|last week)\b/) },
  { scenario: 'escalate-to-support', weight: 6, label: 'the usual causes are already ruled out', test: (c) => (c.ruledOut ?? 0) >= 3 },
  { scenario: 'escalate-to-support', weight: 4, label: 'several causes already checked', test: (c) => ((c.raw ?? c.t).match(/\b(?:checked|verified|confirmed|ruled out|tested|tried|made sure|double-checked)\b/g)?.length ?? 0) >= 2 },
  { scenario: 'escalate-to-support', weight: 4, label: 'the details support asks for are already collected', test: reFull(/\b(?:\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2})\b.{0,200}\b(?:unexpected error|no (?:useful |clear )?(?:reason|description|explanation)|just says|resent|retried|tried again|what else do you need)/) },
  { scenario: 'escalate-to-support', weight: 3, label: 'asks what information to collect', test: reFull(/\bwhat (?:info|information|details|data|logs?)\b.{0,40}\b(?:send|need|provide|include|collect|share)|\bwhat (?:exactly |else )?(?:should|do) (?:i|we) (?:attach|send|include|provide)|\bwhat else do you need/) },

  // whatsapp-template-issues
  { scenario: 'whatsapp-template-issues', weight: 4, label: 'template approval or review', test: all(TEMPLATE, not(/\bre-?categori\w*|\bre-?classif\w*|\bfrom utility to marketing\b/), /\b(?:reject\w*|pending|in review|under review|review\w*|categor\w*|paus\w*|submit\w*|disabled|quality|declin\w*|denied|resubmit\w*|permission|not (?:yet )?approved|approval (?:takes|taking|time|delay|process|status|stuck)|(?:waiting|wait|pending|stuck) (?:for )?(?:approval|review)|(?:can'?t|cannot|won'?t|unable to|fail\w* to|doesn'?t) (?:save|create|edit|submit))\b/, not(/\bfallback failover\b.{0,80}\bsms\b/)) },
  { scenario: 'whatsapp-template-issues', weight: 4, label: 'choosing a template category', test: all(/\bcategor\w*\b/, /\b(?:utility|marketing|authentication)\b/, not(/\bre-?classif\w*|\bre-?categori\w*|\bfrom utility to marketing\b|\b131049\b/)) },
  { scenario: 'whatsapp-template-issues', weight: 4, label: 'a WhatsApp submission in review', test: all(/\b(?:meta|whatsapp|template|script)\b/, /\b(?:in|under|pending) review\b|\bwaiting for (?:meta'?s? )?(?:approval|review)\b/) },
  { scenario: 'whatsapp-template-issues', weight: 4, label: 'a template submission keeps being refused', test: re(/\bre-?submi\w*|\b(?:meta|whatsapp|facebook)\b.{0,20}\b(?:keeps? )?(?:saying no|rejecting|declining|refusing|turning down)\b.{0,30}\b(?:template|submission|wording|message)\b/) },
  { scenario: 'whatsapp-template-issues', weight: 4, label: 'a WhatsApp message will not save', test: all(/\b(?:whatsapp|template|message)\b/, /\b(?:press(?:ed)?|click(?:ed)?|hit) save\b|\b(?:won'?t|can'?t|cannot|doesn'?t|does not) save\b|\bsav(?:e|ing) (?:fails|failed|spins|hangs)\b|\bjust spins\b/) },
  { scenario: 'whatsapp-template-issues', weight: 4, label: 'BUSINESS_005 / template not approved', test: re(/\bbusiness_005\b|\btemplate_not_approved\b.{0,40}\b(?:error|code|blocked)|\btemplate (?:is |was )?not approved\b/) },
  { scenario: 'whatsapp-template-issues', weight: 3, label: 'paused or blocked template', test: re(/\b13200[01]\b|\btemplate (?:is |was |got )?paused|\bblocked\b.{0,40}\btemplate|\btemplate\b.{0,40}\bblocked\b/) },

  // sender-id-issues
  { scenario: 'sender-id-issues', weight: 5, label: 'getting a number or sender ID', test: re(/\b(?:only|just) (?:see|have|get|shows?|offers?|lists?) (?:us|u\.s\.|american|usa) (?:phone )?numbers|\bnumbers? to choose from|\bnone (?:are |is )?ava[il]+able\b|\bno (?:phone )?numbe?rs? (?:are )?ava[il]+able|\b(?:buy|purchase|get|provision|rent|acquire|obtain|order|request|need|want)\w* (?:a |an |new |more )?(?:local |dedicated |new |uk |us |mobile |virtual )?(?:phone )?numbe?rs?\b|\bnumbe?rs? (?:in|for) (?:a |another |other )?(?:countr\w*|region|market)|\bnumber availability\b|\bavailable numbers\b/) },
  { scenario: 'sender-id-issues', weight: 4, label: 'a country missing from the number list', test: re(/\b(?:country|countries) list\b|\bnot (?:in|on) the list\b|\b(?:doesn'?t|does not|don'?t) (?:include|offer|list|show)\b.{0,30}\b(?:country|number|[a-z]+ numbers)|\badd(?:ing)? (?:a )?(?:new )?numbers?\b|\bonly (?:offers?|shows?|lists?|propose\w*|see|get) (?:us|u\.s\.|american) (?:phone )?numbers?|\bonly us numbers\b|\bis [a-z]{2} supported\b|\bsupported countries\b/) },
  { scenario: 'sender-id-issues', weight: 6, label: 'no route for the channel/country (ERR_ROUTE_DENIED)', test: re(/\berr_route_denied\b|\broute (?:denied|error|not available|unavailable)\b|\bno (?:active |available )?route\b/) },
  { scenario: 'sender-id-issues', weight: 4, label: 'a from number that is not an active sender', test: all(/"from"\s*:|\bfrom number\b|\bbusiness_029\b/, /\bblocked\b|\bnot an active sender|\bold provider|\bprevious provider|\bported\b/) },
  { scenario: 'sender-id-issues', weight: 3, label: 'setting up a sender ID', test: all(/\b(?:sender ?id|alpha-?numeric sender|sender name|brand name|(?:company|business|brand) name)\b/, /\b(?:set ?up|setup|configur\w*|register\w*|use|create|add|change|choose|pick|want|how|get|obtain|request)\b/) },

  // compliance-10dlc
  { scenario: 'compliance-10dlc', weight: 6, label: '10DLC / A2P registration', test: re(/\b10dlc\b/) },
  { scenario: 'compliance-10dlc', weight: 4, label: 'compliance, brand or campaign registration', test: re(/\bcampaigns?\b|\bbrand (?:registration|vetting)|\bein\b|\bprivacy policy|\bopt-?in\b|\bopt-?out\b|\breply stop\b|\brepl(?:y|ied|ies|ying)\w* (?:with )?"?stop"?\b|\b(?:texted|sent|wrote|typed) (?:back )?"?stop"?\b|\bunsubscrib\w*|\bcompliance\b|\bkyc\b|\bbusiness verification|\bverif\w* (?:of )?(?:my |our )?business|\b(?:awaiting|waiting for|pending) (?:approval|activation|review)|\baccount (?:activation|approval|review)|\bauth_00[567]\b|\bsample messages?|\buse[- ]case\b|\bcarrier (?:registration|vetting)/) },
  { scenario: 'compliance-10dlc', weight: 5, label: 'US carrier registration', test: (c) => !!c.hasUS && !c.hasCountry && /\b(?:carrier registration|registration\w*|registered|unregistered|kicked back|vetting|vetted|brand|campaign|use case|sample messages?)\b/.test(c.t) },
  { scenario: 'compliance-10dlc', weight: 5, label: 'only US recipients fail', test: re(/\b(?:to|for) (?:a |the |any )?(?:\+1 )?(?:us|u\.s\.|american) (?:numbers?|recipients?|customers?|phones?|mobiles?)\b.{0,30}\b(?:fail\w*|blocked|filtered|rejected|don'?t|never|undeliver\w*)|\b(?:only|just) (?:the )?(?:us|u\.s\.|american) (?:numbers?|recipients?|customers?) (?:fail|are failing|don'?t)/) },
  { scenario: 'compliance-10dlc', weight: 2, label: 'US SMS blocked by carriers', test: all(/\b(?:us|usa|united states|american|u\.s\.)\b/, SMS, /\b(?:block\w*|filter\w*|reject\w*|register\w*|unregistered)\b/) },

  // login-otp
  { scenario: 'login-otp', weight: 5, label: 'signing up or logging in to Sent itself', test: all(/\b(?:sign(?:ing)?[- ]?up|log(?:ging)?[- ]?in(?:to)?|login|register(?:ing)?|registration|creat\w* (?:an |my |our )?account|account creation|verify (?:my |our )?(?:phone|email|number|account)|phone verification|email verification|two[- ]factor|my (?:own )?(?:phone|email|mobile))\b/, /\b(?:otp verification code|code|verif\w*|email|confirmation)\b/, not(CUSTOMERS), not(/\b(?:qa|testing|e2e|test suite|automated tests?)\b/), not(/\b(?:nobody|no one|people|everyone|members|we send|our (?:sms |app'?s? )?(?:login |otp |verification )?(?:codes?|otps?))\b|\bour app\b/)) },
  { scenario: 'login-otp', weight: 6, label: 'their own Sent account', test: re(/\bsent (?:account|dashboard)\b|\blog in (?:to|on|into) your dashboard\b|\b(?:sign(?:ing)?[- ]?up|log(?:ging)?[- ]?in|register\w*) (?:to|for|on|with|into|at) sent\b|\bcreat\w* (?:an? |their |my |our )?sent account/) },
  { scenario: 'login-otp', weight: 5, label: 'asking again for the sign-in code', test: all(/\bresend\b.{0,40}\b(?:code|otp)|\b(?:request(?:ing)?|ask(?:ing)? for) (?:another|a new) (?:code|otp)\b|\bget into my account\b|\bwait before requesting\b|\b(?:pressed|clicked|hit) resend\b/, not(CUSTOMERS)) },
  { scenario: 'login-otp', weight: 4, label: 'a data-only SIM', test: re(/\bdata[- ]only sim\b|\bdaten-?sim\b|\bdata sim\b/) },
  { scenario: 'login-otp', weight: 6, label: 'app.sent.dm verification page', test: re(/app\.sent\.dm|verify-phone|sent\.dm (?:account|dashboard|login|signup)/) },
  { scenario: 'login-otp', weight: 5, label: 'country selection at sign-up', test: all(/\b(?:sign(?:ing)?[- ]?up|log(?:ging)?[- ]?in|login|register\w*|registration|onboarding)\b/, /\bcountry (?:isn'?t|is not|not) (?:selectable|listed|available|in the (?:list|dropdown))|\bdropdown\b|\bprefix\b|\bcountry code\b/) },
  { scenario: 'login-otp', weight: 4, label: 'country code at sign-up', test: all(/\bcountry code\b/, /\b(?:sign\w*|log\w*|verif\w*|phone field|dropdown|register\w*)\b/) },
  { scenario: 'login-otp', weight: 3, label: 'I do not receive the code', test: all(/\b(?:i|we) (?:never|don'?t|do not|didn'?t|did not|can'?t|cannot|haven'?t|have not) (?:get|receiv\w*|see|got)\b.{0,40}\b(?:otp verification code|code|email|sms)\b/, not(CUSTOMERS)) },
];

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** What the cues look at, from the normalised text and what extraction found in it. */
export function cueInputFor(normalised: string, e: Entities): CueInput {
  // Cues see the expanded text and the text as written (for quoted keys and exact phrases).
  const full = `${expandSynonyms(normalised)}\n${normalised}`.toLowerCase();
  const countries = new Set([...e.countries.map((c) => c.iso2), ...e.phones.flatMap((p) => (p.iso2 ? [p.iso2] : []))]);
  const raw = normalised.toLowerCase();
  return {
    t: withoutRuledOut(full),
    full,
    raw,
    hasCountry: [...countries].some((c) => c !== 'US'),
    hasUS: countries.has('US') || /\b(?:us|usa|u\.s\.|united states|american)\b/.test(full),
    hasPayload: e.payloads.length > 0,
    smsFocus: count(full, /\bsms\b/g) >= count(full, /\bwhatsapp\b/g),
    ruledOut: ruledOutCount(expandSynonyms(normalised).toLowerCase()),
  };
}
