import { makeTestContext } from '../helpers/context.js';
import { diagnose } from '../../tools/diagnose.js';
const ctx = makeTestContext();
const texts = ['message detail: channel_attempted=sms fallback_reason=channel_not_connected status=DELIVERED', 'Chat app as the main channel, plain texts as the backup — but every single message goes out as a text.'];
for (const text of texts) {
  const ts: string[] = [];
  for (let i = 0; i < 15; i++) { const t = performance.now(); await diagnose.run({ text, lookups: false }, ctx); ts.push((performance.now() - t).toFixed(1)); }
  console.log(ts.join(' '));
}
