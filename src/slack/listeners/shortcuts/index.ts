import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { register as diagnoseMessage } from './diagnose-message.js';

export function register(app: Registrar, deps: SlackDeps): void {
  diagnoseMessage(app, deps);
}
