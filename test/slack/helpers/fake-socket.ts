/**
 * A minimal Socket Mode endpoint on 127.0.0.1 (RFC 6455 handshake and text/ping/close frames, no
 * library): the Socket Mode client connects to the URL the fake apps.connections.open returns;
 * tests send envelopes and read the client's acks.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface FakeSocket {
  url: string;
  /** Envelopes acked by the client (`{ envelope_id, payload? }`). */
  acks: Array<Record<string, unknown>>;
  connected: Promise<void>;
  send(message: unknown): void;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65_536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 255]) : Buffer.alloc(10);
  if (len >= 65_536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

export async function startFakeSocket(): Promise<FakeSocket> {
  const acks: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let socket: Duplex | undefined;
  let onConnect!: () => void;
  const connected = new Promise<void>((r) => (onConnect = r));

  const server: Server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, sock: Duplex) => {
    const key = req.headers['sec-websocket-key'];
    const accept = createHash('sha1').update(`${key}${GUID}`).digest('base64');
    sock.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
    socket = sock;
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf.length < 2) return;
        const opcode = buf[0]! & 0x0f;
        let len = buf[1]! & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        const masked = (buf[1]! & 0x80) !== 0;
        const total = off + (masked ? 4 : 0) + len;
        if (buf.length < total) return;
        const mask = masked ? buf.subarray(off, off + 4) : undefined;
        const data = Buffer.from(buf.subarray(total - len, total));
        if (mask) for (let i = 0; i < data.length; i++) data[i]! ^= mask[i % 4]!;
        buf = buf.subarray(total);
        if (opcode === 0x1) {
          acks.push(JSON.parse(data.toString('utf8')));
          waiters.forEach((w) => w());
        } else if (opcode === 0x9) sock.write(frame(0xa, data));
        else if (opcode === 0x8) {
          sock.end(frame(0x8, data));
          return;
        }
      }
    });
    sock.on('error', () => undefined);
    sock.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0SENTDOC1' } }))));
    onConnect();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/link`,
    acks,
    connected,
    send: (m) => socket?.write(frame(0x1, Buffer.from(JSON.stringify(m)))),
    waitForAck: (id, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const a = acks.find((x) => x.envelope_id === id);
          if (!a) return;
          waiters.delete(check);
          clearTimeout(t);
          resolve(a);
        };
        const t = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ack for ${id}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((r) => {
        socket?.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
