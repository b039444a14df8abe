/**
 * A Bolt receiver that plugs into our own HTTP server at /slack/events, next to /healthz and /mcp.
 * It uses Bolt's own request functions (signature check, body parsing, ack handling) the way
 * Bolt's HTTPReceiver does, minus the server it would start. Events, slash commands and
 * interactivity all arrive at the one URL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http, HTTPResponseAck, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';

export interface HttpAppReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
  /** Largest request body accepted (bytes). */
  bodyLimit?: number;
  /** The clock (ms since the epoch) the request timestamp is checked against; Date.now by default. */
  now?: () => number;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Slack's replay window: a request timestamp further than this from now, either way, is refused. */
export const MAX_TIMESTAMP_SKEW_S = 5 * 60;

/**
 * Bolt's own check refuses only timestamps older than five minutes; one from the future passes it,
 * so a captured request could be replayed until then. Both directions are refused here.
 */
export function timestampFresh(header: string | string[] | undefined, nowMs: number): boolean {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw || !/^\d{1,12}$/.test(raw.trim())) return false;
  return Math.abs(nowMs / 1000 - Number(raw)) <= MAX_TIMESTAMP_SKEW_S;
}

export class HttpAppReceiver implements Receiver {
  private app?: App;
  private readonly pending = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly o: HttpAppReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    this.stopped = false;
  }

  /** Stops taking events and waits (bounded) for answers still being written. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    const deadline = new Promise((r) => setTimeout(r, graceMs).unref());
    await Promise.race([Promise.allSettled([...this.pending]), deadline]);
  }

  /** The route handler for /slack/events. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const log = this.o.logger;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    if (this.stopped || !this.app) {
      res.writeHead(503).end();
      return;
    }
    if (!timestampFresh(req.headers['x-slack-request-timestamp'], (this.o.now ?? Date.now)())) {
      log.warn('Slack request refused: its timestamp is missing or more than 5 minutes from now (check the server clock if this repeats)');
      http.buildNoBodyResponse(res, 401);
      return;
    }
    let buffered: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await http.parseAndVerifyHTTPRequest({ signingSecret: this.o.signingSecret, bodyLimit: this.o.bodyLimit ?? DEFAULT_BODY_LIMIT, logger: log }, req);
    } catch (err) {
      if (http.isRawBodyError(err) && (err.type === 'entity.too.large' || err.statusCode === 413)) {
        log.warn(`Slack request refused: body over ${this.o.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`);
        http.buildNoBodyResponse(res, 413);
        return;
      }
      log.warn(`Slack request refused: ${err instanceof Error ? err.message : 'verification failed'}`);
      http.buildNoBodyResponse(res, 401);
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = http.parseHTTPRequestBody(buffered);
    } catch {
      log.warn('Slack request refused: malformed body');
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (!body || typeof body !== 'object') {
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (body.ssl_check === '1') return http.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return http.buildUrlVerificationResponse(res, body);

    const ack = new HTTPResponseAck({ logger: log, processBeforeResponse: false, httpRequest: buffered, httpRequestBody: body, httpResponse: res });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
    };
    const work = this.app.processEvent(event).catch(async (error: Error) => {
      await http.defaultProcessEventErrorHandler({ error, logger: log, request: req, response: res, storedResponse: ack.storedResponse });
    });
    this.pending.add(work);
    try {
      await work;
    } finally {
      this.pending.delete(work);
    }
  };
}
