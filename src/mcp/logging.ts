/**
 * MCP logging: `logging/setLevel` and `notifications/message`.
 *
 * Log lines are forwarded only when they were written inside one of this server's own requests
 * (tracked with AsyncLocalStorage). In stateless HTTP many servers share one logger at once, and a
 * line from someone else's request must never reach this client. Each notification goes out with
 * the request it belongs to, which is also the only way it can travel in stateless HTTP (there is
 * no standalone stream to put it on).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { LoggingLevelSchema, SetLevelRequestSchema, type LoggingLevel, type ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { maskPhonesInText } from '../../tools/domain/redact.js';

/** What a logger must offer to be forwarded (src/log.ts createLogger has it). */
export interface LineSource {
  onLine(fn: (level: string, line: string) => void): () => void;
}

interface Scope {
  owner: object;
  notify: (n: ServerNotification) => Promise<void>;
}

/** One storage for the process: AsyncLocalStorage instances are not freed on Node 20 unless disabled. */
const scopes = new AsyncLocalStorage<Scope>();

const SEVERITY = new Map(LoggingLevelSchema.options.map((l, i) => [l, i]));
const FROM_LOGGER: Record<string, LoggingLevel> = { debug: 'debug', info: 'info', warn: 'warning', error: 'error' };
/** Until the client picks a level, debug chatter stays in the server's own log. */
export const DEFAULT_CLIENT_LOG_LEVEL: LoggingLevel = 'info';

export interface LogForwarding {
  /** Run `fn` so that the log lines it causes reach this client. */
  within<T>(notify: Scope['notify'], fn: () => Promise<T>): Promise<T>;
  /** Stop listening to the logger (the server closed). */
  detach(): void;
}

export function attachLogForwarding(server: Server, source: LineSource | undefined, loggerName = 'sent-doctor'): LogForwarding {
  const owner = {};
  let level: LoggingLevel = DEFAULT_CLIENT_LOG_LEVEL;
  // Replaces the SDK's own handler so this server knows the level and can apply a default.
  server.setRequestHandler(SetLevelRequestSchema, (req) => {
    level = req.params.level;
    return {};
  });
  let sending = false;
  const off = source?.onLine((lvl, line) => {
    const scope = scopes.getStore();
    if (!scope || scope.owner !== owner || sending) return;
    const mcpLevel = FROM_LOGGER[lvl] ?? 'info';
    if ((SEVERITY.get(mcpLevel) ?? 0) < (SEVERITY.get(level) ?? 0)) return;
    // The line is already scrubbed of secrets by the logger; phone numbers are masked here.
    sending = true;
    try {
      scope
        .notify({ method: 'notifications/message', params: { level: mcpLevel, logger: loggerName, data: maskPhonesInText(line) } })
        .catch(() => {
          // A client that went away cannot be told; logging that would loop back here.
        });
    } finally {
      sending = false;
    }
  });
  return {
    within: (notify, fn) => scopes.run({ owner, notify }, fn),
    detach: () => off?.(),
  };
}
