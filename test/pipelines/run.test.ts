import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePath } from '../../pipelines/run.ts';
import { tempFolder } from '../helpers/warehouse.ts';

describe('pipelines/run', () => {
  it('never overwrites a file in the archive', () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'Content.xlsx'), 'x');
    writeFileSync(join(dir, 'Content (2).xlsx'), 'x');
    expect(freePath(join(dir, 'Content.xlsx'))).toBe(join(dir, 'Content (3).xlsx'));
    expect(freePath(join(dir, 'new.csv'))).toBe(join(dir, 'new.csv'));
  });
});
