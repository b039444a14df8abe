/** Error → exit code and user-facing text, for the CLI boundary. */
import { isDoctorError } from '../../tools/errors.js';
import { redactSecrets } from '../../tools/domain/redact.js';

export const EXIT = { ok: 0, problem: 1, usage: 2, unreachable: 3 } as const;

export function exitCodeFor(err: unknown): number {
  if (!isDoctorError(err)) return EXIT.problem;
  switch (err.kind) {
    case 'input':
    case 'config':
      return EXIT.usage;
    case 'unreachable':
      return EXIT.unreachable;
    default:
      return EXIT.problem;
  }
}

export function describeError(err: unknown, verbose: boolean): { kind: string; message: string; hint?: string; stack?: string } {
  if (isDoctorError(err)) {
    return {
      kind: err.kind,
      message: redactSecrets(err.message),
      hint: err.hint ? redactSecrets(err.hint) : undefined,
      stack: verbose && err.stack ? redactSecrets(err.stack) : undefined,
    };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    kind: 'internal',
    message: 'Internal error: ' + redactSecrets(e.message),
    hint: verbose ? undefined : 'Run again with --verbose for details.',
    stack: verbose && e.stack ? redactSecrets(e.stack) : undefined,
  };
}
