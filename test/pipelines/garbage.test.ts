import { describe, expect, it } from 'vitest';
import { collectArrayBuffers, collectGarbage } from '../../pipelines/garbage.ts';

describe('pipelines/garbage', () => {
  it('gives back the memory of objects nothing refers to any more', () => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    let rows: { id: number; name: string }[] | null = Array.from({ length: 1_000_000 }, (_, id) => ({ id, name: `ambassador ${id}` }));
    expect(rows.length).toBe(1_000_000);
    const filled = process.memoryUsage().heapUsed;
    expect(filled - before).toBeGreaterThan(30e6);
    rows = null;
    collectGarbage({ heapAbove: before });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan((filled - before) / 4);
  });

  it('leaves a heap below the bound as it is', () => {
    collectGarbage();
    let rows: { id: number; name: string }[] | null = Array.from({ length: 500_000 }, (_, id) => ({ id, name: `ambassador ${id}` }));
    expect(rows.length).toBe(500_000);
    rows = null;
    const filled = process.memoryUsage().heapUsed;
    collectGarbage({ heapAbove: filled + 1e9 });
    expect(process.memoryUsage().heapUsed).toBeGreaterThan(filled * 0.9);
  });

  it('gives back the memory of a file’s bytes nothing refers to any more', async () => {
    await collectArrayBuffers();
    const before = process.memoryUsage().arrayBuffers;
    let bytes: Buffer | null = Buffer.alloc(64 * 1024 * 1024, 1);
    expect(bytes[0]).toBe(1);
    // Other files' tests share this process and hold or free buffers of their own meanwhile: a margin of 16 MB each way.
    expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThan(48 * 1024 * 1024);
    bytes = null;
    await collectArrayBuffers();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });
});
