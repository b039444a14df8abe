/**
 * The CLI's one terminal renderer: the Markdown every tool result already has (src/render/markdown.ts,
 * the text MCP sends) turned into terminal text. Colour only when asked for (a TTY without NO_COLOR;
 * see `useColor` in color.ts); piped output is plain text with no Markdown markup. `--format markdown` skips this
 * and prints the Markdown itself.
 *
 * Headings are bold, `code` is cyan, tables become aligned "label  value" lines, lists keep their
 * numbers, code blocks are printed as they are (so a corrected payload can be copied), and no escape
 * sequence from the text itself reaches the terminal.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { colors, type Colors } from './color.js';

export interface TerminalOptions {
  color: boolean;
}

// No ESC/CSI/OSC from the content itself: only the renderer's own colours reach the terminal.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const stripControls = (s: string) => s.replace(CONTROLS, (ch) => (ch === '\u001b' ? '' : ch === '\t' ? ' ' : ''));

/** Words that carry a verdict get its colour when they are bold in the Markdown. */
const TONE: Array<[RegExp, keyof Pick<Colors, 'red' | 'yellow' | 'green'>]> = [
  [/^(error|not valid|rejected by sent|\d+ failed|failure|blocked|filtered|not found)\b/i, 'red'],
  [/^(warning|closest match|not conclusive)/i, 'yellow'],
  [/^(valid|most likely|delivered|not a failure)\b/i, 'green'],
];

export function markdownToTerminal(md: string, opts: TerminalOptions): string {
  const c = colors(opts.color);
  const tokens = new Lexer().lex(stripControls(md));
  const out = blocks(tokens, c, '');
  return out.replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').trimEnd() + '\n';
}

function blocks(tokens: Token[], c: Colors, indent: string): string {
  const parts: string[] = [];
  for (const t of tokens) {
    const s = block(t, c, indent);
    if (s !== undefined) parts.push(s);
  }
  return parts.join('\n\n');
}

function block(t: Token, c: Colors, indent: string): string | undefined {
  switch (t.type) {
    case 'space':
      return undefined;
    case 'heading': {
      const text = inline((t as Tokens.Heading).tokens, c);
      return indent + ((t as Tokens.Heading).depth <= 2 ? c.bold(c.underline(text)) : c.bold(text));
    }
    case 'paragraph':
      return prefixLines(inline((t as Tokens.Paragraph).tokens, c), indent);
    case 'text':
      return prefixLines('tokens' in t && t.tokens ? inline(t.tokens, c) : (t as Tokens.Text).text, indent);
    case 'code':
      // As it is, not indented: a corrected payload or curl command is meant to be copied.
      return (t as Tokens.Code).text;
    case 'blockquote':
      return blocks((t as Tokens.Blockquote).tokens, c, indent)
        .split('\n')
        .map((l) => `${indent}${c.dim('│')} ${l.slice(indent.length)}`)
        .join('\n');
    case 'list':
      return list(t as Tokens.List, c, indent);
    case 'table':
      return table(t as Tokens.Table, c, indent);
    case 'hr':
      return indent + c.dim('─'.repeat(40));
    case 'html':
      return prefixLines((t as Tokens.HTML).text.trimEnd(), indent);
    default:
      return 'raw' in t ? prefixLines(String(t.raw).trimEnd(), indent) : undefined;
  }
}

function list(l: Tokens.List, c: Colors, indent: string): string {
  const start = typeof l.start === 'number' ? l.start : 1;
  const width = l.ordered ? String(start + l.items.length - 1).length + 2 : 2;
  return l.items
    .map((item, i) => {
      const marker = l.ordered ? `${start + i}.`.padEnd(width) : `${c.dim('•')} `;
      const inner = indent + ' '.repeat(width);
      const body = blocks(item.tokens, c, inner).replace(/\n\n+/g, '\n');
      return indent + marker + body.slice(inner.length);
    })
    .join('\n');
}

function table(t: Tokens.Table, c: Colors, indent: string): string {
  const head = t.header.map((h) => inline(h.tokens, c));
  const rows = t.rows.map((r) => r.map((cellTok) => inline(cellTok.tokens, c)));
  // `| | |` (no header): a list of label → value pairs.
  if (head.every((h) => !h.trim()) && t.header.length === 2) {
    const width = Math.max(...rows.map((r) => visible(r[0] ?? '').length)) + 1;
    return rows.map((r) => `${indent}${pad(`${r[0]}:`, width + 1)} ${r[1] ?? ''}`.trimEnd()).join('\n');
  }
  const all = [head.map((h) => c.bold(h)), ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => visible(r[i] ?? '').length)));
  return all.map((r) => indent + r.map((v, i) => (i === r.length - 1 ? v : pad(v, widths[i]!))).join('  ').trimEnd()).join('\n');
}

function inline(tokens: Token[] | undefined, c: Colors): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'strong': {
          const text = inline((t as Tokens.Strong).tokens, c);
          const tone = TONE.find(([re]) => re.test(visible(text)))?.[1];
          return tone ? c.bold(c[tone](text)) : c.bold(text);
        }
        case 'em':
          return c.italic(inline((t as Tokens.Em).tokens, c));
        case 'codespan':
          return c.cyan(unescapeHtml((t as Tokens.Codespan).text));
        case 'del':
          return c.strikethrough(inline((t as Tokens.Del).tokens, c));
        case 'link': {
          const l = t as Tokens.Link;
          const text = inline(l.tokens, c);
          return text === l.href ? c.underline(l.href) : `${text} (${c.underline(l.href)})`;
        }
        case 'br':
          return '\n';
        case 'escape':
          return (t as Tokens.Escape).text;
        case 'text':
          return 'tokens' in t && t.tokens ? inline(t.tokens, c) : unescapeHtml((t as Tokens.Text).text);
        default:
          return 'text' in t ? unescapeHtml(String(t.text)) : 'raw' in t ? String(t.raw) : '';
      }
    })
    .join('');
}

function prefixLines(s: string, indent: string): string {
  return s
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
function unescapeHtml(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}

// eslint-disable-next-line no-control-regex
const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - visible(s).length));
