/**
 * One child process of leaveOneSetOut (harness.ts): the folds of the blind sets named in argv, their
 * reports as JSON on stdout. Run as `node --import tsx test/eval/fold.ts blind12.jsonl …`.
 */
import { runFolds } from './harness.js';

process.stdout.write(JSON.stringify(await runFolds(process.argv.slice(2))));
