import { z } from 'zod';
import { defineTool } from './define.js';

export const searchKnowledge = defineTool({
  name: 'search_knowledge',
  description:
    'Search the knowledge base of Sent delivery problems by words or codes.',
  input: z.object({
    query: z.string().min(1).max(2000).describe('What to look for, in plain words or codes'),
    limit: z.number().int().min(1).max(13).default(5).describe('How many results'),
  }),
  output: z.object({
    results: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        summary: z.string(),
        score: z.number(),
        matched_terms: z.array(z.string()),
        steps: z.array(z.string()),
      }),
    ),
  }),
  annotations: { title: 'Search the knowledge base', readOnlyHint: true, destructiveHint: false, openWorldHint: false, idempotentHint: true },
  async run({ query, limit }, ctx) {
    const hits = ctx.knowledge.search(query, { limit });
    return {
      results: hits.flatMap((h) => {
        const s = ctx.knowledge.get(h.id);
        return s
          ? [{ id: s.id, title: s.title, summary: s.summary, score: Math.round(h.score * 100) / 100, matched_terms: h.terms, steps: s.steps }]
          : [];
      }),
    };
  },
});
