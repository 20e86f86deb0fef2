/**
 * marts.emv_daily: earned media value per day, owner (an ambassador or the company page),
 * platform and metric, with the rate that was used.
 *
 * EMV = impressions x CPM / 1000 + clicks x CPC + reactions, comments and shares at their
 * rates, each at the rate in force on the activity day (the latest `valid_from` on or
 * before it, from `meta.emv_rates`, i.e. the config's `emv.rates`).
 *
 * - Ambassadors' impressions and engagements are one quantity, the one the program's
 *   impressions figure counts (core.ambassador_impressions_daily): where an ambassador's
 *   LinkedIn daily series covers a day (from the first to the last day of their series),
 *   that day's impressions and engagements from the series, on the day they happened
 *   (quantity_source `daily_series`); a LinkedIn post of theirs posted on a covered day
 *   adds nothing more. Every other post (an ambassador without a daily series, a post
 *   outside its days, a Facebook post) counts its latest export's lifetime totals on the
 *   day it was posted (quantity_source `post_metrics`), as the company page's posts do.
 * - Ambassadors' clicks are the sessions from their links (core.sessions_daily), on
 *   the session's day, on the platform the link's utm_source names; LinkedIn's member
 *   export has no clicks. The company page's clicks are the platform's own.
 * - Where a source gives only total engagements (LinkedIn's daily series and member
 *   export), they are valued at the reactions rate, the cheapest engagement: metric `engagements`,
 *   rate_metric `reactions`.
 * - Posts without metrics (personal Facebook posts: no export exists) earn no EMV here.
 *
 * History is not rewritten silently: the rate used for a day, platform and metric is
 * recorded in `meta.emv_rates_applied` the first time that day is valued, and later
 * builds keep it even when the config's rates change. A rate added with a past
 * `valid_from` therefore applies to days not valued yet; `config_rate`,
 * `config_currency` and `is_rate_outdated` show where the recorded rate differs from what
 * the config says now (`marts.emv_rate_changes` sums them up for the reports). A build
 * with `meta.settings.revalue_emv` (the `--revalue-emv` option of `build` and `run`)
 * forgets the recorded rates and values all of history at the config's rates.
 *
 * This is a TypeScript model only because SQL models cannot keep that record; every step
 * is SQL.
 */
import type { TsModelDefinition } from '../runner.ts';

const ACTIVITY = `
with company_posts as (
  select
    posted_on as day,
    owner,
    ambassador_id,
    platform,
    'post_metrics' as quantity_source,
    impressions,
    reactions,
    comments,
    shares,
    clicks,
    case when reactions is null and comments is null and shares is null then engagements end as unsplit_engagements
  from core.posts
  where owner = 'company' and posted_on is not null
),

-- each counted once, from the daily series or the post's own figures (core.ambassador_impressions_daily);
-- their clicks are their tracked sessions (below), so their posts' clicks would count twice
ambassador_days as (
  select day, 'ambassador' as owner, ambassador_id, platform, quantity_source, impressions, reactions, comments, shares, null::double as clicks, unsplit_engagements
  from core.ambassador_impressions_daily
),

measured as (
  select * from company_posts
  union all by name
  select * from ambassador_days
),

metric_quantities as (
  select day, owner, ambassador_id, platform, 'impressions' as metric, 'impressions' as rate_metric, quantity_source, impressions as quantity
  from measured where impressions is not null
  union all
  select day, owner, ambassador_id, platform, 'reactions', 'reactions', quantity_source, reactions from measured where reactions is not null
  union all
  select day, owner, ambassador_id, platform, 'comments', 'comments', quantity_source, comments from measured where comments is not null
  union all
  select day, owner, ambassador_id, platform, 'shares', 'shares', quantity_source, shares from measured where shares is not null
  union all
  select day, owner, ambassador_id, platform, 'clicks', 'clicks', quantity_source, clicks from measured where clicks is not null
  union all
  -- engagements given only as a total: valued at the reactions rate, the cheapest
  select day, owner, ambassador_id, platform, 'engagements', 'reactions', quantity_source, unsplit_engagements
  from measured where unsplit_engagements is not null
),

tracked_sessions as (
  select
    day,
    'ambassador' as owner,
    ambassador_id,
    platform,
    'clicks' as metric,
    'clicks' as rate_metric,
    'tracked_sessions' as quantity_source,
    sessions as quantity
  from core.sessions_daily
  where ambassador_id is not null
),

quantities as (
  select * from metric_quantities
  union all
  -- a session whose source names no platform has no CPC to value it with
  select * from tracked_sessions where platform is not null
),

final as (
  select
    day,
    owner,
    ambassador_id,
    platform,
    metric,
    rate_metric,
    quantity_source,
    sum(quantity)::double as quantity
  from quantities
  group by all
)

select * from final`;

