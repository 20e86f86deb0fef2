/**
 * Benchmark of the attribution models (not a test):
 *
 *   npm run bench:attribution -- --journeys 1000000 --ambassadors 5000
 *
 * Generates a synthetic program straight into an in-memory DuckDB with SQL (range() and
 * hash-based pseudo-random numbers, so every run sees the same data): journeys of one to
 * four touches over up to a month, about a third started by an ambassador's link (a few
 * per cent handed on to a colleague of the same team, a few per mille to anyone), the rest
 * by GA4's channel groups, and leads, conversions, applications and hires at the end of
 * some. Then it builds every attribution model on them and prints the time per model,
 * the total, rows per second, peak RSS and the machine's cores.
 *
 * Options: --journeys N (default 1,000,000), --ambassadors N (5,000), --threads N
 * (DuckDB's, default all cores), --handover P (share of ambassador journeys handed to a
 * team colleague, 0.03), --random-handover P (to any ambassador, 0.003), --order K
 * (markov_order, 1).
 */
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { build } from '../build.ts';
import { validateConfig } from '../config.ts';
import { memoryLogger } from '../log.ts';
import { prepareWarehouse } from '../meta.ts';
import { Warehouse } from '../warehouse.ts';
import { adapters } from '../../sources/index.ts';
import { discoverModels, modelsFeeding } from '../../models/runner.ts';
import { addLocalDay, addSessionsDaily } from '../../test/helpers/warehouse.ts';

/** The attribution marts and goal contributions, built with every model they read. */
const TARGETS = ['marts.attribution_summary', 'marts.goal_contributions'];
const INPUTS = ['core.outcomes', 'core.touchpoints', 'core.goals', 'core.posts', 'core.ambassador_impressions_daily', 'core.sessions_daily'];

const { values } = parseArgs({
  options: {
    journeys: { type: 'string', default: '1000000' },
    ambassadors: { type: 'string', default: '5000' },
    threads: { type: 'string' },
    handover: { type: 'string', default: '0.03' },
    'random-handover': { type: 'string', default: '0.003' },
    order: { type: 'string', default: '1' },
  },
});
const journeys = Number(values.journeys);
const ambassadors = Number(values.ambassadors);
const handover = Number(values.handover);
const randomHandover = Number(values['random-handover']);
const order = Number(values.order);
for (const [name, value] of Object.entries({ journeys, ambassadors, handover, randomHandover, order })) {
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
}

/** A uniform number in [0, 1) from a hash of the row's id and a salt. */
const uniform = (id: string, salt: string) => `((hash(${id}, '${salt}') % 1000003) / 1000003.0)`;

