/**
 * The order test files start in. vitest's own order (longest first when it has timed them
 * before, largest file first when not) within three groups: the end-to-end files that do
 * not need the shared demo, then those that do, then the unit and model files. The demo
 * builds in the main process while the first group runs, so no worker sits waiting for
 * it; the many short files of the last group fill both workers to the end.
 */
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A file that imports `test/helpers/demo.ts` waits, at import, for the shared demo's build. */
function waitsForDemo(file: string): boolean {
  return /from '\.\.\/helpers\/demo(\.ts)?'/.test(readFileSync(file, 'utf8'));
}

function group(spec: TestSpecification): number {
  if (spec.project.name !== 'e2e') return 2;
  return waitsForDemo(spec.moduleId) ? 1 : 0;
}

export default class DemoLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Each file read once; array sort is stable, so vitest's order holds within each group.
    const groups = new Map(sorted.map((spec) => [spec, group(spec)]));
    return sorted.toSorted((a, b) => groups.get(a)! - groups.get(b)!);
  }
}
