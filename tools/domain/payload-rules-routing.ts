/** Routing: channel (guide string or SDK array), channels (sender numbers), fallback, sender profile, sandbox. */
import { finding, isPlainObject, isSet, keyPath, show, showKey, typeName, type Finding, type Payload, type Rule } from './payload-codes.js';
import { CHANNEL_ALIASES, CHANNELS, CHANNELS_OBJECT_KEYS, FALLBACK_VALUES, SP_ID_RE, UUID_RE, typoOf } from './payload-fields.js';

export type ChannelClass =
  | { kind: 'ok'; value: string }
  | { kind: 'case' | 'alias'; value: string }
  | { kind: 'mms' | 'empty' | 'unknown' };

export function classifyChannel(v: string): ChannelClass {
  if (CHANNELS.includes(v as never)) return { kind: 'ok', value: v };
  const lower = v.trim().toLowerCase();
  if (CHANNELS.includes(lower as never)) return { kind: 'case', value: lower };
  const alias = CHANNEL_ALIASES[lower];
  if (alias) return { kind: 'alias', value: alias };
  if (lower === 'mms') return { kind: 'mms' };
  if (lower === '') return { kind: 'empty' };
  return { kind: 'unknown' };
}

function channelValueFindings(v: string, path: string): Finding[] {
  const c = classifyChannel(v);
  const subject = `${path}:${v}`;
  switch (c.kind) {
    case 'ok':
      return [];
    case 'case':
      return [
        finding(
          'channel_case',
          path,
          `${path} is ${show(v)}; channel values are lowercase. Sent does not recognise ${show(v)}: the message is routed incorrectly or rejected.`,
          `Write ${show(c.value)}.`,
          { subject },
        ),
      ];
    case 'alias':
      return [
        finding(
          'channel_unknown',
          path,
          `${path} is ${show(v)}, which Sent does not recognise; the channel is called ${show(c.value)}.`,
          `Write ${show(c.value)}.`,
          { subject },
        ),
      ];
    case 'mms':
      return [
        finding(
          'channel_unknown',
          path,
          `${path} is "mms", which is not a documented channel value (sent, sms, whatsapp, rcs). MMS is chosen automatically when media_urls is present.`,
          'Use "channel": ["sent"] with media_urls, or confirm with Sent support that "mms" is accepted.',
          { severity: 'warning', subject },
        ),
      ];
    case 'empty':
      return [finding('channel_unknown', path, `${path} is an empty string.`, 'Remove it (no channel means auto-detect) or write "whatsapp" or "sms".', { subject })];
    case 'unknown': {
      const typo = typoOf(v, CHANNELS);
      return [
        finding(
          'channel_unknown',
          path,
          `${path} is ${show(v)}, not a channel Sent knows${typo ? ` (did you mean "${typo}"?)` : ''}. The values are "sent" (auto-detect), "sms", "whatsapp" and "rcs"; any other value is rejected.`,
          typo ? `Write "${typo}".` : 'Use "whatsapp" or "sms" (or "sent" to let Sent choose).',
          { subject },
        ),
      ];
    }
  }
}

/** The channels a payload asks for, lowercased and de-aliased (for cross-field rules). */
function requestedChannels(p: Payload): string[] {
  const c = p.channel;
  const vals = typeof c === 'string' ? [c] : Array.isArray(c) ? c.filter((x): x is string => typeof x === 'string') : [];
  return vals.flatMap((v) => {
    const k = classifyChannel(v);
    return 'value' in k ? [k.value] : [];
  });
}

export const checkChannel: Rule = (p) => {
  if (!isSet(p, 'channel')) return [];
  const c = p.channel;
  if (typeof c === 'string') return channelValueFindings(c, 'channel');
  if (!Array.isArray(c))
    return [
      finding(
        'channel_wrong_type',
        'channel',
        `channel is ${typeName(c)}; it must be a lowercase string ("whatsapp", as in the guide) or an array of "sent", "sms", "whatsapp", "rcs" (as in the API reference).`,
        'Write "channel": "whatsapp" or "channel": ["whatsapp"].',
      ),
    ];
  const out = c.flatMap((e, i) =>
    typeof e === 'string'
      ? channelValueFindings(e, `channel[${i}]`)
      : [
          finding(
            'channel_wrong_type',
            `channel[${i}]`,
            `channel[${i}] is ${typeName(e)}; channel values are strings: "sent", "sms", "whatsapp", "rcs".`,
            'Write each channel as a lowercase string.',
          ),
        ],
  );
  const distinct = [...new Set(requestedChannels(p).filter((v) => v !== 'sent'))];
  if (distinct.length >= 2)
    out.push(
      finding(
        'channel_list_broadcast',
        'channel',
        `channel lists ${distinct.map((d) => `"${d}"`).join(' and ')}. In the API's model this is a list of channels to send on, not a fallback order: each recipient gets one message per listed channel.`,
        `To try one channel and fall back to another, use "channel": ["sent"] (auto-detect reroutes after a failure) or the guide's "channel": "${distinct[0]}" with "fallback": "${distinct[1]}".`,
      ),
    );
  return out;
};

