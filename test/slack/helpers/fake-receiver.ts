/**
 * A Bolt receiver for tests: nothing listens; tests push recorded payloads with `send()`, which
 * calls app.processEvent the way a real receiver does and records every ack (with its body and
 * which Web API calls had been made by then).
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

export interface AckRecord {
  body?: unknown;
  /** How many Web API calls the fake Slack had recorded when ack() ran. */
  callsBefore: number;
}

export interface Delivery {
  acks: AckRecord[];
  /** Resolves when processEvent (every listener) is done. */
  done: Promise<void>;
  /** Resolves at the first ack. */
  acked: Promise<AckRecord>;
}

export class FakeReceiver implements Receiver {
  private app?: App;
  constructor(private readonly callCount: () => number = () => 0) {}

  init(app: App): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  send(body: Record<string, unknown>, opts: { retryNum?: number; retryReason?: string } = {}): Delivery {
    if (!this.app) throw new Error('FakeReceiver: app not initialised');
    const acks: AckRecord[] = [];
    let firstAck!: (a: AckRecord) => void;
    const acked = new Promise<AckRecord>((r) => (firstAck = r));
    const event: ReceiverEvent = {
      body,
      retryNum: opts.retryNum,
      retryReason: opts.retryReason,
      ack: async (response?: unknown) => {
        const rec = { body: response, callsBefore: this.callCount() };
        acks.push(rec);
        if (acks.length === 1) firstAck(rec);
      },
    };
    const done = this.app.processEvent(event);
    return { acks, done, acked };
  }
}
