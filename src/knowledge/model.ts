/** The committed triage text model (knowledge/model/triage-model.json), read on first use and cached. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelFromJSON, type TextModel } from '../../tools/domain/triage/model.js';
import { KNOWLEDGE_DIR } from '../paths.js';

export const TEXT_MODEL_FILE = join(KNOWLEDGE_DIR, 'model', 'triage-model.json');

const cache = new Map<string, TextModel>();

/** Loads (once per path) and validates the model file; throws an Error naming the file when it is missing or invalid. */
export function loadTextModel(path: string = TEXT_MODEL_FILE): TextModel {
  const hit = cache.get(path);
  if (hit) return hit;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Text model ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run \`npm run train\` to build it.`, { cause: e });
  }
  let model: TextModel;
  try {
    model = modelFromJSON(JSON.parse(text));
  } catch (e) {
    throw new Error(`Text model ${path} is invalid: ${(e as Error).message}; run \`npm run train\` to rebuild it.`, { cause: e });
  }
  cache.set(path, model);
  return model;
}
