/**
 * Knowledge-base lint (issue 17): the code catalog (knowledge/codes.yml) and the entries agree,
 * the catalog agrees with the reference material, and entry text follows the writing rules
 * (no country names in generic steps, no "above/below" cross-references, sent-doctor tool
 * advice marked as such). Every check is a pure function returning a list of problems, and each
 * has a negative test on a deliberately broken in-memory entry or catalog.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load as parseYaml } from 'js-yaml';
import type { Country } from 'world-countries';
import { readScenarios } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR, PACKAGE_ROOT } from '../../src/paths.js';
import type { Scenario } from '../../tools/context.js';
import { placeholderProblems } from '../../src/render/placeholders.js';

interface CatalogEntry {
  code: string;
  family: string;
  meaning: string;
  scenarios: string[];
  source: string;
}

/** The country list, read the way tools/domain/countries.ts reads it (works under NodeNext types). */
const countries = createRequire(import.meta.url)('world-countries/countries.json') as Country[];

const FAMILIES = new Set(['meta', 'sent', 'send-time']);
const TOOLS_RE = /\b(?:lookup_message|validate_payload|get_coverage|check_api_key)\b|`diagnose`/;
const ADVICE_RE = /sent-doctor advice/;
const CROSS_REF_RE =
  /\b(?:above|below|earlier)\b|\blater (?:in|on) this (?:entry|page|section)\b|\b(?:previous|preceding|next|following) (?:step|section|cause)s?\b|\bsteps? \d+\b/i;

const REF_DIR = join(PACKAGE_ROOT, '..', 'shared', 'reference');
const REF_FILES = ['guide-messages-not-delivered.txt', 'sent-api-facts.md', 'meta-whatsapp-codes.md', 'README.md'];

function loadCatalog(): CatalogEntry[] {
  return parseYaml(readFileSync(join(KNOWLEDGE_DIR, 'codes.yml'), 'utf8')) as CatalogEntry[];
}

// ── (a) the catalog itself ────────────────────────────────────────────────────────────────
export function checkCatalog(catalog: unknown, scenarioIds: Set<string>): string[] {
  if (!Array.isArray(catalog)) return ['codes.yml is not a YAML list'];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of catalog.entries()) {
    const e = raw as Partial<CatalogEntry>;
    const at = `item ${i} (${String(e?.code)})`;
    if (typeof e?.code !== 'string' || !/^[A-Z0-9_]+$/.test(e.code)) problems.push(`${at}: code must be an upper-case string`);
    else if (seen.has(e.code)) problems.push(`${at}: duplicate code`);
    else seen.add(e.code);
    if (!FAMILIES.has(String(e?.family))) problems.push(`${at}: unknown family ${String(e?.family)}`);
    if (typeof e?.meaning !== 'string' || !e.meaning.trim()) problems.push(`${at}: empty meaning`);
    if (typeof e?.source !== 'string' || !e.source.trim()) problems.push(`${at}: empty source`);
    if (!Array.isArray(e?.scenarios)) problems.push(`${at}: scenarios must be a list`);
    else {
      for (const s of e.scenarios) if (!scenarioIds.has(s)) problems.push(`${at}: unknown scenario ${s}`);
      if (new Set(e.scenarios).size !== e.scenarios.length) problems.push(`${at}: a scenario is listed twice`);
    }
  }
  return problems;
}

// ── (b) front matter codes == catalog codes pointing at the entry ─────────────────────────
export function checkFrontMatterCodes(scenarios: Pick<Scenario, 'id' | 'codes'>[], catalog: CatalogEntry[]): string[] {
  const problems: string[] = [];
  for (const s of scenarios) {
    const want = new Set(catalog.filter((c) => c.scenarios.includes(s.id)).map((c) => c.code));
    const have = new Set(s.codes);
    for (const c of want) if (!have.has(c)) problems.push(`${s.id}: front matter lacks ${c}, which codes.yml points here`);
    for (const c of have) if (!want.has(c)) problems.push(`${s.id}: front matter lists ${c}, but codes.yml does not point it here`);
    if (have.size !== s.codes.length) problems.push(`${s.id}: a code is listed twice`);
  }
  return problems;
}