/** The config's rate in force on each day with activity (the latest valid_from on or before it). */
const CONFIG_RATES = `
with keys as (
  select distinct day, platform, rate_metric from emv_activity
),

rates as (
  select *
  from meta.emv_rates
  -- two rates for one platform, metric and day: the higher is kept, so the choice is stable
  qualify row_number() over (partition by platform, metric, valid_from order by rate desc, currency) = 1
)

select k.day, k.platform, k.rate_metric, r.rate, r.currency, r.valid_from
from keys as k
asof left join rates as r
  on r.platform = k.platform and r.metric = k.rate_metric and k.day >= r.valid_from`;

const FINAL = `
select
  a.day,
  a.owner,
  a.ambassador_id,
  a.platform,
  a.metric,
  a.quantity_source,
  a.quantity,
  a.rate_metric,
  case when a.rate_metric = 'impressions' then 'per_1000' else 'per_unit' end as rate_unit,
  l.rate,
  l.currency,
  l.valid_from as rate_valid_from,
  c.rate as config_rate,
  c.currency as config_currency,
  c.valid_from as config_valid_from,
  l.rate is not null and (l.rate is distinct from c.rate or l.currency is distinct from c.currency) as is_rate_outdated,
  (a.quantity * l.rate / case when a.rate_metric = 'impressions' then 1000 else 1 end)::double as emv
from emv_activity as a
left join meta.emv_rates_applied as l
  on l.day = a.day and l.platform = a.platform and l.metric = a.rate_metric
left join emv_config_rates as c
  on c.day = a.day and c.platform = a.platform and c.rate_metric = a.rate_metric
order by a.day, a.owner, a.ambassador_id nulls first, a.platform, a.metric`;

export const model: TsModelDefinition = {
  grain: 'one row per day, owner (ambassador or company page), ambassador, platform and metric, with the rate used',
  dependsOn: ['core.posts', 'core.ambassador_impressions_daily', 'core.sessions_daily', 'meta.settings', 'meta.emv_rates'],
  tests: [
    { kind: 'not_null', column: 'day' },
    { kind: 'not_null', column: 'metric' },
    { kind: 'unique', columns: ['day', 'owner', 'ambassador_id', 'platform', 'metric'] },
    { kind: 'accepted_values', column: 'owner', values: ['ambassador', 'company'] },
    { kind: 'accepted_values', column: 'platform', values: ['linkedin', 'facebook'] },
  ],
  // sorted on its unique key as it is written (at ten thousand ambassadors, fourteen million rows)
  ordered: true,
  async build({ warehouse }, table) {
    await warehouse.run(`create table if not exists meta.emv_rates_applied (
      day date, platform varchar, metric varchar, rate double, currency varchar, valid_from date)`);
    const settings = await warehouse.one<{ revalue: boolean | null }>(`select revalue_emv as revalue from meta.settings`);
    if (settings?.revalue) await warehouse.run(`delete from meta.emv_rates_applied`);
    await warehouse.run(`create or replace temp table emv_activity as ${ACTIVITY}`);
    await warehouse.run(`create or replace temp table emv_config_rates as ${CONFIG_RATES}`);
    // Days valued for the first time take the config's rate, and keep it from now on.
    await warehouse.run(`insert into meta.emv_rates_applied
      select c.day, c.platform, c.rate_metric, c.rate, c.currency, c.valid_from
      from emv_config_rates as c
      where c.rate is not null
        and not exists (
          select 1 from meta.emv_rates_applied as l
          where l.day = c.day and l.platform = c.platform and l.metric = c.rate_metric
        )`);
    await warehouse.run(`create or replace table ${table.qualified} as ${FINAL}`);
    await warehouse.run(`drop table emv_activity; drop table emv_config_rates`);
  },
};
