/**
 * Fold models of leave-one-set-out, kept between runs in node_modules/.cache/sent-doctor-eval/.
 * Training the 25 fold models is nearly all of `npm run eval`'s seven minutes; scoring them through
 * the engine takes seconds. A model is reused only when everything that trains it is unchanged: its
 * key is a digest of the training examples and of the source of the training code (train, features,
 * augment, model). Anything else (votes, rank, the verdict table, presentation) is not in the model
 * and is always run fresh. `EVAL_FOLD_CACHE=0` turns the cache off.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelJSON } from '../../tools/domain/triage/model.js';
import type { TrainingExample } from '../../tools/domain/triage/train.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, 'node_modules/.cache/sent-doctor-eval');
const TRAINING_CODE = ['train.ts', 'features.ts', 'augment.ts', 'model.ts'].map((f) => join(ROOT, 'tools/domain/triage', f));

export function foldKey(examples: readonly TrainingExample[]): string {
  const h = createHash('sha256');
  for (const f of TRAINING_CODE) h.update(readFileSync(f));
  h.update(JSON.stringify(examples));
  return h.digest('hex').slice(0, 32);
}

const enabled = () => process.env.EVAL_FOLD_CACHE !== '0';

export function cachedFold(key: string): ModelJSON | undefined {
  if (!enabled()) return undefined;
  try {
    return JSON.parse(readFileSync(join(DIR, `${key}.json`), 'utf8')) as ModelJSON;
  } catch {
    return undefined;
  }
}

export function storeFold(key: string, model: ModelJSON): void {
  if (!enabled()) return;
  mkdirSync(DIR, { recursive: true });
  // Written whole, then renamed: a fold process killed half-way leaves no torn file behind.
  const tmp = join(DIR, `${key}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(model));
  renameSync(tmp, join(DIR, `${key}.json`));
}
