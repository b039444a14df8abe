/**
 * Resources: every knowledge entry as `sent-doctor://scenarios/{id}` (listed, Markdown) and the
 * coverage table as the template `sent-doctor://coverage/{country}` with country-code completion.
 * Coverage is read through the get_coverage tool, so the resource and the tool cannot disagree.
 * Issue 15: a message as the template `sent-doctor://messages/{id}` (the lookup_message result),
 * with resources/subscribe (subscriptions.ts). What a read answers is in resource-reads.ts, loaded
 * on the first read.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolContext } from '../../tools/context.js';
import { registerSubscriptions } from './subscriptions.js';
import { COVERAGE_URI, MESSAGE_URI, SCENARIO_URI, scenarioUri, variable } from './uris.js';

const MARKDOWN = 'text/markdown';
const reads = () => import('./resource-reads.js');

export function registerResources(mcp: McpServer, context: () => Promise<ToolContext>, opts: { subscriptions: boolean }): void {
  mcp.registerResource(
    'scenario',
    new ResourceTemplate(SCENARIO_URI, {
      list: async () => (await reads()).listScenarios(await context(), scenarioUri),
      complete: { id: async (value) => (await reads()).completeScenario(await context(), value) },
    }),
    {
      title: 'Knowledge entry',
      description: 'One failure scenario of the knowledge base: symptoms, why it happens, causes, steps, how to verify, when to escalate, sources.',
      mimeType: MARKDOWN,
    },
    async (uri, vars) => (await reads()).readScenario(await context(), uri, variable(vars.id)),
  );

  mcp.registerResource(
    'coverage',
    new ResourceTemplate(COVERAGE_URI, {
      // 200+ countries would drown the resource list; completion finds them instead.
      list: undefined,
      complete: { country: async (value) => (await reads()).completeCountry(await context(), value) },
    }),
    {
      title: 'SMS coverage by country',
      description: 'SMS sender rules for one destination (ISO code such as DZ, or a country name): alphanumeric sender IDs, long codes, registration, filtering, sources.',
      mimeType: MARKDOWN,
    },
    async (uri, vars) => (await reads()).readCoverage(await context(), uri, variable(vars.country)),
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
    async (uri, vars) => (await reads()).readMessage(await context(), uri, variable(vars.id)),
  );
  registerSubscriptions(mcp, context, opts.subscriptions);
}
