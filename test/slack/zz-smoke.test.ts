import { test, expect } from 'vitest';
import { startHarness, textOf } from '/work/main/test/slack/helpers/harness.js';
test('smoke', async () => {
  const h = await startHarness();
  const d = await h.send('app_mention', { text: '<@U0BOTSDOC> why is msg_seed_algeria_sent not delivered?' });
  console.log(d.acks, h.fake.calls.map(c => c.method));
  const post = h.fake.of('chat.postMessage')[0];
  console.log(JSON.stringify(post?.body, null, 1).slice(0, 6000));
  console.log(h.ctx.logLines.join('\n'));
  await h.close();
});
