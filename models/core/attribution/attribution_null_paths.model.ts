/**
 * core.attribution_null_paths: the null paths of the path-based models (markov,
 * fractribution). A journey is one visitor's touches; one with touches and no outcome at
 * all is a null path, its window the lookback ending at its last touch (both ends
 * inclusive), with the rules of core.attribution_touches (direct dropped beside other
 * touches; order by time, ties by channel name). A visitor with an outcome gives no null
 * path: the touches after its last outcome are not a failed journey of their own. (A
 * visitor an outcome reaches through its e-mail hash has an outcome of its own:
 * core.visitor_identities holds only visitor ids seen on outcomes.) Identical paths are
 * one row with the number of journeys that took them.
 *
 * Each journey's touches are gathered into a list in one group by, which DuckDB holds in
 * memory whole: about half a kilobyte a touch. Where the click log is larger than the
 * memory limit allows, the visitors are taken in groups by a hash of their id, one query
 * each, and the paths' journeys added up; the rows are the same for any number of groups.
 * This is a TypeScript model only for that loop; every step is SQL.
 */
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import type { ModelTable, TsModelDefinition } from '../../runner.ts';

/** The memory a touch takes in the journeys' lists, with room to spare (measured at about 450 bytes). */
const BYTES_PER_TOUCH = 1000;
/** The share of DuckDB's memory limit the journeys' lists may take. */
const SHARE_OF_MEMORY = 0.5;

/** The journeys' paths of the visitors in `group` of `groups` (by a hash of their id): one row per granularity and path, with its journeys. */
function pathCountsSql(group: number, groups: number): string {
  const inGroup = groups > 1 ? `where hash(visitor_id) % ${groups} = ${group}` : '';
  return `
with settings as (
  select * from meta.settings
),

visitors_with_outcomes as (
  select distinct visitor_id from core.outcomes where visitor_id is not null
),

-- one group by instead of windows: each journey's touches as a list
journeys as (
  select
    visitor_id,
    max(touched_at) as last_touched_at,
    list({
      'touched_at': touched_at,
      'channel_group': channel_group,
      'ambassador_channel': case when is_ambassador_touch then ambassador_id else channel_group end,
      'program_channel': case when is_ambassador_touch then 'Employee advocacy' else channel_group end
    }) as touches
  from (select * from core.touchpoints ${inGroup})
  anti join visitors_with_outcomes using (visitor_id)
  group by visitor_id
),

journeys_in_window as (
  select
    j.visitor_id,
    s.ignore_direct,
    list_filter(j.touches, lambda touch: touch.touched_at >= j.last_touched_at - to_days(s.lookback_days)) as touches
  from journeys as j
  cross join settings as s
),

journeys_direct_dropped_where_other_touches_exist as (
  select
    visitor_id,
    case
      when ignore_direct and list_bool_or(list_transform(touches, lambda touch: touch.channel_group <> 'Direct'))
        then list_filter(touches, lambda touch: touch.channel_group <> 'Direct')
      else touches
    end as touches
  from journeys_in_window
),

paths as (
  select
    'ambassador' as granularity,
    array_to_string(
      list_transform(
        list_sort(list_transform(touches, lambda touch: {'touched_at': touch.touched_at, 'channel': touch.ambassador_channel})),
        lambda touch: touch.channel
      ),
      chr(31)
    ) as path_key
  from journeys_direct_dropped_where_other_touches_exist
  union all
  select
    'program',
    array_to_string(
      list_transform(
        list_sort(list_transform(touches, lambda touch: {'touched_at': touch.touched_at, 'channel': touch.program_channel})),
        lambda touch: touch.channel
      ),
      chr(31)
    )
  from journeys_direct_dropped_where_other_touches_exist
)

select granularity, path_key, count(*)::integer as journeys
from paths
group by granularity, path_key`;
}

/** The null paths from the path counts in `counts` (a table or a subquery: granularity, path_key, journeys). */
function nullPathsSql(counts: string): string {
  return `
with distinct_paths as (
  select
    granularity,
    path_key,
    string_split(path_key, chr(31)) as channels,
    sum(journeys)::integer as journeys
  from ${counts}
  group by granularity, path_key
),

final as (
  select
    granularity,
    channels,
    path_key,
    list_filter(channels, lambda channel, position: position = 1 or channel <> channels[position - 1]) as exposure_channels,
    array_to_string(list_filter(channels, lambda channel, position: position = 1 or channel <> channels[position - 1]), chr(31)) as exposure_key,
    len(channels)::integer as touches,
    journeys
  from distinct_paths
)

select * from final`;
}

/** DuckDB's size text (`1.8 GiB`, `953.6 MiB`, `512 bytes`) in bytes; null for any other text. */
export function sizeInBytes(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(bytes|KiB|MiB|GiB|TiB|KB|MB|GB|TB)$/i.exec(text.trim());
  if (!match) return null;
  const powers: Record<string, number> = { bytes: 1, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };
  return Number(match[1]) * powers[match[2]!.toLowerCase()]!;
}

/** How many groups of visitors the journeys are gathered in: enough for `touches` touches to fit in their share of `memoryBytes`. */
export function visitorGroups(touches: number, memoryBytes: number): number {
  return Math.max(1, Math.ceil((touches * BYTES_PER_TOUCH) / (memoryBytes * SHARE_OF_MEMORY)));
}

/** Builds the null paths into `table`, gathering the journeys in `groups` groups of visitors. */
export async function buildNullPaths(warehouse: Warehouse, table: ModelTable, groups: number): Promise<void> {
  if (groups === 1) {
    await warehouse.run(`create or replace table ${table.qualified} as ${nullPathsSql(`(${pathCountsSql(0, 1)})`)}`);
    return;
  }
  await warehouse.run('create or replace temp table null_path_counts (granularity varchar, path_key varchar, journeys integer)');
  for (let group = 0; group < groups; group += 1) await warehouse.run(`insert into null_path_counts ${pathCountsSql(group, groups)}`);
  await warehouse.run(`create or replace table ${table.qualified} as ${nullPathsSql('null_path_counts')}`);
  await warehouse.run('drop table null_path_counts');
}

export const model: TsModelDefinition = {
  grain: 'one row per granularity and distinct channel sequence of the journeys that ended without an outcome',
  key: ['granularity', 'path_key'],
  dependsOn: ['core.touchpoints', 'core.outcomes', 'meta.settings'],
  tests: [
    { kind: 'accepted_values', column: 'granularity', values: ['ambassador', 'program'] },
    { kind: 'not_null', column: 'journeys' },
  ],
  async build({ warehouse }, table) {
    const { touches, memory } = (await warehouse.one<{ touches: number; memory: string }>(
      `select (select count(*) from core.touchpoints)::double as touches, current_setting('memory_limit') as memory`,
    ))!;
    const memoryBytes = sizeInBytes(memory);
    await buildNullPaths(warehouse, table, memoryBytes === null ? 1 : visitorGroups(touches, memoryBytes));
  },
};
