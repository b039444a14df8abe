/** Every listener, one folder per kind; each folder's index registers its files. */
import type { Registrar } from '../registrar.js';
import type { SlackDeps } from '../deps.js';
import { register as events } from './events/index.js';
import { register as commands } from './commands/index.js';
import { register as shortcuts } from './shortcuts/index.js';
import { register as actions } from './actions/index.js';
import { register as views } from './views/index.js';
import { register as assistant } from './assistant/index.js';

export function registerListeners(app: Registrar, deps: SlackDeps): void {
  // The assistant's middleware takes DM thread messages before the plain DM listener sees them.
  assistant(app, deps);
  events(app, deps);
  commands(app, deps);
  shortcuts(app, deps);
  actions(app, deps);
  views(app, deps);
}
