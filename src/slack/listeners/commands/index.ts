import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { register as sent } from './sent.js';

export function register(app: Registrar, deps: SlackDeps): void {
  sent(app, deps);
}
