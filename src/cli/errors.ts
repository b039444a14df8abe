/**
 * Error → exit code and user-facing text, for the CLI boundary. One style for every command:
 *
 *     error: <what went wrong, and why>
 *     fix: <what to do>
 *
 * Exit codes (documented in docs/cli.md): 0 fine, 1 a problem was found, 2 usage or configuration
 * error (an input over a limit included), 3 Sent unreachable.
 */
import { isDoctorError } from '../../tools/errors.js';
import { redactSecrets } from '../../tools/domain/redact.js';
import { colors } from '../render/color.js';

export const EXIT = { ok: 0, problem: 1, usage: 2, unreachable: 3 } as const;

export function exitCodeFor(err: unknown): number {
  if (!isDoctorError(err)) return EXIT.problem;
  switch (err.kind) {
    case 'input':
    case 'config':
    // A text over the length cap is a usage error whether it came from argv or stdin.
    case 'limit':
      return EXIT.usage;
    case 'unreachable':
      return EXIT.unreachable;
    default:
      return EXIT.problem;
  }
}

/** What every error says when it has no more specific fix. */
const DEFAULT_FIX: Record<string, string> = {
  input: 'Run the command with --help to see what it takes.',
  config: 'Fix the environment variable (see docs/operations.md, Configuration).',
  limit: 'Shorten the input: the error, the message ID and the payload are enough.',
  unreachable: 'Check SENT_BASE_URL, your network or proxy, and the Sent status page; then run the command again.',
  sent: 'See the Sent error code above; run with --verbose for the request id.',
};

export interface DescribedError {
  kind: string;
  message: string;
  hint?: string;
  stack?: string;
}

export function describeError(err: unknown, verbose: boolean, command?: string): DescribedError {
  if (isDoctorError(err)) {
    const hint = err.hint ?? (err.kind === 'input' && command ? `Run sent-doctor ${command} --help to see what it takes.` : DEFAULT_FIX[err.kind]);
    return {
      kind: err.kind,
      message: safeText(err.message),
      hint: hint ? safeText(hint) : undefined,
      stack: verbose && err.stack ? safeText(err.stack) : undefined,
    };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    kind: 'internal',
    message: 'Internal error: ' + safeText(e.message),
    hint: verbose ? 'This is a bug in sent-doctor; please report it with the stack above.' : 'Run again with --verbose for details, and report it if it persists.',
    stack: verbose && e.stack ? safeText(e.stack) : undefined,
  };
}

/** The one error style: the cause, then the fix (and the stack with --verbose). */
export function formatError(d: DescribedError, color = false): string {
  const c = colors(color);
  return `${c.bold(c.red('error:'))} ${d.message}\n${d.hint ? `${c.bold('fix:')} ${d.hint}\n` : ''}${d.stack ? c.dim(d.stack) + '\n' : ''}`;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text fit for stderr/stdout: no escape sequences, no key (commander echoes argv words). */
export function safeText(s: string): string {
  return redactSecrets(s.replace(CONTROLS, ''));
}
