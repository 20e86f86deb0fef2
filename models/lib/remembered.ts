/**
 * Results a model computed in code, kept from one build to the next in
 * `meta.remembered_results` by a key that names all they depend on (`resultKey`: the
 * computation, its numbers bit for bit, and the code under models/lib that computes it).
 * A model built again after a day of new data looks its results up and computes only
 * those whose input changed: the ROI marts' past months under the rule-based attribution
 * models, for instance.
 *
 * Each model keeps the results of its latest build only, so nothing piles up; `build
 * --full` forgets them all and computes every one again, which is how a test shows that a
 * remembered result is the one the code gives.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listModelFiles } from '../../pipelines/model-state.ts';
import type { Warehouse } from '../../pipelines/warehouse.ts';

const TABLE = 'meta.remembered_results';

/**
 * The key of a result computed from `description` (what names the computation: a JSON-able
 * value) and `numbers` (its numeric input, compared bit for bit), with the code's version.
 */
export function resultKey(description: unknown, numbers: Float64Array): string {
  return createHash('sha256')
    .update(codeVersion())
    .update(JSON.stringify(description))
    .update('\0')
    .update(new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength))
    .digest('hex');
}

/** The results one model remembers: those of its latest build, by key. */
export class RememberedResults<Result> {
  private constructor(
    private readonly warehouse: Warehouse,
    private readonly owner: string,
    private readonly kept: ReadonlyMap<string, string>,
  ) {}

  static async open<Result>(warehouse: Warehouse, owner: string): Promise<RememberedResults<Result>> {
    await warehouse.run(`create table if not exists ${TABLE} (owner varchar, result_key varchar, result varchar)`);
    const rows = await warehouse.all<{ result_key: string; result: string }>(`select result_key, result from ${TABLE} where owner = $owner`, { owner });
    return new RememberedResults<Result>(warehouse, owner, new Map(rows.map((row) => [row.result_key, row.result])));
  }

  /** The results looked up or computed since `open`, as text by key: what `keep` stores. */
  private readonly used = new Map<string, string>();

  /**
   * Each key's result, in the keys' order: those kept looked up, the others computed by
   * `compute` (given the positions of their keys, it gives their results in that order).
   * The results of these keys, and only these, are kept for the model's next build.
   */
  async resultsFor(keys: readonly string[], compute: (missing: number[]) => Promise<Result[]>): Promise<Result[]> {
    const results = await this.lookUp(keys, compute);
    await this.keep();
    return results;
  }

  /** `resultsFor` for a part of the model's keys: the results of all the parts are kept by `keep`. */
  async lookUp(keys: readonly string[], compute: (missing: number[]) => Promise<Result[]>): Promise<Result[]> {
    const computed = await compute(keys.flatMap((key, index) => (this.kept.has(key) ? [] : [index])));
    let next = 0;
    return keys.map((key) => {
      const stored = this.kept.get(key);
      const result = stored === undefined ? computed[next++]! : (resultOfText(stored) as Result);
      this.used.set(key, stored ?? textOfResult(result));
      return result;
    });
  }

  /** Keeps the results looked up since `open`, and only those, for the model's next build. */
  async keep(): Promise<void> {
    await this.warehouse.run(`delete from ${TABLE} where owner = $owner`, { owner: this.owner });
    await this.warehouse.append(
      'meta',
      'remembered_results',
      [...this.used].map(([key, result]) => [this.owner, key, result]),
    );
  }
}

/** A number JSON cannot write as itself (-0, NaN, the infinities), as a tagged object. */
const exactNumber = (value: number): number | { $number: string } =>
  Object.is(value, -0) || !Number.isFinite(value) ? { $number: Object.is(value, -0) ? '-0' : String(value) } : value;

/**
 * A result (plain data: objects, arrays, text, numbers, null and Float64Arrays) as text that
 * equal results write alike: JSON, whose numbers read back to the same bits, with -0, NaN,
 * the infinities and Float64Arrays tagged. (V8's serializer writes an equal number as an
 * integer or as a double depending on how it was computed.)
 */
export function textOfResult(result: unknown): string {
  return JSON.stringify(result, (_key, value: unknown) => {
    if (value instanceof Float64Array) return { $float64: Array.from(value) };
    return typeof value === 'number' ? exactNumber(value) : value;
  });
}

/** The result `textOfResult` wrote. */
export function resultOfText(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object') return value;
    if ('$number' in value) return Number((value as { $number: string }).$number);
    if ('$float64' in value) return Float64Array.from((value as { $float64: number[] }).$float64);
    return value;
  });
}

/** Drops every remembered result (`build --full`). */
export async function forgetRememberedResults(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`drop table if exists ${TABLE}`);
}

let version: string | undefined;

/** One version of the code under models/lib, where the costly computations and all they call live. */
function codeVersion(): string {
  if (version === undefined) {
    const folder = fileURLToPath(new URL('.', import.meta.url));
    const hash = createHash('sha256');
    for (const path of listModelFiles(folder)) hash.update(relative(folder, path)).update('\0').update(readFileSync(path)).update('\0');
    version = hash.digest('hex');
  }
  return version;
}
