import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { register as checkKey } from './check-key.js';

export function register(app: Registrar, deps: SlackDeps): void {
  checkKey(app, deps);
}
