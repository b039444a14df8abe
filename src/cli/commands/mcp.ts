import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { configFor, loggerFor } from '../config-logger.js';
import { runStdio } from '../../mcp/stdio.js';
import { fingerprint } from '../../../tools/domain/redact.js';
import type { ToolContext } from '../../../tools/context.js';

/** Idle time after start-up before the context, the tools and the knowledge base are loaded ahead of the first call. */
const WARM_UP_MS = 300;

export function register(program: Command, deps: CliDeps): void {
  program
    .command('mcp')
    .description('Run the MCP server over stdio (for Claude Desktop, Claude Code, Cursor, VS Code); logs go to stderr')
    .action(async () => {
      const { config } = configFor(deps, 'required');
      const logger = loggerFor(deps, program, config, true);
      for (const w of config.warnings) logger.warn(w);
      const key = config.sent.apiKey;
      // No key: the tools still work offline and lookup_message says a key is needed. Never the simulator
      // here: an agent must not present simulated records as the user's real messages.
      if (!key) logger.warn('No SENT_DM_API_KEY is set: message lookups are off; the other tools work offline.');
      logger.info(`sent-doctor MCP server on stdio${key ? ` (Sent ${config.sent.baseUrl}, key ${fingerprint(key)})` : ''}`);
      // Start-up loads only the protocol: initialize and tools/list are answered without the context.
      // It is built on the first request that needs it, or after a short idle time, with the tools and
      // the knowledge base; a bad entry still stops the server, with the file and the problem on stderr.
      let built: Promise<ToolContext> | undefined;
      const context = () => (built ??= Promise.resolve(deps.buildContext(config, logger)));
      let failed: unknown;
      setTimeout(() => {
        void warmUp(context).catch((err) => {
          failed = err;
          process.stdin.destroy();
        });
      }, WARM_UP_MS).unref();
      await runStdio(context, logger);
      if (failed) throw failed;
      const ctx = built && (await built.catch(() => undefined));
      // Idle keep-alive sockets to Sent would hold the process open for a while after the client left.
      await (ctx?.sent as { close?: () => Promise<void> } | null | undefined)?.close?.().catch(() => undefined);
      await ctx?.store.close().catch(() => undefined);
      deps.exit(0);
    });
}

/** What the first tools/call would otherwise load: the tools, the knowledge base, the coverage table, the text model. */
async function warmUp(context: () => Promise<ToolContext>): Promise<void> {
  const [ctx, { preload }] = await Promise.all([context(), import('../../context.js'), import('../../../tools/index.js'), import('../../mcp/call.js')]);
  preload(ctx);
  ctx.knowledge.model();
}