// ── (c) catalog vs the reference files ────────────────────────────────────────────────────
/** Rows of the table in meta-whatsapp-codes.md: code → scenario ids named in its last column, in order. */
export function metaTable(metaText: string, scenarioIds: Set<string>): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const idRe = new RegExp(`(?<![\\w-])(${[...scenarioIds].map((s) => s.replace(/-/g, '\\-')).join('|')})(?![\\w-])`, 'g');
  for (const line of metaText.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^\d+$/.test(cells[1]!)) continue;
    const ids = [...cells[3]!.matchAll(idRe)].map((m) => m[1]!);
    rows.set(cells[1]!, [...new Set(ids)]);
  }
  return rows;
}

/** Sent codes named in §5 of sent-api-facts.md (the error-code catalog section). */
export function sentSection5Codes(factsText: string): Set<string> {
  const start = factsText.indexOf('## 5.');
  const end = factsText.indexOf('## 6.', start);
  const section = start >= 0 ? factsText.slice(start, end > start ? end : undefined) : '';
  const re = /\b(?:(?:AUTH|VALIDATION|RESOURCE|BUSINESS|CONFLICT|SERVICE|INTERNAL|LIMIT|CHANNEL|DELIVERY)_\d{3}|ERR_[A-Z_]+[A-Z]|TEMPLATE_NOT_APPROVED|INSUFFICIENT_BALANCE)\b/g;
  return new Set([...section.matchAll(re)].map((m) => m[0]));
}

export function checkAgainstReference(
  catalog: CatalogEntry[],
  ref: { all: string; meta: string; facts: string },
  scenarioIds: Set<string>,
): string[] {
  const problems: string[] = [];
  for (const c of catalog) {
    const re = new RegExp(`(?<![A-Za-z0-9_])${c.code}(?![A-Za-z0-9_])`);
    if (!re.test(ref.all)) problems.push(`${c.code}: not found in the reference files`);
  }
  const byCode = new Map(catalog.map((c) => [c.code, c]));
  const table = metaTable(ref.meta, scenarioIds);
  if (!table.size) problems.push('meta-whatsapp-codes.md: no code table found');
  for (const [code, scenarios] of table) {
    const c = byCode.get(code);
    if (!c) problems.push(`${code}: in meta-whatsapp-codes.md but not in codes.yml`);
    else {
      if (c.family !== 'meta') problems.push(`${code}: family should be meta`);
      if (JSON.stringify(c.scenarios) !== JSON.stringify(scenarios))
        problems.push(`${code}: scenarios ${JSON.stringify(c.scenarios)} but the reference table says ${JSON.stringify(scenarios)}`);
    }
  }
  for (const c of catalog) if (c.family === 'meta' && !table.has(c.code)) problems.push(`${c.code}: family meta but not in the Meta table`);
  for (const code of sentSection5Codes(ref.facts)) if (!byCode.has(code)) problems.push(`${code}: in sent-api-facts.md §5 but not in codes.yml`);
  return problems;
}

// ── (d) no country names in generic steps ─────────────────────────────────────────────────
/** Names per country: world-countries common and official names, plus the short forms people use. */
const EXTRA_NAMES: Record<string, string[]> = {
  US: ['US', 'USA', 'U.S.', 'America'],
  GB: ['UK', 'U.K.', 'Britain', 'England', 'Scotland', 'Wales'],
  AE: ['UAE', 'Emirates'],
  CI: ['Ivory Coast'],
  CZ: ['Czech Republic'],
  KR: ['Korea'],
  RU: ['Russia'],
  SA: ['KSA'],
  TR: ['Turkey'],
  NL: ['Holland'],
};
/** Words that tie an entry to one country although they are not its name (10DLC is US-only: sent-api-facts.md §8). */
const COUNTRY_ALIASES: Record<string, string[]> = { US: ['10dlc'] };

