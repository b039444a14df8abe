/**
 * Resources: every knowledge entry as `sent-doctor://scenarios/{id}` (listed, Markdown) and the
 * coverage table as the template `sent-doctor://coverage/{country}` with country-code completion.
 * Coverage is read through the get_coverage tool, so the resource and the tool cannot disagree.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext } from '../../tools/context.js';
import { callTool } from '../../tools/define.js';
import { getCoverage } from '../../tools/get-coverage.js';
import { isDoctorError } from '../../tools/errors.js';
import { normalizeName } from '../../tools/domain/countries.js';
import { redactSecrets } from '../../tools/domain/redact.js';
import { renderCoverage, renderScenario } from '../render/markdown.js';

export const SCENARIO_URI = 'sent-doctor://scenarios/{id}';
export const COVERAGE_URI = 'sent-doctor://coverage/{country}';
export const scenarioUri = (id: string) => `sent-doctor://scenarios/${id}`;
export const coverageUri = (iso2: string) => `sent-doctor://coverage/${iso2}`;

/** JSON-RPC code the MCP spec gives to "resource not found". */
const RESOURCE_NOT_FOUND = -32002;
const MARKDOWN = 'text/markdown';

export function registerResources(mcp: McpServer, ctx: ToolContext): void {
  mcp.registerResource(
    'scenario',
    new ResourceTemplate(SCENARIO_URI, {
      list: () => ({
        resources: ctx.knowledge.list().map((s) => ({
          uri: scenarioUri(s.id),
          name: s.id,
          title: s.title,
          description: s.summary,
          mimeType: MARKDOWN,
        })),
      }),
      complete: { id: (value) => completeScenario(ctx, value) },
    }),
    {
      title: 'Knowledge entry',
      description: 'One failure scenario of the knowledge base: symptoms, why it happens, causes, steps, how to verify, when to escalate, sources.',
      mimeType: MARKDOWN,
    },
    (uri, vars) => {
      const id = variable(vars.id);
      const s = ctx.knowledge.get(id);
      if (!s) throw new McpError(RESOURCE_NOT_FOUND, `No knowledge entry "${clip(id)}". List the resources to see the entries.`);
      return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: renderScenario(s) }] };
    },
  );

  mcp.registerResource(
    'coverage',
    new ResourceTemplate(COVERAGE_URI, {
      // 200+ countries would drown the resource list; completion finds them instead.
      list: undefined,
      complete: { country: (value) => completeCountry(ctx, value) },
    }),
    {
      title: 'SMS coverage by country',
      description: 'SMS sender rules for one destination (ISO code such as DZ, or a country name): alphanumeric sender IDs, long codes, registration, filtering, sources.',
      mimeType: MARKDOWN,
    },
    async (uri, vars) => {
      const country = variable(vars.country);
      try {
        const out = await callTool(getCoverage, { country }, ctx);
        return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: renderCoverage(out) }] };
      } catch (err) {
        if (isDoctorError(err)) {
          throw new McpError(RESOURCE_NOT_FOUND, redactSecrets(`${err.message}${err.hint ? ` ${err.hint}` : ''}`));
        }
        throw err;
      }
    },
  );
}

/** Template variables arrive percent-encoded and, for `{x}`, possibly as a list. */
function variable(v: string | string[] | undefined): string {
  const raw = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function completeScenario(ctx: ToolContext, value: string): string[] {
  const q = value.trim().toLowerCase();
  const ids = ctx.knowledge.list().map((s) => s.id);
  return [...ids.filter((id) => id.startsWith(q)), ...ids.filter((id) => !id.startsWith(q) && id.includes(q))];
}

/** ISO codes first, then countries whose name starts with what was typed ("alg" → DZ). */
export function completeCountry(ctx: ToolContext, value: string): string[] {
  const rows = [...ctx.coverage.all()].sort((a, b) => a.iso2.localeCompare(b.iso2));
  const q = value.trim();
  if (!q) return rows.map((r) => r.iso2);
  const upper = q.toUpperCase();
  const folded = normalizeName(q);
  const out = new Set<string>();
  for (const r of rows) if (r.iso2.startsWith(upper)) out.add(r.iso2);
  if (folded) {
    for (const r of rows) if (normalizeName(r.country).startsWith(folded)) out.add(r.iso2);
    for (const r of rows) if (normalizeName(r.country).includes(` ${folded}`)) out.add(r.iso2);
  }
  return [...out];
}

function clip(s: string): string {
  const clean = s.replace(/[\p{C}]/gu, '?');
  return clean.length > 64 ? `${clean.slice(0, 61)}…` : clean;
}
