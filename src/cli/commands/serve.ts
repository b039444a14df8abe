import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { configFor, loggerFor } from '../config-logger.js';
import { startServe } from '../../serve.js';
import { capHeapGrowth } from '../../limits/heap.js';

export function register(program: Command, deps: CliDeps): void {
  program
    .command('serve')
    .description('Start the HTTP server: /healthz, MCP at /mcp, Slack at /slack/events (demo mode with the simulator when no API key is set)')
    .action(async () => {
      const { config } = configFor(deps, 'required');
      const logger = loggerFor(deps, program, config, true);
      for (const w of config.warnings) logger.warn(w);
      // A long-running server: memory under load stays near what it holds (src/limits/heap.ts).
      capHeapGrowth();
      // A failed start-up throws (exit 2 for configuration, a port in use included) after closing what it opened.
      const handle = await startServe(config, logger);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info(`${signal} received: finishing in-flight requests, then stopping.`);
        await handle.close();
        deps.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
}