export const COUNTRY_NAMES: Map<string, string[]> = new Map(
  countries.map((c) => [c.cca2, [...new Set([c.name.common, c.name.official, ...(EXTRA_NAMES[c.cca2] ?? [])])]]),
);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nameRe = (name: string) => new RegExp(`(?<![\\p{L}\\p{N}])${esc(name)}(?![\\p{L}\\p{N}])`, 'u');

/** Countries an entry is about: its id or title names them (or a word tied to one country). */
export function entryCountries(s: Pick<Scenario, 'id' | 'title'>, names = COUNTRY_NAMES): Set<string> {
  const hay = `${s.id.replace(/-/g, ' ')} ${s.title}`;
  const out = new Set<string>();
  for (const [cc, list] of names) {
    if (list.some((n) => n.length > 2 && nameRe(n.toLowerCase()).test(hay.toLowerCase()))) out.add(cc);
    if (list.includes('US') && /(?<![A-Za-z])US(?![A-Za-z])/.test(s.title)) out.add(cc);
    for (const a of COUNTRY_ALIASES[cc] ?? []) if (hay.toLowerCase().includes(a)) out.add(cc);
  }
  return out;
}

/** One compiled pattern per (country, name), built once. */
const NAME_PATTERNS = new Map<Map<string, string[]>, Array<[string, string, RegExp]>>();
function namePatterns(names: Map<string, string[]>): Array<[string, string, RegExp]> {
  let p = NAME_PATTERNS.get(names);
  if (!p) NAME_PATTERNS.set(names, (p = [...names].flatMap(([cc, list]) => list.map((n): [string, string, RegExp] => [cc, n, nameRe(n)]))));
  return p;
}

export function checkStepCountries(s: Pick<Scenario, 'id' | 'title' | 'steps'>, names = COUNTRY_NAMES): string[] {
  const own = entryCountries(s, names);
  const problems: string[] = [];
  s.steps.forEach((step, i) => {
    const seen = new Set<string>();
    for (const [cc, name, re] of namePatterns(names)) {
      if (own.has(cc) || seen.has(cc) || !re.test(step)) continue;
      seen.add(cc);
      problems.push(`${s.id} step ${i + 1}: names ${name}, but the entry is not about that country`);
    }
  });
  return problems;
}

// ── (e) no cross-references to other parts of the entry ─────────────────────────────────
export function checkCrossReferences(s: Pick<Scenario, 'id' | 'steps' | 'causes' | 'verify' | 'escalate'>): string[] {
  const parts: Array<[string, string]> = [
    ...s.steps.map((t, i): [string, string] => [`step ${i + 1}`, t]),
    ...s.causes.flatMap((c): Array<[string, string]> => [
      [`cause "${c.title}"`, c.text],
      [`confirm of "${c.title}"`, c.confirm],
    ]),
    ['verify', s.verify],
    ['escalate', s.escalate],
  ];
  const problems: string[] = [];
  for (const [where, text] of parts) {
    const m = CROSS_REF_RE.exec(text);
    if (m) problems.push(`${s.id} ${where}: cross-reference "${m[0]}" (each part is shown alone)`);
  }
  return problems;
}

// ── (f) sourced, and sent-doctor's own advice marked ──────────────────────────────────────
export function checkAdviceMarks(s: Pick<Scenario, 'id' | 'steps' | 'sources' | 'markdown'>): string[] {
  const problems: string[] = [];
  if (!s.sources.length) problems.push(`${s.id}: no sources`);
  s.steps.forEach((step, i) => {
    if (TOOLS_RE.test(step) && !ADVICE_RE.test(step)) problems.push(`${s.id} step ${i + 1}: names a sent-doctor tool without "(sent-doctor advice)"`);
  });
  s.markdown.split('\n').forEach((line, i) => {
    if (TOOLS_RE.test(line) && !ADVICE_RE.test(line)) problems.push(`${s.id} body line ${i + 1}: names a sent-doctor tool without "(sent-doctor advice)"`);
  });
  return problems;
}

