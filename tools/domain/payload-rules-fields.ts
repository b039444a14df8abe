/** Field names: known fields pass; v2, camelCase, misspelt and credential fields are explained (payload-fields.ts has the tables). */
import { EXAMPLE_NUMBER, finding, isSet, keyPath, show, showKey, type Finding, type Rule } from './payload-codes.js';
import { KNOWN_FIELDS, RENAMES, SECRET_FIELDS, knownFieldFor, normKey, typoOf } from './payload-fields.js';

export const checkFieldNames: Rule = (p) => {
  const out: Finding[] = [];
  for (const k of Object.keys(p)) {
    if (KNOWN_FIELDS.includes(k as never)) continue;
    const path = keyPath('', k);
    const name = showKey(k);
    const nk = normKey(k);
    if (SECRET_FIELDS.has(nk)) {
      out.push(
        finding(
          'unknown_field',
          path,
          `The body has a field ${name} that holds a credential. Sent reads the API key only from the x-api-key header; in the body it does nothing except end up in logs.`,
          `Remove ${name} from the body (the corrected payload leaves it out) and send the key in the x-api-key header.`,
        ),
      );
      continue;
    }
    const known = knownFieldFor(k);
    if (known) {
      out.push(
        finding(
          'unknown_field',
          path,
          `${name} is not a field name Sent knows: the field is spelled ${known} (lowercase snake_case).`,
          isSet(p, known) ? `Remove ${name}; the payload already has ${known}.` : `Rename ${name} to ${known}.`,
        ),
      );
      continue;
    }
    const r = RENAMES[nk];
    if (r) {
      const clash = r.target.startsWith('template.') ? false : isSet(p, r.target);
      out.push(
        finding(
          'unknown_field',
          path,
          `${name} is ${r.why}; in the v3 API this is ${r.target.startsWith('header') ? 'the ' + r.target : r.target}.`,
          clash ? `Remove ${name}; the payload already has ${r.target}.` : renameFix(name, r.target, p[k]),
        ),
      );
      continue;
    }
    const typo = typoOf(k, KNOWN_FIELDS);
    out.push(
      finding(
        'unknown_field',
        path,
        typo
          ? `${name} is not a field of POST /v3/messages. Did you mean ${typo}?`
          : `${name} is not a field of POST /v3/messages (the fields are ${KNOWN_FIELDS.join(', ')}); Sent ignores or rejects it.`,
        typo ? `Rename ${name} to ${typo} if that is what you meant; otherwise remove it.` : `Remove ${name}, or check its name in the API reference.`,
      ),
    );
  }
  return out;
};

function renameFix(name: string, target: string, value: unknown): string {
  switch (target) {
    case 'to':
      return `Rename ${name} to to, as an array of E.164 numbers: "to": [${typeof value === 'string' ? show(value) : `"${EXAMPLE_NUMBER}"`}].`;
    case 'template.id':
      return `Move it into the template object: "template": {"id": ${show(value)}}.`;
    case 'template.name':
      return `Move it into the template object: "template": {"name": ${show(value)}}.`;
    case 'template.parameters':
      return 'Move it into the template object: "template": {"id": "…", "parameters": {…}}.';
    case 'text':
      return `If ${name} is the message text, rename it to text; to send a template, use "template": {"id": "…"}.`;
    case 'sender_profile_id':
      return 'Use "sender_profile_id": "sp_…" (Dashboard → Sender Profiles), or with the later API "channels": {"sms": [{"from": ["+1…"]}]}.';
    default:
      return target.startsWith('header') ? `Remove ${name} from the body and send the ${target.slice(7)} header instead.` : `Rename ${name} to ${target}.`;
  }
}