/** The synthetic touchpoints, outcomes, goals, posts and daily impressions, as the core models would hold them. */
function generationSql(): string {
  const u = (salt: string) => uniform('j', salt);
  return `
  create schema if not exists core;
  create or replace table core.touchpoints as
  with journey as (
    select
      j,
      1 + (hash(j, 'n') % 4)::integer as touches,
      timestamp '2026-01-01' + to_seconds((${u('start')} * 180 * 86400)::bigint) as started_at,
      ${u('anchor')} < 0.35 as by_ambassador,
      -- a skewed pick: a few ambassadors bring most of the clicks
      'A' || lpad(floor(${ambassadors} * pow(${u('who')}, 2))::integer::varchar, 5, '0') as ambassador,
      ${u('handover')} as handover_draw,
      floor(${u('anchor-at')} * 4)::integer as anchor_position
    from range(${journeys}) as r(j)
  ),
  touch as (
    select
      j.*,
      t.t,
      (hash(j.j, t.t, 'channel') % 100)::integer as channel_draw,
      j.started_at + to_seconds((t.t * 86400 * (0.2 + 4.0 * ((hash(j.j, t.t, 'gap') % 1000) / 1000.0)))::bigint) as touched_at
    from journey as j, range(j.touches) as t(t)
  ),
  with_channel as (
    select
      *,
      case
        when by_ambassador and t = least(anchor_position, touches - 1) then ambassador
        -- a colleague (same team of 25) or anyone shares the same content
        when by_ambassador and t = least(anchor_position, touches - 1) + 1 and handover_draw < ${handover}
          then 'A' || lpad((floor(substr(ambassador, 2)::integer / 25) * 25 + (hash(j, 'mate') % 25))::integer::varchar, 5, '0')
        when by_ambassador and t = least(anchor_position, touches - 1) + 1 and handover_draw < ${handover + randomHandover}
          then 'A' || lpad((hash(j, 'anyone') % ${ambassadors})::integer::varchar, 5, '0')
      end as ambassador_id
    from touch
  )
  select
    md5(j::varchar || ':' || t::varchar) as touchpoint_id,
    'v' || j::varchar as visitor_id,
    touched_at,
    case when ambassador_id < ('A' || lpad(${ambassadors}::varchar, 5, '0')) then ambassador_id end as ambassador_id,
    coalesce(ambassador_id < ('A' || lpad(${ambassadors}::varchar, 5, '0')), false) as is_ambassador_touch,
    case
      when ambassador_id < ('A' || lpad(${ambassadors}::varchar, 5, '0')) then 'Organic Social'
      when channel_draw < 38 then 'Organic Search'
      when channel_draw < 70 then 'Direct'
      when channel_draw < 83 then 'Email'
      when channel_draw < 93 then 'Paid Search'
      else 'Referral'
    end as channel_group,
    null::varchar as landing_page,
    null::varchar as utm_source,
    null::varchar as utm_medium,
    null::varchar as utm_campaign,
    null::varchar as utm_content,
    null::varchar as utm_term
  from with_channel;

  create or replace table core.outcomes as
  with last_touch as (
    select visitor_id, max(touched_at) as touched_at, count(*) as touches, bool_or(is_ambassador_touch) as by_ambassador
    from core.touchpoints group by visitor_id
  ),
  drawn as (
    select *, ${uniform('visitor_id', 'outcome')} as draw from last_touch
  ),
  with_kind as (
    select
      *,
      case
        when draw < 0.012 * (1 + 0.6 * (touches - 1)) then 'conversion'
        when draw < 0.020 * (1 + 0.6 * (touches - 1)) then 'lead'
        when draw < 0.023 * (1 + 0.6 * (touches - 1)) then 'application'
        when draw < 0.0235 * (1 + 0.6 * (touches - 1)) then 'hire'
      end as kind
    from drawn
  )
  select
    'web:' || visitor_id as outcome_id,
    kind,
    touched_at + interval 10 minute as occurred_at,
    visitor_id,
    null::varchar as email_hash,
    case kind when 'conversion' then 5000 when 'lead' then 1500 when 'application' then 750 else 45000 end::double as value_effective,
    null::varchar as own_ambassador_id,
    null::varchar as referral_ambassador_id,
    null::varchar as own_channel_group
  from with_kind
  where kind is not null
  union all
  -- outcomes with no journey: own tags, an ATS referrer, or nothing
  select
    'crm:' || i::varchar,
    case when i % 3 = 0 then 'application' else 'lead' end,
    timestamp '2026-01-01' + to_seconds((i * 7919 % (180 * 86400))::bigint),
    null,
    null,
    750,
    case when i % 4 = 0 then 'A' || lpad((hash(i, 'own') % ${ambassadors})::integer::varchar, 5, '0') end,
    case when i % 4 = 1 then 'A' || lpad((hash(i, 'ref') % ${ambassadors})::integer::varchar, 5, '0') end,
    case when i % 4 = 2 then 'Email' end
  from range(${Math.max(1, Math.round(journeys / 200))}) as r(i);

  create or replace table core.goals as
  select * from (values
    ('G1', 'Leads', 'leads', 'leads', 500.0, date '2026-01-01', date '2026-06-30', 1500.0, 'sales'),
    ('G2', 'Conversions', 'conversions', 'conversions', 800.0, date '2026-01-01', date '2026-06-30', 5000.0, 'sales'),
    ('G3', 'Applications', 'applications', 'applications', 100.0, date '2026-01-01', date '2026-06-30', 750.0, 'recruitment'),
    ('G4', 'Traffic', 'traffic', 'sessions', 100000.0, date '2026-01-01', date '2026-06-30', 12.0, 'sales'),
    ('G5', 'Visibility', 'visibility', 'impressions', 1000000.0, date '2026-01-01', date '2026-06-30', 0.06, 'positioning')
  ) as g(goal_id, goal_name, kind, metric, target, period_start, period_end, unit_value, purpose);

  create or replace table core.posts as
  select
    'linkedin:' || i::varchar as post_key,
    'ambassador' as owner,
    'A' || lpad((i % ${ambassadors})::integer::varchar, 5, '0') as ambassador_id,
    date '2026-01-01' + (i % 180)::integer as posted_on,
    (hash(i, 'imp') % 2000)::double as impressions,
    (hash(i, 'eng') % 60)::double as engagements
  from range(${ambassadors * 8}) as r(i);

  create or replace table core.ambassador_impressions_daily as
  select ambassador_id, posted_on as day, sum(impressions) as impressions, sum(engagements) as engagements
  from core.posts
  group by all;`;
}