// ── (g) steps name sent-doctor's actions and other entries through placeholders ──────────
/**
 * Steps are shown on every surface (Slack, CLI, MCP), so they name sent-doctor's tools and other
 * entries through the placeholders of src/render/placeholders.ts, which each surface renders its
 * own way; a placeholder must be well-formed and name a real tool or entry. No file paths.
 */
const BARE_TOOL_RE = /\b(?:lookup_message|validate_payload|get_coverage|check_api_key|search_knowledge)\b|`diagnose`/;
export function checkStepPlaceholders(s: Pick<Scenario, 'id' | 'steps'>, entryIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  s.steps.forEach((step, i) => {
    const at = `${s.id} step ${i + 1}`;
    for (const p of placeholderProblems(step, entryIds)) problems.push(`${at}: ${p}`);
    const outside = step.replace(/\{\{[^{}]*\}\}/g, ' ');
    if (BARE_TOOL_RE.test(outside)) problems.push(`${at}: names a sent-doctor tool outside a {{tool:…}} placeholder`);
    if (/\bknowledge\/|[\w-]+\.md\b/.test(outside)) problems.push(`${at}: names a file path`);
    for (const id of entryIds) if (new RegExp(`(?<![\\w/-])${id}(?![\\w-])`).test(outside)) problems.push(`${at}: names the entry ${id} outside an {{entry:…}} placeholder`);
  });
  return problems;
}

// ── the real knowledge base ───────────────────────────────────────────────────────────────
const scenarios = readScenarios();
const ids = new Set(scenarios.map((s) => s.id));
const catalog = loadCatalog();
const byId = (id: string) => structuredClone(scenarios.find((s) => s.id === id)!);

describe('knowledge lint: the real knowledge base', () => {
  it('(a) codes.yml: unique codes, known families, meanings, sources and existing scenario ids', () => {
    expect(checkCatalog(catalog, ids)).toEqual([]);
    expect(catalog.length).toBeGreaterThanOrEqual(21);
  });

  it('(b) every entry lists exactly the codes that codes.yml points to it', () => {
    expect(checkFrontMatterCodes(scenarios, catalog)).toEqual([]);
  });

  it.skipIf(!existsSync(REF_DIR))('(c) codes.yml agrees with the reference files', () => {
    const read = (f: string) => readFileSync(join(REF_DIR, f), 'utf8');
    const ref = { all: REF_FILES.map(read).join('\n'), meta: read('meta-whatsapp-codes.md'), facts: read('sent-api-facts.md') };
    expect(metaTable(ref.meta, ids).size).toBe(21);
    expect(checkAgainstReference(catalog, ref, ids)).toEqual([]);
  });

  it('(d) no step names a country unless the entry is about it', () => {
    expect(scenarios.flatMap((s) => checkStepCountries(s))).toEqual([]);
  });

  it('(e) no "above"/"below"/"earlier" cross-references in steps, causes, verify or escalate', () => {
    expect(scenarios.flatMap(checkCrossReferences)).toEqual([]);
  });

  it('(f) every entry has sources, and every mention of a sent-doctor tool is marked as advice', () => {
    expect(scenarios.flatMap(checkAdviceMarks)).toEqual([]);
  });

  it('(g) steps name tools and entries only through well-formed placeholders, and no file paths', () => {
    expect(scenarios.flatMap((s) => checkStepPlaceholders(s, ids))).toEqual([]);
    expect(scenarios.some((s) => s.steps.some((t) => t.includes('{{tool:')))).toBe(true);
  });
});