export const checkChannelsObject: Rule = (p) => {
  if (!isSet(p, 'channels')) return [];
  const c = p.channels;
  if (Array.isArray(c) && c.every((x) => typeof x === 'string'))
    return [
      finding(
        'channel_wrong_type',
        'channels',
        `channels is a list of channel names; in the v3 API that list is the channel field. channels (plural) is an object that picks sender numbers per channel, e.g. {"sms": [{"from": ["+12125550000"]}]}.`,
        isSet(p, 'channel') ? 'Remove channels; channel already says which channels to use.' : `Rename channels to channel: "channel": ${show(c)}.`,
      ),
    ];
  if (!isPlainObject(c))
    return [finding('channel_wrong_type', 'channels', `channels is ${typeName(c)}; it must be an object such as {"sms": [{"from": ["+12125550000"]}]}.`, 'Write channels as an object keyed by channel, or remove it.')];
  const out: Finding[] = [];
  for (const k of Object.keys(c)) {
    const path = keyPath('channels', k);
    const lower = k.trim().toLowerCase();
    if (lower === 'sent' || CHANNEL_ALIASES[lower] === 'sent')
      out.push(
        finding(
          'channel_unknown',
          path,
          `channels.${showKey(k)}: channels picks sender numbers for one channel (sms, whatsapp, rcs, mms); "sent" (auto-detect) is rejected there.`,
          `Remove channels.${showKey(k)}; put the numbers under the channel they send on, e.g. channels.sms.`,
        ),
      );
    else if (!CHANNELS_OBJECT_KEYS.includes(k as never)) {
      const fixed = CHANNELS_OBJECT_KEYS.includes(lower as never) ? lower : CHANNEL_ALIASES[lower];
      out.push(
        fixed
          ? finding(
              lower === fixed ? 'channel_case' : 'channel_unknown',
              path,
              `channels.${showKey(k)} should be channels.${fixed}: channel names are lowercase.`,
              `Rename it to ${fixed}.`,
            )
          : finding('channel_unknown', path, `channels.${showKey(k)} is not a channel (sms, whatsapp, rcs, mms).`, `Remove it or rename it to one of sms, whatsapp, rcs, mms.`),
      );
    }
    const v = c[k];
    const entries = Array.isArray(v) ? v : [v];
    const shapeOk = entries.every((e) => isPlainObject(e) && Array.isArray(e.from) && e.from.every((x) => typeof x === 'string'));
    if (!Array.isArray(v) || !shapeOk) {
      const fixable = entries.every((e) => isPlainObject(e) && (typeof e.from === 'string' || (Array.isArray(e.from) && e.from.every((x) => typeof x === 'string'))));
      out.push(
        finding(
          'channel_wrong_type',
          path,
          `channels.${showKey(k)} must be an array of objects with a from array, e.g. [{"from": ["+12125550000"]}].`,
          fixable ? 'Wrap it as shown (the corrected payload does this).' : 'Write it as [{"from": ["+1…"]}] with a sender number of your account.',
        ),
      );
    }
  }
  return out;
};

