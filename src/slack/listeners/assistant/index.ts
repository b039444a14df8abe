import type { Registrar } from '../../registrar.js';
import type { SlackDeps } from '../../deps.js';
import { register as assistant } from './assistant.js';

export function register(app: Registrar, deps: SlackDeps): void {
  assistant(app, deps);
}