describe('knowledge lint: each check fails on a broken entry', () => {
  it('(a) flags duplicate codes, unknown families, empty meanings and unknown scenarios', () => {
    const bad = [
      { code: '131049', family: 'meta', meaning: 'x', scenarios: ['whatsapp-131049'], source: 'meta-whatsapp-codes.md' },
      { code: '131049', family: 'meta', meaning: 'x', scenarios: ['whatsapp-131049'], source: 'meta-whatsapp-codes.md' },
      { code: 'AUTH_001', family: 'other', meaning: ' ', scenarios: ['no-such-entry'], source: '' },
      { code: 131026, family: 'meta', meaning: 'x', scenarios: [], source: 'meta' },
    ];
    const problems = checkCatalog(bad, ids);
    expect(problems.join('\n')).toMatch(/duplicate code/);
    expect(problems.join('\n')).toMatch(/unknown family other/);
    expect(problems.join('\n')).toMatch(/empty meaning/);
    expect(problems.join('\n')).toMatch(/empty source/);
    expect(problems.join('\n')).toMatch(/unknown scenario no-such-entry/);
    expect(problems.join('\n')).toMatch(/upper-case string/);
    expect(checkCatalog({ not: 'a list' }, ids)).toEqual(['codes.yml is not a YAML list']);
  });

  it('(b) flags a code missing from front matter and one listed without a catalog pointer', () => {
    const s = byId('whatsapp-131049');
    s.codes = s.codes.filter((c) => c !== '131056').concat('AUTH_002');
    const problems = checkFrontMatterCodes([s], catalog);
    expect(problems).toContain('whatsapp-131049: front matter lacks 131056, which codes.yml points here');
    expect(problems).toContain('whatsapp-131049: front matter lists AUTH_002, but codes.yml does not point it here');
  });

  it('(c) flags invented codes, missing Meta codes, wrong Meta scenarios and missing §5 codes', () => {
    const ref = {
      meta: '| code | meaning | scenario |\n|---|---|---|\n| 132000 | parameter count mismatch | whatsapp-api-payload (cause 4); whatsapp-template-issues |\n| 132015 | paused | whatsapp-template-issues |\n',
      facts: '## 5. Error-code catalog\n| AUTH_001 | 401 | Missing |\n| AUTH_009 | 401 | new |\n## 6. Webhooks\n| AUTH_010 | x |',
      all: '132000 132015 AUTH_001 AUTH_009',
    };
    const cat: CatalogEntry[] = [
      { code: '132000', family: 'meta', meaning: 'paused', scenarios: ['whatsapp-template-issues'], source: 'meta' },
      { code: 'AUTH_001', family: 'sent', meaning: 'missing key', scenarios: ['auth-invalid-api-key'], source: 'facts' },
      { code: 'ERR_MADE_UP', family: 'send-time', meaning: 'invented', scenarios: [], source: 'nowhere' },
    ];
    const problems = checkAgainstReference(cat, ref, ids).join('\n');
    expect(problems).toMatch(/ERR_MADE_UP: not found in the reference files/);
    expect(problems).toMatch(/132015: in meta-whatsapp-codes.md but not in codes.yml/);
    expect(problems).toMatch(/132000: scenarios \["whatsapp-template-issues"\] but the reference table says \["whatsapp-api-payload","whatsapp-template-issues"\]/);
    expect(problems).toMatch(/AUTH_009: in sent-api-facts.md §5 but not in codes.yml/);
    expect(problems).not.toMatch(/AUTH_010/);
  });

  it('(d) flags a country name in a generic step, but not in an entry about that country', () => {
    const s = byId('sms-country-delivery');
    s.steps = [...s.steps, 'Check the text against the content rules (for Algeria: no gambling content).', 'Register the sender in the UAE first.'];
    const problems = checkStepCountries(s);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/names Algeria/);
    expect(problems[1]).toMatch(/names UAE/);
    const algeria = { id: 'sms-algeria', title: 'SMS to Algeria', steps: ['In Algeria, avoid gambling content.', 'Use an alphanumeric sender.'] };
    expect(checkStepCountries(algeria)).toEqual([]);
    // 10DLC is US-only, so the 10DLC entry may talk about US traffic in its steps.
    expect(entryCountries(byId('compliance-10dlc')).has('US')).toBe(true);
    expect(checkStepCountries({ ...byId('sms-only-mode'), steps: ['For US traffic, register first.', 'Then send.'] })).toHaveLength(1);
  });

  it('(e) flags "above", "below", "earlier" and step-number references', () => {
    const s = byId('whatsapp-template-issues');
    s.steps = [...s.steps, 'Keep the body within the limits listed above.', 'Contact support with the bundle from step 1.'];
    s.causes[0]!.confirm = 'go through the checklist below';
    s.verify = 'As explained earlier, the template is approved.';
    s.escalate = 'See the details later in this entry.';
    const problems = checkCrossReferences(s).join('\n');
    expect(problems).toMatch(/"above"/);
    expect(problems).toMatch(/"step 1"/);
    expect(problems).toMatch(/confirm of .*"below"/);
    expect(problems).toMatch(/verify: cross-reference "earlier"/);
    expect(problems).toMatch(/escalate: cross-reference "later in this entry"/);
  });

  it('(f) flags a tool named in a step or body line without the advice mark, and an entry without sources', () => {
    const s = byId('sms-country-delivery');
    s.steps = [...s.steps, 'Run `get_coverage` for the country.', 'Paste the ticket into `diagnose`.'];
    s.markdown += '\n\n**Confirm:** `lookup_message` reports `route_denied`.';
    s.sources = [];
    const problems = checkAdviceMarks(s).join('\n');
    expect(problems).toMatch(/no sources/);
    expect(problems).toMatch(new RegExp(`step ${s.steps.length - 1}: names a sent-doctor tool`));
    expect(problems).toMatch(new RegExp(`step ${s.steps.length}: names a sent-doctor tool`));
    expect(problems).toMatch(/body line \d+: names a sent-doctor tool/);
  });
});