const config = validateConfig({ company: { name: 'Benchmark A/S' }, attribution: { markov_order: order } }, { root: process.cwd(), env: {} });
const warehouse = await Warehouse.open(':memory:', values.threads ? { threads: Number(values.threads) } : {});
try {
  await prepareWarehouse(warehouse, adapters);
  const generationStarted = performance.now();
  await warehouse.run(generationSql());
  await addLocalDay(warehouse, 'core.outcomes', config.timezone);
  await addSessionsDaily(warehouse, config.timezone);
  const generation = performance.now() - generationStarted;
  const sizes = await warehouse.one<{ touches: number; visitors: number; outcomes: number; journey_outcomes: number; ambassadors: number }>(
    `select (select count(*) from core.touchpoints)::double as touches,
            (select count(distinct visitor_id) from core.touchpoints)::double as visitors,
            (select count(*) from core.outcomes)::double as outcomes,
            (select count(visitor_id) from core.outcomes)::double as journey_outcomes,
            (select count(distinct ambassador_id) from core.touchpoints)::double as ambassadors`,
  );
  const threads = await warehouse.one<{ value: string }>(`select current_setting('threads')::varchar as value`);
  const models = modelsFeeding(await discoverModels(), TARGETS, INPUTS);
  const results = await build(warehouse, config, { runId: null, log: memoryLogger(), models, inputs: INPUTS });
  const total = results.reduce((sum, result) => sum + result.milliseconds, 0);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`attribution benchmark: ${journeys.toLocaleString('en')} journeys, ${ambassadors.toLocaleString('en')} ambassadors (markov order ${order})`);
  out(
    `data: ${sizes!.touches.toLocaleString('en')} touches of ${sizes!.visitors.toLocaleString('en')} visitors, ` +
      `${sizes!.outcomes.toLocaleString('en')} outcomes (${sizes!.journey_outcomes.toLocaleString('en')} with a visitor), ` +
      `${sizes!.ambassadors.toLocaleString('en')} ambassadors touched; generated in ${(generation / 1000).toFixed(1)} s`,
  );
  out(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), DuckDB threads ${threads?.value ?? '?'}, Node ${process.version}`);
  out('');
  out(`${'model'.padEnd(40)} ${'rows'.padStart(12)} ${'seconds'.padStart(9)}`);
  for (const result of results) {
    out(`${result.id.padEnd(40)} ${(result.rows?.toLocaleString('en') ?? 'kept').padStart(12)} ${(result.milliseconds / 1000).toFixed(2).padStart(9)}`);
  }
  out(`${'total'.padEnd(40)} ${''.padStart(12)} ${(total / 1000).toFixed(2).padStart(9)}`);
  out('');
  out(
    `throughput: ${Math.round(sizes!.touches / (total / 1000)).toLocaleString('en')} touches/s, ${Math.round(journeys / (total / 1000)).toLocaleString('en')} journeys/s`,
  );
  out(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  warehouse.close();
}
