import { Command } from 'commander';
import { defaultDeps } from '../../src/cli/deps.js';
import { register } from '../../src/cli/commands/mcp.js';
const p = new Command('sent-doctor').option('--verbose');
register(p, defaultDeps());
await p.parseAsync(process.argv.slice(2), { from: 'user' });
