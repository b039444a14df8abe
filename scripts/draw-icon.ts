/**
 * Draws the Slack app icon, assets/icon.png (512×512, Slack's minimum; PNG), with no image library:
 * the manifest's background colour, a white speech bubble (a message) and a teal pulse line across
 * it (a check-up). Anti-aliased by 4×4 supersampling. Run: npx tsx scripts/draw-icon.ts
 *
 * A Slack manifest cannot carry an icon: upload it under the app's Basic Information → Display
 * Information → App icon (docs/slack.md).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const BG: RGB = [0x1f, 0x3b, 0x5a];
const BUBBLE: RGB = [0xff, 0xff, 0xff];
const PULSE: RGB = [0x1f, 0xb5, 0xa5];
type RGB = [number, number, number];

/** Inside a rounded rectangle. */
function inRoundRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Inside a triangle (the bubble's tail). */
function inTriangle(x: number, y: number, [a, b, c]: [number, number][]): boolean {
  const s = (p: [number, number], q: [number, number]) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = s(a!, b!), d2 = s(b!, c!), d3 = s(c!, a!);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

function distToSegment(x: number, y: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const TAIL: [number, number][] = [[148, 330], [140, 420], [236, 330]];
const LINE: [number, number][] = [[132, 236], [196, 236], [226, 170], [270, 306], [304, 206], [326, 236], [380, 236]];
const HALF_WIDTH = 11;

function colourAt(x: number, y: number): RGB {
  const bubble = inRoundRect(x, y, 88, 112, 424, 348, 56) || inTriangle(x, y, TAIL);
  if (!bubble) return BG;
  for (let i = 1; i < LINE.length; i++) if (distToSegment(x, y, LINE[i - 1]!, LINE[i]!) <= HALF_WIDTH) return PULSE;
  return BUBBLE;
}

function render(): Buffer {
  const SS = 4;
  const raw = Buffer.alloc((SIZE * 3 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) {
          const c = colourAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
          sum[0] += c[0]; sum[1] += c[1]; sum[2] += c[2];
        }
      for (let k = 0; k < 3; k++) raw[row + 1 + x * 3 + k] = Math.round(sum[k]! / (SS * SS));
    }
  }
  return raw;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function drawIcon(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = join(import.meta.dirname, '..', 'assets', 'icon.png');
  writeFileSync(out, drawIcon());
  process.stdout.write(`wrote ${out}\n`);
}
