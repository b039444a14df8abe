/**
 * Text that goes into Slack mrkdwn. Anything that came from a user (their message, a payload,
 * a record field) is escaped so it cannot ping a channel (`<!channel>`, `<!here>`), mention
 * people (`<@U…>`), forge links or break out of a code block.
 */

/** Slack's own escaping rule for mrkdwn: only &, < and > are control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SPECIAL = /<([!@#][^>\n]*)>/g;
const BARE_BROADCAST = /(^|[^\w@])@(channel|here|everyone)\b/gi;

/**
 * Defence in depth on finished mrkdwn: special mentions that survived (none should, since input
 * is escaped) are shown as text, and bare `@here` gets a zero-width joiner so that no client
 * turns it into a broadcast. Our own links (`<https://…|text>`) are left alone.
 */
export function neutraliseMentions(mrkdwn: string): string {
  return mrkdwn.replace(SPECIAL, (_m, inner: string) => `&lt;${inner}&gt;`).replace(BARE_BROADCAST, (_m, pre: string, word: string) => `${pre}@\u2060${word}`);
}

/** Content for a ``` block: escaped, and a fence inside the content cannot close ours. */
export function codeBlock(content: string): string {
  const safe = escapeMrkdwn(content).replace(/```/g, '`\u200b`\u200b`');
  return '```' + safe + '```';
}

/** Inline code for a short user value (an ID, a code). */
export function inlineCode(value: string): string {
  const safe = escapeMrkdwn(value).replace(/`/g, 'ˋ').replace(/\n/g, ' ');
  return '`' + safe + '`';
}

/**
 * The knowledge base is written in Markdown; Slack speaks mrkdwn. Converts what the entries use:
 * **bold**, __bold__, *italic*, [text](url), `code` (kept), and escapes the rest.
 */
export function markdownToMrkdwn(md: string): string {
  const parts = md.split(/(`[^`\n]*`)/g);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return escapeMrkdwn(part);
      let s = escapeMrkdwn(part);
      s = s.replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, t: string, u: string) => `<${u}|${t.replace(/\|/g, '/')}>`);
      // Bold first into placeholders, so the italic pass cannot see its stars.
      s = s.replace(/\*\*([^*\n]+)\*\*/g, '\u0001$1\u0002').replace(/__([^_\n]+)__/g, '\u0001$1\u0002');
      s = s.replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, '$1_$2_');
      return s.replace(/\u0001/g, '*').replace(/\u0002/g, '*');
    })
    .join('');
}

/** Cut to `max` characters on a word boundary where possible, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}
