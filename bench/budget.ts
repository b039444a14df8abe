/** A time budget: every loop in the bench stops at its count or at its deadline, whichever comes first. */
import { now } from './stats.js';

export interface Budget {
  readonly ms: number;
  left(): number;
  over(): boolean;
  /** A sub-budget: `fraction` of what is left, at most `capMs`. */
  part(fraction: number, capMs?: number): Budget;
}

export function budget(ms: number): Budget {
  const end = now() + ms;
  const b: Budget = {
    ms,
    left: () => Math.max(0, end - now()),
    over: () => now() >= end,
    part: (fraction, capMs = Infinity) => budget(Math.min(capMs, b.left() * fraction)),
  };
  return b;
}
