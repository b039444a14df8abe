import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { register as mention } from './mention.js';
import { register as directMessage } from './direct-message.js';
import { register as appHome } from './app-home.js';

export function register(app: Registrar, deps: SlackDeps): void {
  mention(app, deps);
  directMessage(app, deps);
  appHome(app, deps);
}
