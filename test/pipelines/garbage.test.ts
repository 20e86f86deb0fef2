import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../pipelines/garbage.ts';

describe('pipelines/garbage', () => {
  it('gives back the memory of objects nothing refers to any more', () => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    let rows: { id: number; name: string }[] | null = Array.from({ length: 1_000_000 }, (_, id) => ({ id, name: `ambassador ${id}` }));
    expect(rows.length).toBe(1_000_000);
    const filled = process.memoryUsage().heapUsed;
    expect(filled - before).toBeGreaterThan(30e6);
    rows = null;
    collectGarbage();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan((filled - before) / 4);
  });
});
