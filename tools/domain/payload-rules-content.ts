/** Content: template (an object with id or name, parameters an object, variables complete) or text — one of them. */
import { finding, get, has, isPlainObject, isSet, keyPath, nonEmptyString, show, showKey, typeName, type Finding, type Rule } from './payload-codes.js';
import { RESERVED_PARAMETER_KEYS, TEMPLATE_FIELDS, TEMPLATE_ID_RE, TEMPLATE_RENAMES, aliasesOf, normKey, typoOf } from './payload-fields.js';

export const checkContent: Rule = (p) => {
  const hasTemplate = isSet(p, 'template');
  const hasText = isSet(p, 'text') && !(typeof p.text === 'string' && p.text.trim() === '');
  if (!hasTemplate && !hasText) {
    const aliases = [...aliasesOf(p, 'template.id'), ...aliasesOf(p, 'template.name'), ...aliasesOf(p, 'text')];
    return [
      finding(
        'content_missing',
        '$',
        `The payload has neither template nor text${isSet(p, 'text') ? ' (text is empty)' : ''}${aliases.length ? ` (it has ${aliases.map(showKey).join(', ')}, which v3 does not read)` : ''}: a message needs one of them.`,
        'Add "template": {"id": "tmpl_…"} (or {"name": "…"}) for a template message, or "text": "…" for a free-form message.',
      ),
    ];
  }
  if (hasTemplate && hasText)
    return [
      finding(
        'template_and_text',
        '$',
        'The payload has both template and text. The API takes one or the other ("provide either template or text"), so one of them is ignored or the request is rejected.',
        'Keep template (needed on WhatsApp outside the 24-hour window) and remove text, or remove template to send free-form text.',
      ),
    ];
  return [];
};

export const checkTemplate: Rule = (p) => {
  if (!isSet(p, 'template')) return [];
  const t = p.template;
  if (typeof t === 'string') {
    const fix =
      t.trim() === ''
        ? 'Write "template": {"id": "tmpl_…"} with the template ID from Dashboard → Templates.'
        : TEMPLATE_ID_RE.test(t.trim())
          ? `Write "template": {"id": ${show(t.trim())}}.`
          : `Write "template": {"name": ${show(t.trim())}} (or {"id": "…"} with the ID from Dashboard → Templates).`;
    return [
      finding(
        'template_flat_string',
        'template',
        `template is the flat string ${show(t)}. The v3 API needs a template object with an id or a name; with a flat string the API still accepts the request, but the message fails during processing.`,
        fix,
      ),
    ];
  }
  if (!isPlainObject(t))
    return [
      finding(
        'template_missing_id_or_name',
        'template',
        `template is ${typeName(t)}; it must be an object with an id or a name, e.g. {"id": "tmpl_abc123"}.`,
        'Write "template": {"id": "tmpl_…"} or {"name": "order_confirmation"}.',
      ),
    ];
  const out: Finding[] = [];
  for (const k of Object.keys(t)) {
    if (TEMPLATE_FIELDS.includes(k as never)) continue;
    const nk = normKey(k);
    const target = TEMPLATE_RENAMES[nk] ?? TEMPLATE_FIELDS.find((f) => f === nk);
    const name = showKey(k);
    const typo = target ? undefined : typoOf(k, TEMPLATE_FIELDS);
    out.push(
      finding(
        'unknown_field',
        keyPath('template', k),
        target
          ? `template.${name} is not a template field; v3 calls it template.${target}.`
          : `template.${name} is not a template field (the fields are id, name and parameters)${typo ? `. Did you mean ${typo}?` : ''}.`,
        target
          ? has(t, target)
            ? `Remove template.${name}; template.${target} is already there.`
            : `Rename template.${name} to template.${target}.`
          : `Remove template.${name}${typo ? ` or rename it to ${typo}` : ''}.`,
      ),
    );
  }
  const id = get(t, 'id');
  const name = get(t, 'name');
  const idOk = nonEmptyString(id);
  const nameOk = nonEmptyString(name);
  const badType = (field: 'id' | 'name', v: unknown) =>
    v !== undefined && v !== null && typeof v !== 'string'
      ? finding(
          'template_missing_id_or_name',
          `template.${field}`,
          `template.${field} is ${typeName(v)} (${show(v)}); it must be a string.`,
          typeof v === 'number' ? `Write "${field}": "${v}".` : `Write "${field}" as a string, e.g. "tmpl_abc123".`,
        )
      : undefined;
  const typeFindings = [badType('id', id), badType('name', name)].filter((f): f is Finding => !!f);
  if (!idOk && !nameOk && typeFindings.length === 0) {
    const aliases = Object.keys(t).filter((k) => TEMPLATE_RENAMES[normKey(k)] === 'id' || TEMPLATE_RENAMES[normKey(k)] === 'name');
    out.push(
      finding(
        'template_missing_id_or_name',
        'template',
        `template has ${id === '' || name === '' ? 'an empty id or name' : 'neither id nor name'}${aliases.length ? ` (it has ${aliases.map(showKey).join(', ')})` : ''}; Sent needs one of them to find the template.`,
        'Add "id": "tmpl_…" (from Dashboard → Templates) or "name": "order_confirmation" to the template object.',
      ),
    );
  }
  out.push(...typeFindings);
  const params = get(t, 'parameters');
  if (params !== undefined && params !== null && !isPlainObject(params)) {
    const pairs = Array.isArray(params) && params.length > 0 && params.every(isNameValuePair);
    out.push(
      finding(
        'template_parameters_not_object',
        'template.parameters',
        `template.parameters is ${typeName(params)}; it must be an object that maps each template variable to its value, e.g. {"customer_name": "Ana", "order_id": "12345"}.`,
        pairs
          ? 'Turn each {name, value} pair into "name": "value" (the corrected payload does this).'
          : typeof params === 'string' && parsesToObject(params)
            ? 'Send the object itself, not a JSON string of it (the corrected payload does this).'
            : 'Write the parameters as an object keyed by the variable names your template declares (Dashboard → Templates).',
      ),
    );
  }
  return out;
};

