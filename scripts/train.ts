/**
 * `npm run train`: trains the triage text model on every labelled set in knowledge/training/*.jsonl
 * plus examples derived from the knowledge entries, and writes knowledge/model/triage-model.json.
 * The output is deterministic: the same inputs give a byte-identical file.
 *
 *   npx tsx scripts/train.ts [output.json]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readScenarios } from '../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../src/paths.js';
import { examplesFromScenario, trainModel, type TrainingExample } from '../tools/domain/triage/train.js';

export const TRAINING_DIR = join(KNOWLEDGE_DIR, 'training');
export const MODEL_FILE = join(KNOWLEDGE_DIR, 'model', 'triage-model.json');

export interface LabelledSet {
  /** File name, e.g. `blind3.jsonl`. */
  name: string;
  examples: (TrainingExample & { id: string })[];
}

/** Every `*.jsonl` of a folder, sorted by name; lines without `expect` are skipped, the label is `expect[0]`. */
export function readTrainingSets(dir = TRAINING_DIR): LabelledSet[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((name) => {
      const examples: LabelledSet['examples'] = [];
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!line.trim()) return;
          let row: { id?: unknown; text?: unknown; expect?: unknown };
          try {
            row = JSON.parse(line) as typeof row;
          } catch (e) {
            throw new Error(`${name}:${i + 1}: not JSON (${(e as Error).message})`);
          }
          if (!Array.isArray(row.expect) || typeof row.expect[0] !== 'string' || typeof row.text !== 'string') return;
          examples.push({ id: String(row.id ?? `${name}:${i + 1}`), text: row.text, label: row.expect[0] });
        });
      return { name, examples };
    });
}

/** Examples derived from the knowledge entries (see `examplesFromScenario`). */
export function entryExamples(scenariosDir?: string): TrainingExample[] {
  return readScenarios(scenariosDir).flatMap(examplesFromScenario);
}

/**
 * The training examples of some sets and of the knowledge entries, each source weighted (its mean size
 * over all sources ÷ its own size) so that every source counts as much as any other: a large set by
 * one author (320 off-topic questions, 300 long multilingual ones) does not outvote the rest.
 * With the long multilingual sets (c, d: 598) and the multilingual off-topic set (e: 345) included this
 * way, leave-one-set-out went from 95.1 % to 95.0 % pooled (the order of the examples alone moves it by
 * that much), ECE 0.045 → 0.032, 13 in-domain answers wrong at ≥ 0.8 either way; unweighted, those sets
 * had lowered it to 93.8 % (with version 1 features), because the off-topic share of the data shrank.
 */
export function weightedExamples(sets: readonly LabelledSet[], entries: readonly TrainingExample[]): TrainingExample[] {
  const sources = [...sets.map((s) => s.examples), entries].filter((e) => e.length > 0);
  const mean = sources.reduce((n, e) => n + e.length, 0) / sources.length;
  return sources.flatMap((examples) => examples.map(({ text, label }) => ({ text, label, weight: mean / examples.length })));
}

function main(): void {
  const output = resolve(process.argv[2] ?? MODEL_FILE);
  const sets = readTrainingSets();
  const entries = entryExamples();
  const examples = weightedExamples(sets, entries);
  const t0 = performance.now();
  const model = trainModel(examples);
  const seconds = (performance.now() - t0) / 1000;
  const json = JSON.stringify(model) + '\n';
  writeFileSync(output, json);
  const out = process.stdout;
  for (const s of sets) out.write(`  ${s.name.padEnd(22)} ${String(s.examples.length).padStart(5)}\n`);
  out.write(`  ${'knowledge entries'.padEnd(22)} ${String(entries.length).padStart(5)}\n`);
  out.write(`${examples.length} examples, ${model.labels.length} labels; trained in ${seconds.toFixed(2)} s; temperature ${model.temperature}\n`);
  for (const [label, n] of Object.entries(model.training.perLabel as Record<string, number>)) out.write(`  ${label.padEnd(26)} ${String(n).padStart(5)}\n`);
  out.write(`wrote ${basename(output)}: ${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB, ${String(model.training.storedBuckets)} buckets\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
