/** Inline SVG charts for the triage report: no library, no network, readable when scaled to a phone. */
import { esc } from './escape.js';

export interface Bar {
  key: string;
  label: string;
  title: string;
  /** Conclusive part and not-conclusive part of the bar. */
  solid: number;
  light: number;
  href?: string;
}

const W = 400;

/** Horizontal stacked bars, one per key: the label above its bar, the count after it. */
export function barChart(bars: readonly Bar[], caption: string): string {
  const max = Math.max(1, ...bars.map((b) => b.solid + b.light));
  const rowH = 36;
  const h = Math.max(rowH, bars.length * rowH) + 4;
  const span = W - 48;
  const rows = bars.map((b, i) => {
    const y = i * rowH;
    const total = b.solid + b.light;
    const ws = (b.solid / max) * span;
    const wl = (b.light / max) * span;
    const tip = `${b.title}: ${total} ticket${total === 1 ? '' : 's'}${b.light ? ` (${b.light} not conclusive)` : ''}`;
    const body =
      `<title>${esc(tip)}</title>` +
      `<text x="0" y="${y + 12}" class="lbl">${esc(b.label)}</text>` +
      (ws > 0 ? `<rect class="seg solid" x="0" y="${y + 16}" width="${ws.toFixed(1)}" height="14" rx="2"/>` : '') +
      (wl > 0 ? `<rect class="seg light" x="${ws.toFixed(1)}" y="${y + 16}" width="${wl.toFixed(1)}" height="14" rx="2"/>` : '') +
      `<text x="${(ws + wl + 6).toFixed(1)}" y="${y + 27}" class="num">${total}</text>`;
    const g = `<g class="bar" data-scenario="${esc(b.key)}" data-count="${total}">${body}</g>`;
    return b.href ? `<a href="${esc(b.href)}">${g}</a>` : g;
  });
  return (
    `<svg class="chart" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(caption)}" preserveAspectRatio="xMinYMin meet">` +
    rows.join('') +
    `</svg>`
  );
}

/** A histogram of top-scenario confidences in ten bins, conclusive and not stacked, the threshold marked. */
export function histogram(values: readonly { confidence: number; conclusive: boolean }[], threshold: number, caption: string): string {
  const bins = Array.from({ length: 10 }, () => ({ solid: 0, light: 0 }));
  for (const v of values) {
    const b = bins[Math.min(9, Math.max(0, Math.floor(v.confidence * 10)))]!;
    if (v.conclusive) b.solid++;
    else b.light++;
  }
  const max = Math.max(1, ...bins.map((b) => b.solid + b.light));
  const H = 180;
  const top = 16;
  const base = H - 24;
  const left = 14;
  const bw = (W - left * 2) / 10;
  const bars = bins.map(({ solid, light }, i) => {
    const n = solid + light;
    const hs = (solid / max) * (base - top);
    const hl = (light / max) * (base - top);
    const x = (left + i * bw + 2).toFixed(1);
    const w = (bw - 4).toFixed(1);
    return (
      `<g class="hist-bin" data-bin="${i}" data-count="${n}"><title>${n} ticket${n === 1 ? '' : 's'} at ${i * 10}–${i * 10 + 10}% confidence${light ? ` (${light} not conclusive)` : ''}</title>` +
      (hs > 0 ? `<rect class="seg solid" x="${x}" y="${(base - hs).toFixed(1)}" width="${w}" height="${hs.toFixed(1)}"/>` : '') +
      (hl > 0 ? `<rect class="seg light" x="${x}" y="${(base - hs - hl).toFixed(1)}" width="${w}" height="${hl.toFixed(1)}"/>` : '') +
      (n ? `<text class="num" x="${(left + i * bw + bw / 2).toFixed(1)}" y="${(base - hs - hl - 3).toFixed(1)}" text-anchor="middle">${n}</text>` : '') +
      `</g>`
    );
  });
  const ticks = [0, 2, 4, 6, 8, 10].map(
    (t) => `<text class="axis" x="${(left + t * bw).toFixed(1)}" y="${H - 8}" text-anchor="${t === 0 ? 'start' : t === 10 ? 'end' : 'middle'}">${t * 10}%</text>`,
  );
  const tx = left + threshold * 10 * bw;
  return (
    `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(caption)}" preserveAspectRatio="xMinYMin meet">` +
    `<line class="base" x1="${left}" y1="${base}" x2="${W - left}" y2="${base}"/>` +
    bars.join('') +
    `<line class="threshold" x1="${tx.toFixed(1)}" y1="${top - 8}" x2="${tx.toFixed(1)}" y2="${base}"/>` +
    `<text class="axis" x="${(tx - 4).toFixed(1)}" y="${top - 2}" text-anchor="end">conclusive from ${Math.round(threshold * 100)}% →</text>` +
    ticks.join('') +
    `</svg>`
  );
}
