/** The resources' URIs and their template variables. */
export const SCENARIO_URI = 'sent-doctor://scenarios/{id}';
export const COVERAGE_URI = 'sent-doctor://coverage/{country}';
export const scenarioUri = (id: string) => `sent-doctor://scenarios/${id}`;
export const MESSAGE_URI = 'sent-doctor://messages/{id}';
export const messageUri = (id: string) => `sent-doctor://messages/${encodeURIComponent(id)}`;

/** Template variables arrive percent-encoded and, for `{x}`, possibly as a list. */
export function variable(v: string | string[] | undefined): string {
  const raw = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
