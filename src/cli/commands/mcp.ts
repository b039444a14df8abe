import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { setUp } from '../setup.js';
import { runStdio } from '../../mcp/stdio.js';
import { preload } from '../../context.js';

export function register(program: Command, deps: CliDeps): void {
  program
    .command('mcp')
    .description('Run the MCP server over stdio (for Claude Desktop, Claude Code, Cursor, VS Code); logs go to stderr')
    .action(async () => {
      const { logger, ctx } = setUp(deps, program, 'text', { longRunning: true });
      // No key: the tools still work offline and lookup_message says a key is needed. Never the simulator
      // here: an agent must not present simulated records as the user's real messages.
      if (!ctx.sent) logger.warn('No SENT_DM_API_KEY is set: message lookups are off; the other tools work offline.');
      logger.info(`sent-doctor MCP server on stdio${ctx.sent ? ` (Sent ${ctx.sent.baseUrl}, key ${ctx.sent.keyFingerprint})` : ''}`);
      // The knowledge base loads on first use or a moment after start-up (so the first tools/list is
      // fast); a bad entry still stops the server, with the file and the problem on stderr.
      let failed: unknown;
      setTimeout(() => {
        try {
          preload(ctx);
        } catch (err) {
          failed = err;
          process.stdin.destroy();
        }
      }, 1_000).unref();
      await runStdio(ctx, logger);
      if (failed) throw failed;
      // Idle keep-alive sockets to Sent would hold the process open for a while after the client left.
      await (ctx.sent as { close?: () => Promise<void> } | null)?.close?.().catch(() => undefined);
      await ctx.store.close().catch(() => undefined);
      deps.exit(0);
    });
}
