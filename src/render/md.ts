/** Small Markdown building blocks for the renderers: escaping, tables, lists. Pure. */
import { maskPhonesInText, redactSecrets } from '../../tools/domain/redact.js';

export interface RenderOptions {
  /**
   * `shared` (default): the text may reach other people or a model (MCP, Slack), so phone numbers
   * are masked. `private`: the operator's own terminal; numbers stay as the tools returned them.
   * Secrets are redacted in both.
   */
  audience?: 'shared' | 'private';
  /**
   * How knowledge placeholders name sent-doctor's actions (src/render/placeholders.ts): `cli`
   * (`sent-doctor coverage DZ`) or `mcp` (the tool name). Default: `cli` for a private audience
   * (the operator's terminal), `mcp` otherwise.
   */
  surface?: 'cli' | 'mcp';
}

export function surfaceOf(opts: RenderOptions): 'cli' | 'mcp' {
  return opts.surface ?? (opts.audience === 'private' ? 'cli' : 'mcp');
}

/** The last step of every renderer: nothing secret leaves, and numbers are masked where shared. */
export function finish(md: string, opts: RenderOptions = {}): string {
  const clean = redactSecrets(md);
  return (opts.audience === 'private' ? clean : maskPhonesInText(clean)).replace(/\n{3,}/g, '\n\n').trim();
}

/** Text inside a table cell or a one-line list item: no pipes or line breaks that would break the layout. */
export function cell(s: string | number | boolean | null | undefined): string {
  if (s === null || s === undefined || s === '') return '—';
  return String(s).replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();
}

export function table(rows: Array<[string, string | number | boolean | null | undefined]>): string {
  const kept = rows.filter(([, v]) => v !== undefined);
  if (!kept.length) return '';
  return ['| | |', '|---|---|', ...kept.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)].join('\n');
}

export function bullets(items: readonly string[]): string {
  return items.map((i) => `- ${i.replace(/\r?\n+/g, ' ').trim()}`).join('\n');
}

export function numbered(items: readonly string[]): string {
  return items.map((i, n) => `${n + 1}. ${i.replace(/\r?\n+/g, ' ').trim()}`).join('\n');
}

/** A fenced block whose fence cannot be closed by the content. */
export function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

export function code(s: string): string {
  const t = s.replace(/\r?\n+/g, ' ');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

export function pct(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

const SEVERITY_LABEL: Record<string, string> = { error: '**error**', warning: '**warning**', info: 'info' };

export function severity(s: string): string {
  return SEVERITY_LABEL[s] ?? s;
}

export function section(title: string, body: string): string {
  return body.trim() ? `### ${title}\n\n${body.trim()}` : '';
}

export function join(...parts: Array<string | false | undefined | null>): string {
  return parts.filter((p): p is string => !!p && p.trim() !== '').join('\n\n');
}
