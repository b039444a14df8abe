/** Loads a recorded Slack payload from test/fixtures/slack, fills its {{placeholders}} and points response_url at the fake Slack. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'slack');

export function fixture(name: string, vars: Record<string, string> = {}, hooksBase?: string): Record<string, any> {
  let raw = readFileSync(join(DIR, `${name}.json`), 'utf8');
  const all: Record<string, string> = {
    event_id: `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
    trigger_id: `1780000000.1.${randomBytes(8).toString('hex')}`,
    channel_id: 'C0SUPPORT1',
    channel_name: 'support',
    ...vars,
  };
  raw = raw.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => {
    if (!(k in all)) throw new Error(`fixture ${name}: no value for {{${k}}}`);
    return JSON.stringify(all[k]).slice(1, -1);
  });
  // No test may reach Slack: every hook URL goes to the local fake.
  raw = raw.replaceAll('https://hooks.slack.com/', hooksBase ? `${hooksBase}/hooks/` : 'http://127.0.0.1:9/hooks/');
  if (/https?:\/\/(?!127\.0\.0\.1)[^"]*slack\.com/.test(raw.replace(/https:\/\/example\.slack\.com\//g, ''))) throw new Error(`fixture ${name} still points at Slack`);
  return JSON.parse(raw);
}
