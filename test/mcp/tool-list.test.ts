/**
 * tools/list is answered from src/mcp/tool-list.ts, written ahead from the registry, so a server
 * answers it without loading the tools; the context is built on the first request that needs it.
 */
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../tools/index.js';
import { describeTool, type AnyTool } from '../../src/mcp/describe.js';
import { TOOL_LIST } from '../../src/mcp/tool-list.js';
import { makeTestContext } from '../helpers/context.js';
import { connect } from './setup.js';

describe('tool-list.ts', () => {
  it('is what the registry describes (else run npm run tool-list)', () => {
    expect(TOOL_LIST).toEqual((TOOLS as readonly AnyTool[]).map(describeTool));
  });
});

describe('a server given a context builder', () => {
  it('answers initialize and tools/list without building the context; builds it once, on the first call', async () => {
    let built = 0;
    const { client, close } = await connect(async () => {
      built++;
      return makeTestContext();
    });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
      expect(built).toBe(0);
      const unknown = client.callTool({ name: 'no_such_tool', arguments: {} });
      await expect(unknown).rejects.toThrow(/Unknown tool/);
      expect(built).toBe(0);
      const [a, b] = await Promise.all([
        client.callTool({ name: 'get_coverage', arguments: { country: 'DZ' } }),
        client.callTool({ name: 'search_knowledge', arguments: { query: 'sandbox' } }),
      ]);
      expect(a.isError).toBeFalsy();
      expect(b.isError).toBeFalsy();
      expect(built).toBe(1);
    } finally {
      await close();
    }
  });
});
