import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { register as recheck } from './recheck.js';
import { register as feedback } from './feedback.js';
import { register as escalate } from './escalate.js';
import { register as share } from './share.js';
import { register as allSteps } from './all-steps.js';
import { register as watch } from './watch.js';

export function register(app: Registrar, deps: SlackDeps): void {
  recheck(app, deps);
  feedback(app, deps);
  escalate(app, deps);
  share(app, deps);
  allSteps(app, deps);
  watch(app, deps);
}
