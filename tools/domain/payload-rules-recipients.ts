/** `to`: an array of E.164 numbers (VALIDATION_002 otherwise), plausible for their country, without duplicates. */
import { EXAMPLE_NUMBER, finding, isSet, show, showKey, typeName, type Finding, type Rule } from './payload-codes.js';
import { aliasesOf } from './payload-fields.js';
import { E164_RE, countryName, e164FromFormatted, phoneKey, plausibility } from './payload-phone.js';

export const checkTo: Rule = (p) => {
  if (!isSet(p, 'to')) {
    const aliases = aliasesOf(p, 'to');
    return [
      finding(
        'to_missing',
        'to',
        `The payload has no to field${aliases.length ? ` (it has ${aliases.map(showKey).join(', ')}, which v3 does not read)` : ''}: Sent needs the recipients as an array of E.164 numbers.`,
        `Add "to": ["${EXAMPLE_NUMBER}"] with each recipient's number in E.164 form (+, country code, number).`,
      ),
    ];
  }
  const v = p.to;
  if (typeof v === 'string')
    return [
      finding('to_not_array', 'to', `to is the string ${show(v)}; the API expects an array of numbers, even for one recipient.`, `Write "to": [${show(v)}].`),
      ...checkNumber(v, 'to', new Map()),
    ];
  if (typeof v === 'number')
    return [
      finding(
        'to_not_array',
        'to',
        `to is the number ${show(v)}; the API expects an array of strings.`,
        `Write it as a string in an array, with + and the country code: "to": ["+…"].`,
      ),
      ...checkNumber(v, 'to', new Map()),
    ];
  if (!Array.isArray(v))
    return [finding('to_not_array', 'to', `to is ${typeName(v)}; the API expects an array of phone numbers.`, `Write "to": ["${EXAMPLE_NUMBER}"].`)];
  if (v.length === 0)
    return [finding('to_empty', 'to', 'to is an empty array: there is no one to send to.', `Put at least one number in E.164 form in it: "to": ["${EXAMPLE_NUMBER}"].`)];
  const seen = new Map<string, number>();
  return v.flatMap((e, i) => checkNumber(e, `to[${i}]`, seen, i));
};

function checkNumber(e: unknown, path: string, seen: Map<string, number>, index = 0): Finding[] {
  if (typeof e === 'number')
    return [
      finding(
        'to_not_e164',
        path,
        `${path} is the number ${show(e)}; each recipient must be a string in E.164 form: + then the country code and number, e.g. "${EXAMPLE_NUMBER}".`,
        `Write it as a string with + and the country code.`,
        { subject: String(e) },
      ),
    ];
  if (typeof e !== 'string')
    return [finding('to_not_e164', path, `${path} is ${typeName(e)}, not a phone number string.`, `Write each recipient as a string such as "${EXAMPLE_NUMBER}".`, { subject: `${path}:${typeName(e)}` })];
  const out: Finding[] = [];
  const key = phoneKey(e);
  const first = seen.get(key);
  if (first !== undefined)
    out.push(
      finding(
        'to_duplicate',
        path,
        `${show(e)} is in to more than once (first at to[${first}]). Sent sends one message per entry, so this number would get the message twice.`,
        `Remove the duplicate from to.`,
        { subject: key },
      ),
    );
  else seen.set(key, index);
  let e164: string | undefined = E164_RE.test(e) ? e : undefined;
  if (!e164) {
    const fixed = e164FromFormatted(e);
    const digits = e.replace(/\D/g, '');
    let message: string;
    let fix: string;
    if (fixed) {
      message = `${path} is ${show(e)}, which has spaces, punctuation or invisible characters; E.164 is + followed by digits only.`;
      fix = `Write ${show(fixed)}.`;
    } else if (/^\+?\d{16,}$/.test(key)) {
      message = `${path} is ${show(e)}: ${digits.length} digits; E.164 numbers have at most 15.`;
      fix = 'Check the number for extra digits.';
    } else if (/^00\d{6,}$/.test(key)) {
      message = `${path} is ${show(e)}: it uses the 00 international prefix instead of +.`;
      fix = `Write it with + instead of 00: ${show('+' + key.slice(2))}.`;
    } else if (/^\d{6,15}$/.test(key)) {
      message = `${path} is ${show(e)}: it has no + and so no country code. Sent needs E.164 (+, country code, number).`;
      fix = `Add + and the country code, e.g. "+1${key.length === 10 ? key : '…'}" for a US number; a number without its country code cannot be fixed automatically.`;
    } else {
      message = `${path} is ${show(e)}, which is not a phone number in E.164 form (+ then 1–15 digits).`;
      fix = `Write the recipient's number like "${EXAMPLE_NUMBER}".`;
    }
    out.push(finding('to_not_e164', path, message, fix, { subject: key }));
    e164 = fixed;
  }
  if (e164) {
    const pl = plausibility(e164);
    if (!pl.ok)
      out.push(
        finding(
          'to_not_valid_number',
          path,
          pl.reason === 'no_country'
            ? `${show(e164)} has the E.164 shape, but no country uses its calling code.`
            : `${show(e164)} has the E.164 shape but is not a valid number for ${pl.country ? countryName(pl.country) : `calling code +${pl.callingCode}`} (wrong length or prefix).`,
          'Check the number with the recipient (a missing or extra digit, or a local prefix such as 0 kept after the country code); a number that cannot exist will not be delivered.',
          { subject: e164 },
        ),
      );
  }
  return out;
}
