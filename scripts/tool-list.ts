/**
 * `npm run tool-list`: writes src/mcp/tool-list.ts, the tools/list answer, from the registry
 * (tools/index.ts through src/mcp/describe.ts). The MCP server answers tools/list from that file so
 * it starts without loading the tools; test/mcp/tool-list.test.ts fails when it is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOLS } from '../tools/index.js';
import { describeTool, type AnyTool } from '../src/mcp/describe.js';

export const TOOL_LIST_FILE = join(fileURLToPath(new URL('..', import.meta.url)), 'src/mcp/tool-list.ts');

export function toolListSource(tools: readonly AnyTool[]): string {
  return `/** The tools/list answer, written by \`npm run tool-list\` from the registry (describe.ts). Do not edit. */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

export const TOOL_LIST: readonly Tool[] = ${JSON.stringify(tools.map(describeTool), null, 2)};
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TOOL_LIST_FILE, toolListSource(TOOLS as readonly AnyTool[]));
  process.stdout.write(`wrote ${TOOL_LIST_FILE}\n`);
}
