/**
 * What the resources answer, once a client reads one: the knowledge entries, a country's coverage
 * (through get_coverage) and a looked-up message (through lookup_message), as Markdown, and the
 * completions. resources.ts registers the resources and loads this on the first read, so the
 * knowledge base, the coverage table and the renderers are not loaded at start-up.
 */
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { lookupMessage } from '../../tools/lookup-message.js';
import type { ToolContext } from '../../tools/context.js';
import { callTool } from '../../tools/define.js';
import { getCoverage } from '../../tools/get-coverage.js';
import { isDoctorError } from '../../tools/errors.js';
import { normalizeName } from '../../tools/domain/countries.js';
import { redactName, redactSecrets } from '../../tools/domain/redact.js';
import { renderCoverage, renderLookup, renderScenario } from '../render/markdown.js';

/** JSON-RPC code the MCP spec gives to "resource not found". */
const RESOURCE_NOT_FOUND = -32002;
const MARKDOWN = 'text/markdown';

export function listScenarios(ctx: ToolContext, uriOf: (id: string) => string) {
  return {
    resources: ctx.knowledge.list().map((s) => ({ uri: uriOf(s.id), name: s.id, title: s.title, description: s.summary, mimeType: MARKDOWN })),
  };
}

export function readScenario(ctx: ToolContext, uri: URL, id: string): ReadResourceResult {
  const s = ctx.knowledge.get(id);
  if (!s) throw new McpError(RESOURCE_NOT_FOUND, `No knowledge entry "${clip(id)}". List the resources to see the entries.`);
  return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: renderScenario(s) }] };
}

export async function readCoverage(ctx: ToolContext, uri: URL, country: string): Promise<ReadResourceResult> {
  const out = await notFoundOnDoctorError(() => callTool(getCoverage, { country }, ctx));
  return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: renderCoverage(out) }] };
}

export async function readMessage(ctx: ToolContext, uri: URL, id: string): Promise<ReadResourceResult> {
  const out = await notFoundOnDoctorError(() => callTool(lookupMessage, { message_id: id }, ctx));
  return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: renderLookup(out) }] };
}

/** A subscribed message's status now, or undefined when it cannot be looked up. */
export async function currentStatus(ctx: ToolContext, id: string): Promise<string | undefined> {
  const out = await callTool(lookupMessage, { message_id: id }, ctx).catch(() => undefined);
  return out?.found ? (out.status ?? out.verdict.status) : undefined;
}

async function notFoundOnDoctorError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isDoctorError(err)) throw new McpError(RESOURCE_NOT_FOUND, redactSecrets(`${err.message}${err.hint ? ` ${err.hint}` : ''}`));
    throw err;
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
  const clean = redactName(s).replace(/[\p{C}]/gu, '?');
  return clean.length > 64 ? `${clean.slice(0, 61)}…` : clean;
}
