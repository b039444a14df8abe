/** validate_payload's result as mrkdwn: findings with their fixes and the corrected payload. Pure. */
import { codeBlock, escapeMrkdwn, markdownToMrkdwn } from '../safety/mrkdwn.js';
import { findingLine, type FindingLike } from './message.js';

export interface ValidationLike {
  valid?: boolean;
  findings: Array<FindingLike & { path?: string; fix?: string; auto_fixed?: boolean }>;
  corrected?: unknown;
}

const MAX_PAYLOAD_CHARS = 6000;

/** Problems = findings that are not informational; the body and the notification both count these. */
export function problemCount(v: ValidationLike): number {
  return v.findings.filter((f) => f.severity !== 'info').length;
}

export function problemsText(n: number): string {
  return `${n} problem${n === 1 ? '' : 's'}`;
}

export function correctedText(v: ValidationLike): string | undefined {
  if (v.corrected === undefined || v.corrected === null) return undefined;
  const s = typeof v.corrected === 'string' ? v.corrected : JSON.stringify(v.corrected, null, 2);
  return s.length > MAX_PAYLOAD_CHARS ? `${s.slice(0, MAX_PAYLOAD_CHARS)}\n… (cut)` : s;
}

/** Findings, then the corrected payload when anything was fixed automatically. */
export function validationText(v: ValidationLike, n?: number): string {
  const name = n ? `Payload ${n}` : 'Payload';
  const problems = problemCount(v);
  const lines: string[] = [
    problems || v.valid === false
      ? `:clipboard: *${name}: ${problemsText(problems)}*`
      : `:white_check_mark: *${name}: no problems found.*`,
  ];
  for (const f of v.findings) {
    const where = f.path && f.path !== '$' ? ` (at \`${escapeMrkdwn(f.path)}\`)` : '';
    const fix = f.fix ? `\n      ↳ ${f.auto_fixed ? '_fixed below:_ ' : ''}${markdownToMrkdwn(f.fix)}` : '';
    lines.push(`${findingLine(f)}${where}${fix}`);
  }
  const fixed = correctedText(v);
  if (fixed && v.findings.some((f) => f.auto_fixed)) lines.push('*Corrected payload*', codeBlock(fixed));
  return lines.join('\n');
}
