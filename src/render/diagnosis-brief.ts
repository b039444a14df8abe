/**
 * The text of `diagnose` with `detail: "brief"` (the MCP default): each sentence once. The
 * messages' verdicts and causes and the direct answer (the summary), the other tools' findings
 * that the summary does not already say, the top scenario's numbered steps and how to verify,
 * the other candidates by id and confidence, the question and the notes. The structured result
 * next to it carries the data only (tools/diagnose.ts, briefOf).
 */
import type { Diagnosis } from '../../tools/diagnose.js';
import { bullets, code, finish, join, numbered, pct, section, severity, surfaceOf, type RenderOptions } from './md.js';
import { renderPlaceholders } from './placeholders.js';

export function renderDiagnosisBrief(d: Diagnosis, opts: RenderOptions = {}): string {
  const [top, ...others] = d.scenarios;
  const place = (t: string) => renderPlaceholders(t, surfaceOf(opts), { slots: { country: d.entities.countries[0]?.iso2 } });
  const said = new Set<string>(d.summary.split('\n'));
  const once = (s: string): boolean => {
    const key = s.trim();
    if (!key || said.has(key)) return false;
    for (const t of said) if (t.includes(key)) return false;
    said.add(key);
    return true;
  };
  // The lookup findings are the verdicts the summary already states.
  const findings = d.findings.filter((f) => f.source !== 'lookup' && f.severity !== 'info' && once(f.message)).map((f) => `${severity(f.severity)} ${f.message}`);
  const evidence = top ? top.evidence.filter(once).slice(0, 3) : [];
  const rest = others.filter((s) => Math.round(s.confidence * 100) > 0).map((s) => `${code(s.id)} ${pct(s.confidence)}`);
  const more = [d.lookups.length && 'lookups', d.validations.length && 'payload checks', d.bundle && 'the escalation bundle'].filter((x): x is string => !!x);
  const md = join(
    '## Diagnosis',
    d.summary,
    bullets(findings),
    top && top.steps.length ? `**Steps** (${code(top.id)}):\n${numbered(top.steps.map(place))}` : '',
    evidence.length ? `**Evidence:** ${evidence.join('; ')}` : '',
    top?.verify ? `**Verify:** ${place(top.verify)}` : '',
    rest.length ? `Other candidates: ${rest.join(', ')}` : '',
    d.question ? section('Question', `> ${d.question.replace(/\n/g, '\n> ')}`) : '',
    bullets(d.notes.filter(once)),
    more.length ? `_\`detail: "full"\` adds all the evidence, ${more.join(', ')}._` : '',
  );
  return finish(md, opts);
}
