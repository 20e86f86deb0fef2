import { describe, expect, it } from 'vitest';
import { buildNullPaths, sizeInBytes, visitorGroups } from '../../../../models/core/attribution/attribution_null_paths.model.ts';
import { sharedWarehouse } from '../../../helpers/shared-warehouse.ts';
import { buildAttribution, type TouchInput } from '../../marts/attribution_setup.ts';

const CHANNELS = ['A1', 'A2', 'A3', 'Direct', 'Organic Search', 'Email', 'Paid Search'];

/** Visitors with one to five touches over two months, many at the same second, some with an outcome. */
function journeys(visitors: number): { touches: TouchInput[]; outcomes: { id: string; visitor: string; at: string }[] } {
  const touches: TouchInput[] = [];
  const outcomes: { id: string; visitor: string; at: string }[] = [];
  for (let visitor = 0; visitor < visitors; visitor += 1) {
    const count = 1 + ((visitor * 7) % 5);
    for (let touch = 0; touch < count; touch += 1) {
      const day = 1 + ((visitor * 13 + touch * 17) % 59);
      const month = day > 30 ? '06' : '05';
      const at = `2026-${month}-${String(day > 30 ? day - 30 : day).padStart(2, '0')} ${touch % 3 === 0 ? '12:00:00' : '09:30:00'}`;
      touches.push({ visitor: `v${visitor}`, at, channel: CHANNELS[(visitor + touch * 3) % CHANNELS.length]! });
    }
    if (visitor % 6 === 0) outcomes.push({ id: `o${visitor}`, visitor: `v${visitor}`, at: '2026-06-30 12:00:00' });
  }
  return { touches, outcomes };
}

describe('models/core/attribution/attribution_null_paths', () => {
  const inWarehouse = sharedWarehouse();

  it('reads the memory limit as DuckDB writes it', async () => {
    expect(sizeInBytes('1.8 GiB')).toBeCloseTo(1.8 * 2 ** 30, 0);
    expect(sizeInBytes('953.6 MiB')).toBeCloseTo(953.6 * 2 ** 20, 0);
    expect(sizeInBytes('512 bytes')).toBe(512);
    expect(sizeInBytes('3GB')).toBe(3e9);
    expect(sizeInBytes('unlimited')).toBeNull();
    await inWarehouse(async (warehouse) => {
      await warehouse.run(`set memory_limit = '2GB'`);
      try {
        const { memory } = (await warehouse.one<{ memory: string }>(`select current_setting('memory_limit') as memory`))!;
        expect(sizeInBytes(memory)).toBeGreaterThan(1.7 * 2 ** 30);
        expect(sizeInBytes(memory)).toBeLessThanOrEqual(2e9);
      } finally {
        await warehouse.run('reset memory_limit');
      }
    });
  });

  it('gathers the journeys in one group while they fit in their share of memory, in more as the click log grows', () => {
    expect(visitorGroups(1_000_000, 18 * 2 ** 30)).toBe(1);
    expect(visitorGroups(9_000_000, 18 * 2 ** 30)).toBe(1);
    expect(visitorGroups(10_000_000, 1.8 * 2 ** 30)).toBeGreaterThan(1);
    expect(visitorGroups(20_000_000, 1.8 * 2 ** 30)).toBeGreaterThan(visitorGroups(10_000_000, 1.8 * 2 ** 30));
    expect(visitorGroups(0, 1.8 * 2 ** 30)).toBe(1);
  });

  it('gives the same null paths whether the visitors are taken in one group or in several', async () => {
    await inWarehouse(async (warehouse) => {
      const { touches, outcomes } = journeys(400);
      await buildAttribution(warehouse, outcomes, touches, ['core.attribution_null_paths']);
      const rows = async (table: string) =>
        warehouse.all(
          `select granularity, channels, path_key, exposure_channels, exposure_key, touches, journeys from ${table} order by granularity, path_key`,
        );
      const built = await rows('core.attribution_null_paths');
      // Many distinct paths, each with its journeys, and no visitor with an outcome among them.
      expect(built.length).toBeGreaterThan(50);
      const nullJourneys = built.reduce((total, row) => total + Number((row as { journeys: number }).journeys), 0);
      expect(nullJourneys).toBe(2 * (400 - outcomes.length));
      for (const groups of [1, 3, 7]) {
        await buildNullPaths(warehouse, { schema: 'core', name: 'null_paths_grouped', qualified: 'core.null_paths_grouped' }, groups);
        expect(await rows('core.null_paths_grouped')).toEqual(built);
      }
    });
  });
});