export function isNameValuePair(x: unknown): x is { name?: unknown; key?: unknown; value: unknown } {
  return isPlainObject(x) && has(x, 'value') && (typeof x.name === 'string' || typeof x.key === 'string');
}

export function parsesToObject(s: string): boolean {
  if (s.length > 64 * 1024 || !s.trim().startsWith('{')) return false;
  try {
    return isPlainObject(JSON.parse(s));
  } catch {
    return false;
  }
}

const varName = (s: string) => s.replace(/^\{\{\s*|\s*\}\}$/g, '').trim();

export const checkParameterCount: Rule = (p, cx) => {
  const exp = cx.expected;
  const t = p.template;
  if (!exp || !isPlainObject(t)) return [];
  const params = get(t, 'parameters');
  if (params !== undefined && params !== null && !isPlainObject(params)) return [];
  const keys = Object.keys(isPlainObject(params) ? params : {}).filter((k) => !RESERVED_PARAMETER_KEYS.includes(k));
  const out: Finding[] = [];
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (exp.names && exp.names.length === exp.count) {
    const missing = exp.names.filter((n) => !keys.some((k) => varName(k) === varName(n)));
    const extra = keys.filter((k) => !exp.names!.some((n) => varName(n) === varName(k)));
    if (missing.length)
      out.push(
        finding(
          'template_parameter_count_mismatch',
          'template.parameters',
          `${exp.from} expects ${plural(exp.count, 'variable')} (${exp.names.map((n) => show(n, 40)).join(', ')}); template.parameters ${keys.length ? `has ${plural(keys.length, 'key')} and ` : ''}is missing ${missing.map((n) => show(n, 40)).join(', ')}. A parameter mismatch makes the message fail.`,
          `Add ${missing.slice(0, 5).map((n) => `${show(varName(n), 40)}: "…"`).join(', ')} to template.parameters.`,
          { subject: 'parameters:missing' },
        ),
      );
    if (extra.length)
      out.push(
        finding(
          'template_parameter_count_mismatch',
          'template.parameters',
          `template.parameters has ${extra.map((k) => show(k, 40)).join(', ')}, which ${exp.from} does not declare. The guide says a mismatch fails the message; the SDK says unknown keys are ignored.`,
          `Remove ${extra.length === 1 ? 'it' : 'them'}, or check that this is the right template.`,
          { severity: 'warning', subject: 'parameters:extra' },
        ),
      );
    return out;
  }
  if (keys.length !== exp.count)
    out.push(
      finding(
        'template_parameter_count_mismatch',
        'template.parameters',
        `template.parameters has ${plural(keys.length, 'variable')} but ${exp.from} expects ${exp.count}.${keys.length < exp.count ? ' Every variable the template declares is required; a mismatch makes the message fail.' : ' The guide says a mismatch fails the message; the SDK says unknown keys are ignored.'}`,
        keys.length < exp.count
          ? `Supply all ${exp.count} variables in template.parameters (their names are in Dashboard → Templates).`
          : 'Remove the variables the template does not declare.',
        { severity: keys.length < exp.count ? 'error' : 'warning', subject: 'parameters:count' },
      ),
    );
  return out;
};
