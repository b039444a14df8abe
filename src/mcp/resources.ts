/**
 * Resources: every knowledge entry as `sent-doctor://scenarios/{id}` (listed, Markdown) and the
 * coverage table as the template `sent-doctor://coverage/{country}` with country-code completion.
 * Coverage is read through the get_coverage tool, so the resource and the tool cannot disagree.
 * Issue 15: a message as the template `sent-doctor://messages/{id}` (the lookup_message result), with
 * resources/subscribe: a webhook or a poll that changes a subscribed message sends
 * notifications/resources/updated. Subscriptions need a connection that lasts (stdio); the
 * stateless Streamable HTTP endpoint answers resources/subscribe with an error.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { lookupMessage } from '../../tools/lookup-message.js';
import { isMessageId } from '../../tools/domain/message-id.js';
import { watchServiceOf } from '../watch/hub.js';
import type { ToolContext } from '../../tools/context.js';
import { callTool } from '../../tools/define.js';
import { getCoverage } from '../../tools/get-coverage.js';
import { isDoctorError } from '../../tools/errors.js';
import { normalizeName } from '../../tools/domain/countries.js';
import { redactName, redactSecrets } from '../../tools/domain/redact.js';
import { renderCoverage, renderLookup, renderScenario } from '../render/markdown.js';

export const SCENARIO_URI = 'sent-doctor://scenarios/{id}';
export const COVERAGE_URI = 'sent-doctor://coverage/{country}';
export const scenarioUri = (id: string) => `sent-doctor://scenarios/${id}`;
export const coverageUri = (iso2: string) => `sent-doctor://coverage/${iso2}`;
export const MESSAGE_URI = 'sent-doctor://messages/{id}';
export const messageUri = (id: string) => `sent-doctor://messages/${encodeURIComponent(id)}`;

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

  mcp.registerResource(
    'message',
    new ResourceTemplate(MESSAGE_URI, { list: undefined }),
    {
      title: 'Sent message',
      description:
        'One Sent message looked up by ID (lookup_message): verdict, cause, status, timeline. Subscribe (stdio) to be told when its status changes.',
      mimeType: MARKDOWN,
    },
    async (uri, vars) => {
      const id = variable(vars.id);
      try {
        const out = await callTool(lookupMessage, { message_id: id }, ctx);
        return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: renderLookup(out) }] };
      } catch (err) {
        if (isDoctorError(err)) throw new McpError(RESOURCE_NOT_FOUND, redactSecrets(`${err.message}${err.hint ? ` ${err.hint}` : ''}`));
        throw err;
      }
    },
  );
  registerSubscriptions(mcp, ctx);
}

/** How often subscribed messages are checked in the store (changes other processes saw). */
export const SUBSCRIPTION_CHECK_MS = 2_000;
/** Lookups of a subscribed message: every 30 s for its first 30 minutes (the watch poll's bounds). */
const LOOKUP_EVERY_MS = 30_000;
const LOOKUP_FOR_MS = 30 * 60_000;
const MAX_SUBSCRIPTIONS = 50;

interface Subscription {
  id: string;
  since: number;
  lastKey?: string;
  lastStatus?: string;
  nextLookupAt: number;
}

/**
 * resources/subscribe for `sent-doctor://messages/{id}`. A change reaches a subscriber three ways:
 * from this process's watch service at once (a webhook `serve` received, or a watch's poll); from
 * the store's `watch:last:<id>` (another process's webhook, through Redis); and from its own
 * lookups (every 30 s for 30 minutes).
 */
function registerSubscriptions(mcp: McpServer, ctx: ToolContext): void {
  const server = mcp.server;
  server.registerCapabilities({ resources: { subscribe: true } });
  const subs = new Map<string, Subscription>();
  let timer: NodeJS.Timeout | undefined;
  let checking = false;
  const notify = (uri: string) => void server.sendResourceUpdated({ uri }).catch((e) => ctx.logger.debug('MCP: resource update not sent:', e));

  const offChange = watchServiceOf(ctx)?.onChange((c) => {
    for (const [uri, s] of subs)
      if (s.id === c.message_id && s.lastKey !== c.key) {
        s.lastKey = c.key;
        s.lastStatus = c.status;
        notify(uri);
      }
  });

  async function check(): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      const now = ctx.clock.now();
      for (const [uri, s] of subs) {
        const raw = await ctx.store.get(`watch:last:${s.id}`);
        const last = raw ? (JSON.parse(raw) as { status?: string; key?: string }) : undefined;
        if (last?.key && last.key !== s.lastKey) {
          const first = s.lastKey === undefined && s.lastStatus === undefined;
          s.lastKey = last.key;
          s.lastStatus = last.status;
          if (!first) notify(uri);
          continue;
        }
        if (ctx.sent && now < s.since + LOOKUP_FOR_MS && now >= s.nextLookupAt) {
          s.nextLookupAt = now + LOOKUP_EVERY_MS;
          const before = s.lastStatus;
          const out = await callTool(lookupMessage, { message_id: s.id }, ctx).catch(() => undefined);
          const status = out?.found ? (out.status ?? out.verdict.status) : undefined;
          // A change that arrived while the lookup ran wins over the lookup.
          if (!status || s.lastStatus !== before || !subs.has(uri)) continue;
          if (before !== undefined && status !== before) notify(uri);
          s.lastStatus = status;
        }
      }
    } catch (e) {
      ctx.logger.debug('MCP: subscription check failed:', e);
    } finally {
      checking = false;
    }
  }

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  server.setRequestHandler(SubscribeRequestSchema, async (req) => {
    const t = server.transport;
    if (t instanceof StreamableHTTPServerTransport && !t.sessionId)
      throw new McpError(ErrorCode.InvalidRequest, 'resources/subscribe needs a lasting connection: the HTTP endpoint /mcp is stateless and cannot hold subscriptions. Use `sent-doctor mcp` (stdio).');
    const uri = req.params.uri;
    const m = /^sent-doctor:\/\/messages\/([^/?#]+)$/.exec(uri);
    const id = m ? variable(m[1]) : '';
    if (!isMessageId(id)) throw new McpError(ErrorCode.InvalidParams, 'Only sent-doctor://messages/{id} resources can be subscribed to, with a Sent message ID.');
    if (!subs.has(uri) && subs.size >= MAX_SUBSCRIPTIONS) throw new McpError(ErrorCode.InvalidRequest, `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection.`);
    if (!subs.has(uri)) subs.set(uri, { id, since: ctx.clock.now(), nextLookupAt: ctx.clock.now() });
    if (!timer) {
      timer = setInterval(() => void check(), SUBSCRIPTION_CHECK_MS);
      timer.unref();
    }
    void check();
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, async (req) => {
    subs.delete(req.params.uri);
    if (!subs.size) stop();
    return {};
  });
  const previous = server.onclose;
  server.onclose = () => {
    stop();
    offChange?.();
    subs.clear();
    previous?.();
  };
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
  const clean = redactName(s).replace(/[\p{C}]/gu, '?');
  return clean.length > 64 ? `${clean.slice(0, 61)}…` : clean;
}
