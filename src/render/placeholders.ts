/**
 * Surface-aware wording. Knowledge entries name sent-doctor's own actions and other entries
 * through placeholders, and each surface renders them its own way:
 *
 *   {{tool:get_coverage country=<country>}}  Slack `/sent coverage DZ` · CLI `sent-doctor coverage DZ`
 *                                            · MCP `get_coverage` (country: "DZ")
 *   {{entry:compliance-10dlc}}               the entry's title (Slack adds a button that opens it;
 *                                            MCP names its resource sent-doctor://scenarios/…)
 *
 * Arguments are `name=value` (no spaces in a value). A value in angle brackets (`<country>`) is a
 * slot: filled from what the answer knows (`vars`), else shown as written so the reader fills it in.
 * This module is the one place the syntax is defined: the renderers (src/render/markdown.ts,
 * src/slack/blocks) and the knowledge lint (test/knowledge/lint.test.ts) use it. Pure.
 */

export type Surface = 'slack' | 'cli' | 'mcp';

/** The sent-doctor tools an entry may name, and each tool's arguments, in order. */
export const PLACEHOLDER_TOOLS = {
  lookup_message: ['id'],
  validate_payload: ['payload'],
  get_coverage: ['country'],
  check_api_key: [],
  diagnose: ['text'],
} as const satisfies Record<string, readonly string[]>;
export type PlaceholderTool = keyof typeof PLACEHOLDER_TOOLS;

export type Placeholder =
  | { kind: 'tool'; raw: string; tool: string; args: Record<string, string> }
  | { kind: 'entry'; raw: string; id: string };

/** Values the answer knows, for slots such as `<country>` (e.g. `{ country: 'DZ' }`). */
export type Slots = Partial<Record<string, string>>;

const TOKEN = /\{\{\s*(tool|entry):([A-Za-z0-9_-]+)((?:\s+[a-z_]+=[^\s{}]+)*)\s*\}\}/g;
/** Anything that looks like a placeholder, well-formed or not (for the lint). */
const LOOSE = /\{\{[^{}]*\}\}/g;
const LOOSE_ONE = /\{\{[^{}]*\}\}/;

export function parsePlaceholders(text: string): Placeholder[] {
  return [...text.matchAll(TOKEN)].map((m) => toPlaceholder(m));
}

function toPlaceholder(m: RegExpMatchArray): Placeholder {
  const [raw, kind, name, rawArgs = ''] = m as unknown as [string, 'tool' | 'entry', string, string | undefined];
  if (kind === 'entry') return { kind, raw, id: name };
  const args: Record<string, string> = {};
  for (const a of rawArgs.trim().split(/\s+/).filter(Boolean)) {
    const i = a.indexOf('=');
    args[a.slice(0, i)] = a.slice(i + 1);
  }
  return { kind, raw, tool: name, args };
}

/** Problems with the placeholders of a text: malformed tokens, unknown tools or arguments, unknown entries. */
export function placeholderProblems(text: string, entryIds?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const rest = text.replace(TOKEN, ' ');
  for (const m of rest.matchAll(LOOSE)) problems.push(`malformed placeholder ${m[0]}`);
  if (!LOOSE_ONE.test(rest) && /\{\{|\}\}/.test(rest)) problems.push(`malformed placeholder near "${rest.slice(Math.max(0, rest.search(/\{\{|\}\}/) - 10), rest.search(/\{\{|\}\}/) + 40)}"`);
  for (const p of parsePlaceholders(text)) {
    if (p.kind === 'entry') {
      if (entryIds && !entryIds.has(p.id)) problems.push(`${p.raw} names no entry`);
      continue;
    }
    const known = (PLACEHOLDER_TOOLS as Record<string, readonly string[]>)[p.tool];
    if (!known) problems.push(`${p.raw} names no sent-doctor tool`);
    else for (const a of Object.keys(p.args)) if (!known.includes(a)) problems.push(`${p.raw}: ${p.tool} takes no argument ${a}`);
  }
  return problems;
}

/** Entry IDs a text refers to, in order of first mention. */
export function entryRefs(text: string): string[] {
  return [...new Set(parsePlaceholders(text).flatMap((p) => (p.kind === 'entry' ? [p.id] : [])))];
}

export interface RenderPlaceholderOptions {
  slots?: Slots;
  /** Title of an entry by ID (the knowledge base); the ID itself when unknown. */
  title?: (id: string) => string | undefined;
}

/**
 * The text with every placeholder rendered for a surface, as Markdown (`code` for commands,
 * **bold** for entry titles): the Slack renderer then converts Markdown to mrkdwn as usual.
 */
export function renderPlaceholders(text: string, surface: Surface, o: RenderPlaceholderOptions = {}): string {
  return text.replace(TOKEN, (...m) => {
    const p = toPlaceholder(m as unknown as RegExpMatchArray);
    if (p.kind === 'entry') {
      const title = o.title?.(p.id) ?? p.id;
      return surface === 'mcp' ? `**${title}** (sent-doctor://scenarios/${p.id})` : `**${title}**`;
    }
    const args = Object.fromEntries(Object.entries(p.args).map(([k, v]) => [k, fill(v, o.slots)]));
    return toolText(p.tool, args, surface);
  });
}

function fill(v: string, slots: Slots | undefined): string {
  const slot = /^<([a-z_ ]+)>$/.exec(v)?.[1];
  return (slot && slots?.[slot]) || v;
}

function toolText(tool: string, a: Record<string, string>, surface: Surface): string {
  if (surface === 'mcp') {
    const given = Object.entries(a).filter(([, v]) => !v.startsWith('<'));
    return `\`${tool}\`${given.length ? ` (${given.map(([k, v]) => `${k}: "${v}"`).join(', ')})` : ''}`;
  }
  const cmd = surface === 'slack' ? SLACK : CLI;
  const f = cmd[tool as PlaceholderTool];
  return f ? `\`${f(a)}\`` : `\`${tool}\``;
}

const arg = (v: string | undefined, fallback: string) => v ?? fallback;

const SLACK: Record<PlaceholderTool, (a: Record<string, string>) => string> = {
  lookup_message: (a) => `/sent status ${arg(a.id, '<message id>')}`,
  validate_payload: (a) => `/sent validate ${arg(a.payload, '<payload>')}`,
  get_coverage: (a) => `/sent coverage ${arg(a.country, '<country>')}`,
  check_api_key: () => '/sent key',
  diagnose: (a) => `@sent-doctor ${arg(a.text, '<question>')}`,
};

const CLI: Record<PlaceholderTool, (a: Record<string, string>) => string> = {
  lookup_message: (a) => `sent-doctor status ${arg(a.id, '<message id>')}`,
  validate_payload: (a) => `sent-doctor validate ${arg(a.payload, '<file>')}`,
  get_coverage: (a) => `sent-doctor coverage ${arg(a.country, '<country>')}`,
  check_api_key: () => 'sent-doctor check-key',
  diagnose: (a) => `sent-doctor diagnose "${arg(a.text, '<question>')}"`,
};