export const checkFallback: Rule = (p) => {
  if (!isSet(p, 'fallback')) return [];
  const f = p.fallback;
  const out: Finding[] = [];
  if (typeof f !== 'string')
    return [finding('fallback_invalid', 'fallback', `fallback is ${typeName(f)}; the guide's fallback is a lowercase channel name such as "sms".`, 'Write "fallback": "sms".')];
  const c = classifyChannel(f);
  if (c.kind !== 'ok' || !FALLBACK_VALUES.includes(f as never)) {
    if ('value' in c && FALLBACK_VALUES.includes(c.value as never))
      out.push(finding('fallback_invalid', 'fallback', `fallback is ${show(f)}; channel names are lowercase and exact: ${show(c.value)}.`, `Write "fallback": ${show(c.value)}.`, { subject: `fallback:${f}` }));
    else if ('value' in c && c.value === 'sent')
      out.push(
        finding(
          'fallback_invalid',
          'fallback',
          `fallback is ${show(f)}, which is auto-detect, not a channel to fall back to.`,
          'Write "fallback": "sms", or drop fallback and use "channel": ["sent"] so Sent chooses and reroutes.',
          { subject: `fallback:${f}` },
        ),
      );
    else
      out.push(
        finding('fallback_invalid', 'fallback', `fallback is ${show(f)}, not a channel Sent knows (sms, whatsapp, rcs).`, 'Write "fallback": "sms" (with "channel": "whatsapp").', {
          subject: `fallback:${f}`,
        }),
      );
  }
  const fb = 'value' in c ? c.value : undefined;
  const chosen = [...new Set(requestedChannels(p))];
  if (fb && chosen.length === 1 && chosen[0] === fb)
    out.push(
      finding(
        'fallback_same_as_channel',
        'fallback',
        `fallback is ${show(f)}, the same channel as channel: there is nothing different to fall back to.`,
        'Use "channel": "whatsapp" with "fallback": "sms" (the guide\'s failover), or remove fallback.',
      ),
    );
  if (Array.isArray(p.channel))
    out.push(
      finding(
        'fallback_model',
        'fallback',
        'fallback is the guide\'s field (used with "channel": "whatsapp"). The public API has no fallback field: with a channel list it sends on every listed channel, and with ["sent"] it picks the channel and reroutes after a failure by itself.',
        'Use one model: "channel": "whatsapp" with "fallback": "sms" (guide), or "channel": ["sent"] without fallback (API).',
      ),
    );
  return out;
};

// ─── sender, sandbox ────────────────────────────────────────────────────────

export const checkSender: Rule = (p) => {
  const out: Finding[] = [];
  if (isSet(p, 'sender_profile_id')) {
    const sp = p.sender_profile_id;
    const ok = typeof sp === 'string' && (SP_ID_RE.test(sp) || UUID_RE.test(sp));
    if (!ok)
      out.push(
        finding(
          'sender_profile_id_format',
          'sender_profile_id',
          typeof sp === 'string'
            ? `sender_profile_id is ${show(sp)}; a Sender Profile ID starts with sp_ (Dashboard → Sender Profiles shows each one)${/^\s|\s$/.test(sp) ? ' and has no spaces around it' : ''}.`
            : `sender_profile_id is ${typeName(sp)}; it must be a string such as "sp_…".`,
          'Copy the ID from Dashboard → Sender Profiles.',
        ),
      );
    return out;
  }
  const channels = requestedChannels(p);
  const fallback = typeof p.fallback === 'string' ? p.fallback.trim().toLowerCase() : undefined;
  const smsChosen = channels.includes('sms') || fallback === 'sms';
  const smsFrom = isPlainObject(p.channels) && isSet(p.channels, 'sms');
  if (smsChosen && !smsFrom)
    out.push(
      finding(
        'sender_profile_missing',
        'sender_profile_id',
        'This SMS send names no sender (no sender_profile_id, no channels.sms[].from): Sent uses the project\'s default Sender Profile if one is set, otherwise its default routing, which picks a sender by cost and deliverability and may use a shared short code instead of your number.',
        'To send from a specific number, add "sender_profile_id": "sp_…" (Dashboard → Sender Profiles) or set a default in Dashboard → Settings → Messaging Defaults; in the API\'s model, use the x-profile-id header or channels.sms[].from.',
      ),
    );
  return out;
};

export const SANDBOX_TRUE = /^(?:true|yes|1|on)$/i;
export const SANDBOX_FALSE = /^(?:false|no|0|off)$/i;

export const checkSandbox: Rule = (p) => {
  if (!isSet(p, 'sandbox') || typeof p.sandbox === 'boolean') return [];
  const s = p.sandbox;
  const asText = typeof s === 'string' || typeof s === 'number' ? String(s).trim() : '';
  const meant = SANDBOX_TRUE.test(asText) ? 'true' : SANDBOX_FALSE.test(asText) ? 'false' : undefined;
  return [
    finding(
      'sandbox_not_boolean',
      'sandbox',
      `sandbox is ${typeName(s)} (${show(s)}); it must be the boolean true or false, without quotes.${meant === 'true' ? ' If it is not read as true, the message is sent for real and charged.' : ''}`,
      meant ? `Write "sandbox": ${meant}.` : 'Write "sandbox": true to test without delivering, or remove it for a live send.',
    ),
  ];
};
