/** The registry: the one list every surface (MCP, Slack, CLI) loops over. */
import { diagnose } from './diagnose.js';
import { lookupMessage } from './lookup-message.js';
import { validatePayload } from './validate-payload.js';
import { checkApiKey } from './check-api-key.js';
import { getCoverage } from './get-coverage.js';
import { searchKnowledge } from './search-knowledge.js';
import { checkAccount } from './check-account.js';
import { recentFailures } from './recent-failures.js';
import type { Tool } from './define.js';

export const TOOLS = [diagnose, lookupMessage, validatePayload, checkApiKey, getCoverage, searchKnowledge, checkAccount, recentFailures] as const satisfies readonly Tool<any, any>[];

export type AnyTool = (typeof TOOLS)[number];

export function findTool(name: string): AnyTool | undefined {
  return TOOLS.find((t) => t.name === name);
}

export { diagnose, lookupMessage, validatePayload, checkApiKey, getCoverage, searchKnowledge, checkAccount, recentFailures };
