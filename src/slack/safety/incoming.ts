/**
 * Slack message text → the plain text a user typed. Slack encodes mentions, channels and links
 * as `<…>` and escapes &, < and > (a pasted JSON payload arrives with `&amp;`); diagnose wants
 * the original. Mentions become inert words, so nothing from input can ping anyone later.
 */
const ENTITY: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

export function slackTextToPlain(text: string, botUserId?: string): string {
  const decoded = text.replace(/<([^<>\n]*)>/g, (_m, inner: string) => {
    const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('@')) return target.slice(1) === botUserId ? '' : '@someone';
    if (target.startsWith('#')) return label ? `#${label}` : '#channel';
    if (target.startsWith('!')) {
      const word = target.slice(1).split('^')[0];
      return word === 'here' || word === 'channel' || word === 'everyone' ? word : label ?? '';
    }
    if (target.startsWith('mailto:')) return label ?? target.slice(7);
    if (label && label !== target && !target.endsWith(label)) return `${label} (${target})`;
    return label ?? target;
  });
  return decoded.replace(/&(?:amp|lt|gt);/g, (e) => ENTITY[e]!).trim();
}

/** A DM with the app (or the assistant panel, which lives in the DM). Group DMs are shared. */
export function isDirectMessage(channelId: string | undefined, channelType?: string, channelName?: string): boolean {
  return channelType === 'im' || channelName === 'directmessage' || (!!channelId && channelId.startsWith('D'));
}
