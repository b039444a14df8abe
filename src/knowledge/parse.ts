/**
 * One knowledge entry: YAML front matter + fixed Markdown sections, read with marked's lexer
 * and validated with zod. A bad file is a ConfigError naming the file and the problem.
 */
import { lexer, type Token, type Tokens } from 'marked';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';
import type { Scenario, ScenarioCause } from '../../tools/context.js';
import { ConfigError } from '../../tools/errors.js';

/** Validator and key findings, and field values; a looked-up record's status is decided by the verdict table, not by signals. */
export const SIGNAL_RE = /^(finding:[a-z0-9_]+|field:[a-z_]+=[a-z_]+)$/;

export const FrontMatter = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
  title: z.string().min(5),
  summary: z.string().min(10),
  channels: z.array(z.enum(['whatsapp', 'sms', 'rcs', 'any'])).min(1),
  codes: z.array(z.string().regex(/^[A-Z0-9_]+$/, 'codes are upper-case identifiers or numbers')).default([]),
  signals: z.array(z.string().regex(SIGNAL_RE, 'signal must be finding:<code> or field:<name>=<value>')).default([]),
  keywords: z.array(z.string().min(2)).default([]),
  related: z.array(z.string()).default([]),
  sources: z.array(z.string().min(3)).min(1, 'at least one source is required'),
});

const SECTIONS = {
  symptoms: 'Symptoms',
  why: 'Why it happens',
  causes: 'Causes',
  steps: 'Steps',
  verify: 'Verify the fix',
  escalate: 'When to escalate',
} as const;
type SectionKey = keyof typeof SECTIONS;

function fail(file: string, problem: string): never {
  throw new ConfigError(`Knowledge entry ${file}: ${problem}`, { hint: 'Fix the file; the format is described in README.md ("Adding a knowledge entry").' });
}

export function splitFrontMatter(file: string, text: string): { meta: unknown; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ''));
  if (!m) fail(file, 'missing YAML front matter between --- lines');
  try {
    return { meta: parseYaml(m[1]!), body: m[2]! };
  } catch (e) {
    fail(file, `front matter is not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
}

const text = (tokens: Token[]) =>
  tokens
    .map((t) => t.raw)
    .join('')
    .trim();

export function parseScenario(file: string, source: string): Scenario {
  const { meta, body } = splitFrontMatter(file, source);
  const fm = FrontMatter.safeParse(meta);
  if (!fm.success) {
    const i = fm.error.issues[0]!;
    fail(file, `front matter ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const tokens = lexer(body);
  const sections = new Map<SectionKey, Token[]>();
  let current: SectionKey | null = null;
  for (const t of tokens) {
    if (t.type === 'heading' && (t as Tokens.Heading).depth === 2) {
      const title = (t as Tokens.Heading).text.trim();
      const key = (Object.keys(SECTIONS) as SectionKey[]).find((k) => SECTIONS[k].toLowerCase() === title.toLowerCase());
      if (!key) fail(file, `unknown section "## ${title}" (expected: ${Object.values(SECTIONS).join(', ')})`);
      if (sections.has(key)) fail(file, `section "## ${title}" appears twice`);
      sections.set(key, []);
      current = key;
      continue;
    }
    if (current) sections.get(current)!.push(t);
    else if (t.type !== 'space') fail(file, 'text before the first "## " section');
  }
  const order = (Object.keys(SECTIONS) as SectionKey[]).filter((k) => sections.has(k));
  for (const k of Object.keys(SECTIONS) as SectionKey[]) {
    if (!sections.has(k) || !text(sections.get(k)!)) fail(file, `section "## ${SECTIONS[k]}" is missing or empty`);
  }
  if (order.join() !== Object.keys(SECTIONS).join()) fail(file, `sections are out of order (expected: ${Object.values(SECTIONS).join(', ')})`);

  const causes = parseCauses(file, sections.get('causes')!);
  const stepList = sections.get('steps')!.find((t): t is Tokens.List => t.type === 'list' && (t as Tokens.List).ordered);
  if (!stepList || stepList.items.length < 2) fail(file, 'section "## Steps" needs an ordered list with at least two steps');
  const data = fm.data;
  return {
    ...data,
    symptoms: text(sections.get('symptoms')!),
    why: text(sections.get('why')!),
    causes,
    steps: stepList.items.map((i) => i.text.trim()),
    verify: text(sections.get('verify')!),
    escalate: text(sections.get('escalate')!),
    markdown: body.trim(),
    file,
  };
}

function parseCauses(file: string, tokens: Token[]): ScenarioCause[] {
  const causes: { title: string; body: Token[] }[] = [];
  for (const t of tokens) {
    if (t.type === 'heading' && (t as Tokens.Heading).depth === 3) causes.push({ title: (t as Tokens.Heading).text.trim(), body: [] });
    else if (causes.length) causes[causes.length - 1]!.body.push(t);
  }
  if (!causes.length) fail(file, 'section "## Causes" needs at least one "### cause"');
  return causes.map(({ title, body }) => {
    const confirmIdx = body.findIndex((t) => t.type === 'paragraph' && /^\*\*Confirm:\*\*/.test(t.raw));
    if (confirmIdx < 0) fail(file, `cause "${title}" has no "**Confirm:**" paragraph`);
    return {
      title: title.replace(/^\d+\.\s*/, ''),
      text: text(body.filter((_, i) => i !== confirmIdx)),
      confirm: body[confirmIdx]!.raw.replace(/^\*\*Confirm:\*\*\s*/, '').trim(),
    };
  });
}
