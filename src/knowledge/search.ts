/** Full-text search over the knowledge entries (minisearch), with the domain's synonyms. */
import MiniSearch from 'minisearch';
import type { KnowledgeHit, Scenario } from '../../tools/context.js';
import { normaliseAliases } from '../../tools/domain/aliases.js';

const STOP = new Set(
  'a an the and or but if of to in on at for from by with is are was were be been it its this that these those i we you they my our your their me us do does did not no can cant could should would will just have has had get got so as than then there here what which who how why when where all any some'.split(
    ' ',
  ),
);

/** Lower-case, strip accents, drop stop words, light stemming: "messages" ≈ "message". */
export function processTerm(term: string): string | null {
  const t = term
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  if (t.length < 2 || STOP.has(t)) return null;
  if (/^\d+$/.test(t)) return t;
  return t.replace(/(?:ies)$/, 'y').replace(/(?:ing|ed|es|s)$/, '') || t;
}

export interface KnowledgeIndex {
  search(query: string, limit: number): KnowledgeHit[];
}

export function createKnowledgeIndex(scenarios: Scenario[]): KnowledgeIndex {
  // Words the entries use: those match exactly, so only unknown words (typos) pay for fuzzy and
  // prefix search, the costly part of a query.
  const vocabulary = new Set<string>();
  const ms = new MiniSearch<{ id: string; title: string; summary: string; codes: string; keywords: string; symptoms: string; body: string }>({
    fields: ['title', 'summary', 'codes', 'keywords', 'symptoms', 'body'],
    storeFields: ['title'],
    processTerm: (term, field) => {
      const t = processTerm(term);
      if (t && field) vocabulary.add(t);
      return t;
    },
    tokenize: (s) => s.split(/[^\p{L}\p{N}_]+/u),
    searchOptions: {
      boost: { title: 4, codes: 5, keywords: 3, symptoms: 2, summary: 2, body: 1 },
      prefix: (t) => t.length > 5 && !vocabulary.has(t),
      // Typos ("whatsap", "fallbak") within one edit.
      fuzzy: (t) => (t.length > 5 && !vocabulary.has(t) ? 0.2 : false),
      maxFuzzy: 1,
      combineWith: 'OR',
    },
  });
  ms.addAll(
    scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      codes: s.codes.join(' '),
      keywords: s.keywords.join(' . '),
      symptoms: s.symptoms,
      body: [s.why, ...s.causes.map((c) => `${c.title} ${c.text}`)].join('\n'),
    })),
  );
  return {
    search(query, limit) {
      // Each distinct word once: long tickets repeat themselves, and every term costs a tree walk.
      const words = normaliseAliases(query.slice(0, 4000)).split(/[^\p{L}\p{N}_]+/u);
      const q = [...new Set(words.map((w) => w.toLowerCase()).filter((w) => w.length > 1 && !STOP.has(w)))].slice(0, 80).join(' ');
      return ms.search(q).slice(0, limit).map((r) => ({ id: r.id, title: String(r.title), score: r.score, terms: r.terms }));
    },
  };
}
