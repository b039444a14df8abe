import { describe, expect, it } from 'vitest';
import { DOMAIN_FACTS, factsIn } from '../../../tools/domain/triage/facts.js';
import { ALIASES, normaliseAliases } from '../../../tools/domain/aliases.js';
import { INTENTS } from '../../../tools/diagnose/intents.js';

describe('domain facts: one phrase a row, each with a positive and a negative example', () => {
  it.each(DOMAIN_FACTS.map((f) => [f.id, f] as const))('%s', (_id, f) => {
    expect(factsIn(f.example.yes).map((x) => x.id)).toContain(f.id);
    expect(factsIn(f.example.no).map((x) => x.id)).not.toContain(f.id);
  });
});

describe('aliases: typo and alias normalisation, each rule with a positive and a negative example', () => {
  it.each(ALIASES.map((a) => [a.to, a] as const))('→ %s', (_to, a) => {
    expect(normaliseAliases(a.example.yes)).toContain(a.to);
    expect(normaliseAliases(a.example.no)).toBe(a.example.no);
  });
});

describe('intents: questions that are not failures', () => {
  it.each(INTENTS.map((i) => [i.id, i] as const))('%s', (_id, i) => {
    expect(i.re.test(i.example.yes)).toBe(true);
    expect(i.re.test(i.example.no)).toBe(false);
  });
});
