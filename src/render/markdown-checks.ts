/** Markdown for the two checks: validate_payload (findings + corrected payload) and check_api_key. */
import { placeholderPhones } from '../../tools/domain/redact.js';
import type { ValidatePayloadOutput } from '../../tools/validate-payload.js';
import type { CheckApiKeyOutput } from '../../tools/check-api-key.js';
import { bullets, code, fenced, finish, join, section, severity, table, type RenderOptions } from './md.js';

export type Validation = ValidatePayloadOutput;
export type KeyCheck = CheckApiKeyOutput;

const ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

export function renderValidation(v: Validation, opts: RenderOptions = {}): string {
  const errors = v.findings.filter((f) => f.severity === 'error').length;
  const warnings = v.findings.filter((f) => f.severity === 'warning').length;
  const verdict = v.valid
    ? `**Valid**${warnings ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`
    : `**Not valid:** ${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`;
  const sorted = [...v.findings].sort((a, b) => (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3));
  const items = sorted.map(
    (f, i) => `${i + 1}. ${severity(f.severity)} ${code(f.path)} — ${f.message}\n   Fix: ${f.fix}${f.auto_fixed ? ' _(done in the corrected payload)_' : ''}`,
  );
  const fixed = v.findings.some((f) => f.auto_fixed);
  return finish(
    join(
      '## Payload check',
      `${verdict} Dialect: ${v.dialect === 'guide' ? "the troubleshooting guide's" : v.dialect === 'sdk' ? "the API reference's" : v.dialect}; found as ${v.input_kind}.`,
      section('Findings', items.join('\n')),
      // Shared: the guide's placeholder number rather than a masked one, so the payload can be copied.
      v.corrected && fixed ? section('Corrected payload', fenced(JSON.stringify(opts.audience === 'private' ? v.corrected : placeholderPhones(v.corrected), null, 2), 'json')) : '',
      v.corrected_curl ? section('Corrected curl', fenced(v.corrected_curl, 'sh')) : '',
    ),
    opts,
  );
}

export function renderKeyCheck(k: KeyCheck, opts: RenderOptions = {}): string {
  const live = k.live.valid === true ? '**valid**' : k.live.valid === false ? '**rejected by Sent**' : `not decided${k.live.reason ? ` (${k.live.reason.replace(/_/g, ' ')})` : ''}`;
  const account = k.live.account
    ? [k.live.account.type, k.live.account.name].filter(Boolean).join(' ') + (k.live.account.channels.length ? ` · channels: ${k.live.account.channels.join(', ')}` : ' · no channel configured')
    : undefined;
  return finish(
    join(
      `## API key ${k.fingerprint}`,
      table([
        ['Key', `${k.fingerprint} (${k.source === 'config' ? 'the configured key' : k.source === 'input' ? 'the key given' : 'none'})`],
        ['Format', `${k.format.ok ? 'ok' : 'problems'} · ${k.format.kind.replace('_', ' ')}${k.format.problems.length ? ` · ${k.format.problems.join(', ')}` : ''}`],
        ['With Sent', `${live}${k.live.code ? ` · ${k.live.code}` : ''}`],
        ['Account', account],
      ]),
      k.live.message,
      section('Notes', bullets(k.notes)),
    ),
    opts,
  );
}