describe('knowledge lint (g): placeholders', () => {
  it('flags bare tool names, file paths, bare entry ids, malformed placeholders and unknown tools or entries', () => {
    const s = byId('sms-country-delivery');
    s.steps = [
      "Run sent-doctor's `get_coverage` tool (sent-doctor advice).",
      'See knowledge/scenarios/sender-id-issues.md.',
      'If the number is wrong, see wrong-sender-number.',
      'Run {{tool:get_coverage country=<country>} now (sent-doctor advice).',
      'Run {{tool:get_weather city=Paris}} (sent-doctor advice).',
      'Run {{tool:get_coverage city=Paris}} (sent-doctor advice).',
      'See {{entry:no-such-entry}}.',
      'Fine: {{tool:get_coverage country=<country>}} and {{entry:sender-id-issues}} (sent-doctor advice).',
    ];
    const p = checkStepPlaceholders(s, ids).join('\n');
    expect(p).toMatch(/step 1: names a sent-doctor tool outside/);
    expect(p).toMatch(/step 2: names a file path/);
    expect(p).toMatch(/step 3: names the entry wrong-sender-number outside/);
    expect(p).toMatch(/step 4: malformed placeholder/);
    expect(p).toMatch(/step 5: .*names no sent-doctor tool/);
    expect(p).toMatch(/step 6: .*takes no argument city/);
    expect(p).toMatch(/step 7: .*names no entry/);
    expect(p).not.toMatch(/step 8/);
  });

  it('(f) still asks for the advice mark on a line that names a tool through a placeholder', () => {
    const s = byId('sender-id-issues');
    s.steps = ['Check the rules with {{tool:get_coverage country=<country>}}.'];
    expect(checkAdviceMarks(s)).toContain('sender-id-issues step 1: names a sent-doctor tool without "(sent-doctor advice)"');
  });
});
