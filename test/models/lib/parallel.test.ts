import { describe, expect, it } from 'vitest';
import { disclosurePhrases } from '../../../models/lib/disclosure/phrases.ts';
import { mapInParallel, PARALLEL_MIN_MILLISECONDS } from '../../../models/lib/parallel.ts';
import { seededRandom } from '../../../models/lib/statistics/random.ts';
import { estimateResampling, type RoiResampling } from '../../../models/lib/statistics/roi-table.ts';

/** A period of `models` attribution models over `ambassadors` ambassadors with seeded values and costs. */
function resampling(key: string, ambassadors: number, models: number): RoiResampling {
  const random = seededRandom(11, key);
  const costs = Array.from({ length: ambassadors }, () => 100 + 900 * random());
  return {
    key,
    withInterval: true,
    rows: Array.from({ length: models }, () => ({
      units: costs.map((cost) => ({ value: cost * 3 * random() - 0.1 * cost, cost })),
      fixed: { value: 0, cost: 5000 },
    })),
  };
}

const OPTIONS = { samples: 500, seed: 42, level: 0.9 };

describe('models/lib/parallel', () => {
  it('gives, from worker threads, what each input gives in this thread, to the last bit and in order', async () => {
    const inputs = ['month|2026-01-01', 'month|2026-02-01', 'quarter|2026-01-01', 'program|2026-01-01', 'month|2026-03-01'].map((key, index) => ({
      resampling: resampling(key, 40 + index * 7, 3),
      options: OPTIONS,
    }));
    const here = inputs.map(({ resampling, options }) => estimateResampling(resampling, options));
    expect(here.flat().every((estimate) => estimate.low !== null && estimate.low < estimate.high!)).toBe(true);
    expect(await mapInParallel('roiResampling', inputs, Number.POSITIVE_INFINITY)).toStrictEqual(here);
    // The workers are kept for the next map.
    expect(await mapInParallel('roiResampling', inputs.slice(1), Number.POSITIVE_INFINITY)).toStrictEqual(here.slice(1));
  });

  it('compares two groups on worker threads as in this thread: the bootstrap interval and the permutation test where its first draws left it', async () => {
    const random = seededRandom(3, 'groups');
    const inputs = ['cohort|x|a|b', 'cohort|x|a|c', 'cohort|y|a|b'].map((key, index) => ({
      a: Array.from({ length: 20 + index }, () => random() * 10),
      b: Array.from({ length: 25 }, () => random() * 8),
      seed: 42,
      key,
      bootstrapSamples: 300,
      level: 0.95,
      permutations: 400,
    }));
    const here = await mapInParallel('groupComparison', inputs, 0);
    expect(here.every(({ interval, permutation }) => interval !== null && permutation.draws === 400)).toBe(true);
    expect(await mapInParallel('groupComparison', inputs, Number.POSITIVE_INFINITY)).toStrictEqual(here);
  });

  it('audits posts for disclosure on worker threads as in this thread', async () => {
    const rules = { mode: 'normal' as const, companyNames: ['Nordlys Energi A/S', 'Nordlys'], phrases: disclosurePhrases([]) };
    const texts = [
      'Stolt af vores nye vindpark! #ad',
      'Kollega hos Nordlys Energi: se vores nye job',
      'Great day at the office',
      null,
      '#sponsored Our new heat pumps',
      '🌞 Sommer i Aarhus',
    ];
    const runs = [0, 1, 2].map((run) => ({
      posts: texts.map((text, index) => ({
        post_text: text,
        linkedin_headline: index % 2 === run % 2 ? 'Engineer at Nordlys Energi' : null,
        platform: 'linkedin',
      })),
      rules,
    }));
    const here = await mapInParallel('disclosureVerdicts', runs, 0);
    expect(new Set(here.flat().map((verdict) => verdict.status))).toEqual(new Set(['compliant', 'non_compliant', 'unknown']));
    expect(await mapInParallel('disclosureVerdicts', runs, Number.POSITIVE_INFINITY)).toStrictEqual(here);
  });

  it('runs small work in this thread and large work on the workers, and a failing input fails the map with its reason', async () => {
    // Rows resampled together must have as many ambassadors.
    const broken = resampling('month|2026-01-01', 30, 2);
    broken.rows[1]!.units = broken.rows[1]!.units.slice(1);
    const inputs = [
      { resampling: broken, options: OPTIONS },
      { resampling: resampling('month|2026-02-01', 30, 2), options: OPTIONS },
    ];
    await expect(mapInParallel('roiResampling', inputs, PARALLEL_MIN_MILLISECONDS - 1)).rejects.toThrow(
      /^internal: rows resampled together must have as many ambassadors$/,
    );
    await expect(mapInParallel('roiResampling', inputs, PARALLEL_MIN_MILLISECONDS)).rejects.toThrow(
      /^roiResampling failed on a worker thread: internal: rows resampled together must have as many ambassadors$/,
    );
  });
});
