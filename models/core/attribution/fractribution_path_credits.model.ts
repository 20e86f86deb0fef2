/**
 * Fractribution's credits per converting path: SQL counts each exposure path's
 * conversions and null journeys (and those of every path with one touch left out), the
 * pure module `fractribution.ts` turns them into credits, and they are written back. One
 * outcome kind's conversion probabilities count its own outcomes against every null path.
 */
import type { TsModelDefinition } from '../../runner.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { conversionProbability, fractributionCredits, type PathCounts } from './fractribution.ts';

const SEPARATOR = '\u001f';

/** The counts the model needs: every converting exposure path and every path one touch shorter. */
const PATH_COUNTS_SQL = `
  with converting as (
    select granularity, outcome_kind, exposure_key, any_value(exposure_channels) as channels, count(*)::integer as conversions
    from core.attribution_paths group by granularity, outcome_kind, exposure_key
  ),
  nulls as (
    select granularity, exposure_key, sum(journeys)::integer as non_conversions
    from core.attribution_null_paths group by granularity, exposure_key
  ),
  counterfactuals as (
    select distinct c.granularity, c.outcome_kind,
      array_to_string(list_concat(c.channels[1:r.i - 1], c.channels[r.i + 1:]), chr(31)) as exposure_key
    from converting as c, range(1, len(c.channels) + 1) as r(i)
    where len(c.channels) > 1
  ),
  needed as (
    select granularity, outcome_kind, exposure_key from converting
    union
    select granularity, outcome_kind, exposure_key from counterfactuals
  )
  select n.granularity, n.outcome_kind, n.exposure_key,
    coalesce(c.conversions, 0)::integer as conversions,
    coalesce(u.non_conversions, 0)::integer as non_conversions
  from needed as n
  left join converting as c using (granularity, outcome_kind, exposure_key)
  left join nulls as u using (granularity, exposure_key)`;

export const model: TsModelDefinition = {
  grain: 'one row per granularity, outcome kind, converting exposure path and channel on it',
  key: ['granularity', 'outcome_kind', 'exposure_key', 'channel'],
  dependsOn: ['core.attribution_paths', 'core.attribution_null_paths'],
  tests: [{ kind: 'accepted_values', column: 'granularity', values: ['ambassador', 'program'] }],
  async build({ warehouse }, table) {
    await warehouse.run(`create or replace table ${table.qualified} (
      granularity varchar, outcome_kind varchar, exposure_key varchar, channel varchar, credit double)`);
    await warehouse.append(table.schema, table.name, await pathCredits(warehouse));
  },
};

/** Every group's (granularity, outcome kind) path counts in one query, credited group by group. */
async function pathCredits(warehouse: Warehouse): Promise<unknown[][]> {
  const columns = (await warehouse.columns(
    `select granularity, outcome_kind, exposure_key, conversions, non_conversions from (${PATH_COUNTS_SQL}) order by granularity, outcome_kind`,
  )) as { granularity: string[]; outcome_kind: string[]; exposure_key: string[]; conversions: number[]; non_conversions: number[] };
  const rows: unknown[][] = [];
  let start = 0;
  while (start < columns.granularity.length) {
    const granularity = columns.granularity[start]!;
    const outcomeKind = columns.outcome_kind[start]!;
    let end = start;
    const counts = new Map<string, PathCounts>();
    while (end < columns.granularity.length && columns.granularity[end] === granularity && columns.outcome_kind[end] === outcomeKind) {
      counts.set(columns.exposure_key[end]!, { conversions: columns.conversions[end]!, nonConversions: columns.non_conversions[end]! });
      end += 1;
    }
    const probabilityOf = (path: readonly string[]) => conversionProbability(counts.get(path.join(SEPARATOR)));
    for (const [key, pathCounts] of counts) {
      if (pathCounts.conversions === 0) continue;
      for (const [channel, credit] of fractributionCredits(key.split(SEPARATOR), probabilityOf)) {
        rows.push([granularity, outcomeKind, key, channel, credit]);
      }
    }
    start = end;
  }
  return rows;
}
