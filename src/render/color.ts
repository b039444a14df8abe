/**
 * Whether and how to colour one output stream. Kept apart from the terminal renderer so that the
 * CLI's entry and its error lines do not load the Markdown parser (the MCP cold start pays for it).
 */
import { createColors } from 'picocolors';

export type Colors = ReturnType<typeof createColors>;

/**
 * Colour on a terminal, never when piped; `NO_COLOR` (any non-empty value, no-color.org) turns it
 * off, `FORCE_COLOR` (non-zero) turns it on, `TERM=dumb` off.
 */
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** The colours of one output stream. */
export function colors(color: boolean): Colors {
  return createColors(color);
}
