/** Surface-aware wording: one placeholder syntax, rendered by Slack, the CLI and MCP their own way. */
import { describe, expect, test } from 'vitest';
import { entryRefs, parsePlaceholders, placeholderProblems, renderPlaceholders } from '../../src/render/placeholders.js';
import { renderDiagnosis, renderScenario } from '../../src/render/markdown.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { diagnosisFor } from '../slack/helpers/diagnosis.js';

const kb = loadKnowledge();
const step = 'Check the rules with {{tool:get_coverage country=<country>}} (sent-doctor advice); see {{entry:sender-id-issues}}.';

describe('placeholders', () => {
  test('parse: tools with arguments, entries', () => {
    expect(parsePlaceholders(step)).toEqual([
      { kind: 'tool', raw: '{{tool:get_coverage country=<country>}}', tool: 'get_coverage', args: { country: '<country>' } },
      { kind: 'entry', raw: '{{entry:sender-id-issues}}', id: 'sender-id-issues' },
    ]);
    expect(entryRefs(step)).toEqual(['sender-id-issues']);
  });

  test('each surface names the action its own way; a known country fills the slot', () => {
    const slots = { country: 'DZ' };
    const title = (id: string) => kb.get(id)?.title;
    expect(renderPlaceholders(step, 'slack', { slots, title })).toBe(`Check the rules with \`/sent coverage DZ\` (sent-doctor advice); see **${title('sender-id-issues')}**.`);
    expect(renderPlaceholders(step, 'cli', { slots })).toContain('`sent-doctor coverage DZ`');
    expect(renderPlaceholders(step, 'mcp', { slots })).toContain('`get_coverage` (country: "DZ")');
    expect(renderPlaceholders(step, 'mcp')).toContain('sent-doctor://scenarios/sender-id-issues');
    expect(renderPlaceholders(step, 'slack')).toContain('`/sent coverage <country>`');
    expect(renderPlaceholders('{{tool:check_api_key}}', 'slack')).toBe('`/sent key`');
    expect(renderPlaceholders('{{tool:check_api_key}}', 'cli')).toBe('`sent-doctor check-key`');
    expect(renderPlaceholders('{{tool:validate_payload}}', 'cli')).toBe('`sent-doctor validate <file>`');
  });

  test('problems: malformed, unknown tool, unknown argument, unknown entry', () => {
    expect(placeholderProblems(step, new Set(['sender-id-issues']))).toEqual([]);
    expect(placeholderProblems('{{tool:nope}}').join()).toMatch(/names no sent-doctor tool/);
    expect(placeholderProblems('{{tool:get_coverage city=X}}').join()).toMatch(/takes no argument city/);
    expect(placeholderProblems('{{entry:nope}}', new Set(['a'])).join()).toMatch(/names no entry/);
    expect(placeholderProblems('{{tool get_coverage}}').join()).toMatch(/malformed/);
  });
});

describe('the Markdown renderers render placeholders for their surface', () => {
  const d = { ...diagnosisFor(kb, 'sms-country-delivery'), entities: { ...diagnosisFor(kb, 'sms-country-delivery').entities, countries: [{ iso2: 'DZ', name: 'Algeria' }] } };

  test('CLI (a private audience): sent-doctor commands', () => {
    const md = renderDiagnosis(d, { audience: 'private' });
    expect(md).toContain('`sent-doctor coverage DZ`');
    expect(md).not.toContain('{{');
  });

  test('MCP (shared, the default): tool names', () => {
    const md = renderDiagnosis(d);
    expect(md).toContain('`get_coverage` (country: "DZ")');
    expect(md).not.toContain('{{');
    expect(md).not.toContain('/sent ');
  });

  test('an entry as an MCP resource: no raw placeholders', () => {
    const md = renderScenario(kb.get('whatsapp-api-payload')!);
    expect(md).toContain('`validate_payload`');
    expect(md).toContain('sent-doctor://scenarios/whatsapp-template-issues');
    expect(md).not.toContain('{{');
  });
});
