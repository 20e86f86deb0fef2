/**
 * Every figure of marts.figures recomputed from the raw layer (raw.*, with the config's
 * rates and unit values from meta.*) by plain SQL that shares nothing with the models: the
 * rules are those the README and the figures' definitions state, written as simply as the
 * data allows. A figure that does not match names a rule one side gets wrong.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Warehouse } from '../../pipelines/warehouse.ts';

/** The figures whose value is a count: they must match exactly. */
const COUNTED_FIGURES = [
  'impressions',
  'engagements',
  'posts',
  'ambassadors_enrolled',
  'ambassadors_active',
  'sessions_from_links',
  'sessions_total',
  'leads_total',
  'applications_total',
] as const;

/** The figures of money and ratios, and the credited counts (sums of credits): to 1e-6 relative. */
const MEASURED_FIGURES = [
  'value_total',
  'cost_total',
  'roi',
  'emv',
  'value_outcomes',
  'leads_credited',
  'conversions_credited',
  'applications_credited',
  'hires_credited',
] as const;

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The figures from raw rows. `salt` is the program's salt: a lead whose e-mail is a roster
 * member's is recognised by hashing the roster's e-mails as the adapters hash leads'.
 */
export function reconciliationQuery(salt: string, select: string = FIGURES_SELECT): string {
  return `
-- raw instants are UTC: a day is ((instant at time zone 'UTC') at time zone <the program's time zone>)::date
with
settings as (select * from meta.settings),

-- the roster: each ambassador as the latest roster file lists them
roster as (
  select
    trim(ambassador_id) as ambassador_id, lower(trim(email)) as email, lower(trim(utm_code)) as utm_code, name,
    nullif(trim(lead_id), '') as lead_id, joined_on, left_on
  from raw.program__ambassadors
  qualify row_number() over (partition by trim(ambassador_id) order by _file_id desc, _source_line desc) = 1
),

-- the names an export or a link may call an ambassador by: the roster's code, name and
-- e-mail and the aliases file; a name two ambassadors share calls neither, and one of
-- someone not on the roster credits nobody
ambassador_names as (
  select name_key, min(ambassador_id) as ambassador_id
  from (
    select ambassador_id, utm_code as name_key from roster
    union select ambassador_id, lower(trim(name)) from roster
    union select ambassador_id, email from roster
    union select trim(ambassador_id), lower(trim(alias)) from raw.program__aliases
  )
  where name_key is not null and name_key <> ''
  group by name_key
  having count(distinct ambassador_id) = 1 and min(ambassador_id) in (select ambassador_id from roster)
),

-- an ambassador's post, once per post: LinkedIn posts by the digits of their id however
-- the link is written (share log, TOP POSTS, single-post exports), Facebook posts by link;
-- posted on the share's local day, else the day the export says it was published
post_mentions as (
  select
    s.platform || ':' || coalesce(s.post_id, s.post_url) as post_key,
    trim(s.ambassador_id) as ambassador_id,
    s.platform,
    ((s.shared_at at time zone 'UTC') at time zone (select timezone from settings))::date as posted_on,
    1 as source_rank
  from raw.program__share_log as s
  union all
  select 'linkedin:' || coalesce(m.post_id, m.post_url), coalesce(r.ambassador_id, n.ambassador_id), 'linkedin', m.published_on, 2
  from raw.linkedin__member_posts as m
  left join roster as r on r.ambassador_id = m.folder_name
  left join ambassador_names as n on n.name_key = lower(trim(m.member_name))
  union all
  select 'linkedin:' || coalesce(a.post_id, a.post_url), coalesce(r.ambassador_id, n.ambassador_id), 'linkedin', a.published_on, 3
  from raw.linkedin__member_post_analytics as a
  left join roster as r on r.ambassador_id = a.folder_name
  left join ambassador_names as n on n.name_key = lower(trim(a.member_name))
),

ambassador_posts as (
  select post_key, platform, ambassador_id, posted_on
  from post_mentions
  where ambassador_id in (select ambassador_id from roster)
  qualify row_number() over (partition by post_key order by source_rank, posted_on) = 1
),

-- each post's lifetime measures as of each export: as of the end of the period the
-- export covers, else the local day the file was loaded; each measure is its latest
-- export's that gives it (an export that leaves a measure out does not make it 0)
post_measures_as_exported as (
  select
    'linkedin:' || coalesce(m.post_id, m.post_url) as post_key, m.period_end as as_of, m._file_id, m.impressions, m.engagements,
    null as reactions, null as comments, null as reposts
  from raw.linkedin__member_posts as m
  union all
  select
    'linkedin:' || coalesce(a.post_id, a.post_url),
    ((f.loaded_at at time zone 'UTC') at time zone (select timezone from settings))::date,
    a._file_id,
    a.impressions,
    -- a single post's export: its social engagements, else the sum of the kinds it lists
    coalesce(a.social_engagements, case when coalesce(a.reactions, a.comments, a.reposts, a.saves, a.sends) is not null
      then coalesce(a.reactions, 0) + coalesce(a.comments, 0) + coalesce(a.reposts, 0) + coalesce(a.saves, 0) + coalesce(a.sends, 0) end),
    a.reactions,
    a.comments,
    a.reposts
  from raw.linkedin__member_post_analytics as a
  inner join meta.files as f on f.file_id = a._file_id
),

post_measures as (
  select
    post_key,
    arg_max(impressions, (as_of, _file_id)) filter (where impressions is not null) as impressions,
    arg_max(engagements, (as_of, _file_id)) filter (where engagements is not null) as engagements,
    arg_max(reactions, (as_of, _file_id)) filter (where reactions is not null) as reactions,
    arg_max(comments, (as_of, _file_id)) filter (where comments is not null) as comments,
    arg_max(reposts, (as_of, _file_id)) filter (where reposts is not null) as reposts
  from post_measures_as_exported
  group by post_key
),

-- an ambassador's LinkedIn daily series (ENGAGEMENT sheet): a day's figures from the
-- export whose period ends last; a file whose folder or member name is nobody's is left out
daily_series as (
  select
    coalesce(r.ambassador_id, n.ambassador_id) as ambassador_id,
    d.activity_on as day,
    d.impressions,
    coalesce(d.engagements, coalesce(d.reactions, 0) + coalesce(d.comments, 0) + coalesce(d.reposts, 0) + coalesce(d.clicks, 0)) as engagements
  from raw.linkedin__member_daily as d
  left join roster as r on r.ambassador_id = d.folder_name
  left join ambassador_names as n on n.name_key = lower(trim(d.member_name))
  where coalesce(r.ambassador_id, n.ambassador_id) is not null
  qualify row_number() over (
    partition by coalesce(r.ambassador_id, n.ambassador_id), d.activity_on
    order by d.period_end desc nulls last, d._file_id desc, d._source_line
  ) = 1
),

daily_series_span as (
  select ambassador_id, min(day) as first_day, max(day) as last_day from daily_series group by ambassador_id
),

-- a tracked visit (the touchpoints file): the same visit in overlapping files once; it
-- comes from an ambassador's link when the link parameter the program attributes by
-- carries one of their names
visits as (
  select distinct on (visitor_id, touched_at, landing_page, utm_source, utm_medium, utm_campaign, utm_content, utm_term)
    visitor_id, touched_at, landing_page, utm_source, utm_medium, utm_campaign, utm_content, utm_term, referrer
  from raw.web__touchpoints
),

visits_with_ambassador as (
  select
    v.*,
    ((v.touched_at at time zone 'UTC') at time zone (select timezone from settings))::date as day,
    n.ambassador_id,
    -- a visit with no source, medium or referrer is direct traffic
    coalesce(v.utm_source, '') in ('', '(direct)') and coalesce(v.utm_medium, '') in ('', '(none)', '(not set)') and coalesce(v.referrer, '') = '' as is_direct
  from visits as v
  left join ambassador_names as n on n.name_key = lower(trim(case (select attribution_parameter from settings)
    when 'utm_content' then v.utm_content
    when 'utm_term' then v.utm_term
    when 'utm_campaign' then v.utm_campaign
    else v.utm_source
  end))
),

-- the program's days: from its first day (the first enrolment, ambassador's post or
-- tracked visit, or cost line) to the last day of ambassadors' posts or tracked visits
activity_days as (
  select posted_on as day from ambassador_posts
  union all
  select day from visits_with_ambassador where ambassador_id is not null
),

period as (
  select
    least(
      (select min(joined_on) from roster),
      (select min(day) from activity_days),
      (select min(period_start) from raw.program__costs where coalesce(nullif(upper(trim(currency)), ''), (select currency from settings)) = (select currency from settings))
    ) as period_start,
    (select max(day) from activity_days) as period_end
),

-- enrolled: on the roster on at least one day of the period (joined by its end, not left before its start)
enrolled as (
  select ambassador_id
  from roster, period as p
  where coalesce(joined_on, p.period_start) <= p.period_end and (left_on is null or left_on >= p.period_start)
),

posts_in_period as (
  select a.* from ambassador_posts as a, period as p where a.posted_on between p.period_start and p.period_end
),

-- impressions and engagements: the daily series on the days it covers an ambassador
-- (every post, on the day it was seen), else each post's own figures on the day it was
-- posted (a post of an ambassador with no series, outside the series' days, on Facebook)
reach as (
  select d.ambassador_id, 'linkedin' as platform, d.day, d.impressions, d.engagements, null as reactions, null as comments, null as reposts
  from daily_series as d
  union all
  select p.ambassador_id, p.platform, p.posted_on, m.impressions, m.engagements, m.reactions, m.comments, m.reposts
  from ambassador_posts as p
  left join post_measures as m using (post_key)
  left join daily_series_span as s using (ambassador_id)
  where not (p.platform = 'linkedin' and p.posted_on between s.first_day and s.last_day)
),

-- sessions: a day with any tracked visit is counted from the visits (one session each);
-- any other day from GA4's daily reports, each day and code (ambassador, else the code as
-- written) from one file: the one whose period ends last, then the one loaded last
ga4_rows as (
  select _file_id, period_end, day, sessions, manual_ad_content as utm_content, manual_term as utm_term,
    coalesce(manual_campaign_name, session_campaign) as utm_campaign, source as utm_source
  from raw.ga4__traffic_acquisition
  where grain = 'day'
  union all
  select _file_id, period_end, day, sessions, utm_content, utm_term, utm_campaign, utm_source
  from raw.ga4__landing_pages
  where grain = 'day'
),

ga4_rows_with_code as (
  select g.*, coalesce(n.ambassador_id, code, '') as code_key, n.ambassador_id
  from (
    select *, nullif(nullif(lower(trim(case (select attribution_parameter from settings)
      when 'utm_content' then utm_content
      when 'utm_term' then utm_term
      when 'utm_campaign' then utm_campaign
      else utm_source
    end)), ''), '(not set)') as code
    from ga4_rows
    where sessions is not null and day not in (select day from visits_with_ambassador)
  ) as g
  left join ambassador_names as n on n.name_key = g.code
),

ga4_sessions_counted as (
  select day, ambassador_id, utm_source, sessions
  from ga4_rows_with_code
  qualify dense_rank() over (partition by day, code_key order by period_end desc nulls last, _file_id desc) = 1
),

sessions as (
  select day, ambassador_id, utm_source, 1 as sessions from visits_with_ambassador
  union all
  select day, ambassador_id, utm_source, sessions from ga4_sessions_counted
),

${outcomesSql(salt)},

${creditsSql()},

${valueAndCostSql()}

${select}`;
}

/** Each figure's value, from the CTEs above. */
const FIGURES_SELECT = `
select 'impressions' as figure_id, sum(impressions)::double as value from reach, period as p where day between p.period_start and p.period_end
union all select 'engagements', sum(engagements)::double from reach, period as p where day between p.period_start and p.period_end
union all select 'posts', count(*)::double from posts_in_period
union all select 'ambassadors_enrolled', count(*)::double from enrolled
union all select 'ambassadors_active', count(*)::double from enrolled where ambassador_id in (select ambassador_id from posts_in_period)
union all select 'sessions_from_links', coalesce(sum(sessions), 0)::double from sessions, period as p where ambassador_id is not null and day between p.period_start and p.period_end
union all select 'sessions_total', coalesce(sum(sessions), 0)::double from sessions, period as p where day between p.period_start and p.period_end
union all select 'leads_total', count(*)::double from outcomes, period as p where kind = 'lead' and occurred_on between p.period_start and p.period_end
union all select 'applications_total', count(*)::double from outcomes, period as p where kind = 'application' and occurred_on between p.period_start and p.period_end
union all select 'leads_credited', coalesce(sum(credit), 0) from ambassador_credits where kind = 'lead'
union all select 'conversions_credited', coalesce(sum(credit), 0) from ambassador_credits where kind = 'conversion'
union all select 'applications_credited', coalesce(sum(credit), 0) from ambassador_credits where kind = 'application'
union all select 'hires_credited', coalesce(sum(credit), 0) from ambassador_credits where kind = 'hire'
union all select 'value_outcomes', coalesce(sum(credit * unit_value), 0) from ambassador_credits
union all select 'emv', emv from emv
union all select 'cost_total', cost from cost
union all select 'value_total', value from value
union all select 'roi', (value - cost) / nullif(cost, 0) from value, cost
`;

/**
 * The program's outcomes from the CRM, outcomes-file and ATS exports. A lead is a person
 * at a lead stage: each record as its latest export has it, roster members' own e-mails
 * excluded, and a person's records within the same-person window of their first lead one
 * lead. Conversions, applications and hires count as their sources list them.
 */
function outcomesSql(salt: string): string {
  return `
-- a stage or status as the config's excluded lead stages compare it: case, spaces and punctuation aside
excluded_stages as (
  select crm, field, regexp_replace(lower(trim(value)), '[^a-z0-9æøåäöü]+', '', 'g') as stage_key from meta.excluded_lead_stages
),

-- a CRM record is a lead unless its latest export puts it at an excluded stage (a subscriber)
hubspot_leads as (
  select
    'hubspot:' || record_id as outcome_id, 'lead' as kind, created_at as occurred_at,
    ((created_at at time zone 'UTC') at time zone (select timezone from settings))::date as occurred_on,
    email_hash, visitor_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term, null as referrer, null::decimal(18, 4) as own_value
  from (
    select * from raw.crm__hubspot_contacts
    qualify row_number() over (partition by record_id order by _file_id desc, _source_line desc) = 1
  ) as h
  where not exists (
    select 1 from excluded_stages as e
    where e.crm = 'hubspot' and e.stage_key = regexp_replace(lower(trim(case e.field when 'lifecycle_stage' then h.lifecycle_stage else h.lead_status end)), '[^a-z0-9æøåäöü]+', '', 'g')
  )
),

-- a Salesforce lead gives only its day: it counts as of that day's last second, local time
salesforce_leads as (
  select
    'salesforce:' || coalesce(lead_id, email_hash || '|' || strftime(created_on, '%Y-%m-%d')), 'lead',
    ((created_on + 1)::timestamp at time zone (select timezone from settings)) at time zone 'UTC' - interval 1 second,
    created_on, email_hash, null, utm_source, utm_medium, utm_campaign, utm_content, utm_term, null, null
  from (
    select * from raw.crm__salesforce_leads
    qualify row_number() over (partition by coalesce(lead_id, email_hash || '|' || strftime(created_on, '%Y-%m-%d')) order by _file_id desc, _source_line desc) = 1
  ) as s
  where not exists (
    select 1 from excluded_stages as e
    where e.crm = 'salesforce' and e.field = 'lead_status' and e.stage_key = regexp_replace(lower(trim(s.lead_status)), '[^a-z0-9æøåäöü]+', '', 'g')
  )
),

web_outcomes as (
  select
    'web:' || outcome_id, kind, occurred_at, ((occurred_at at time zone 'UTC') at time zone (select timezone from settings))::date,
    email_hash, visitor_id, null, null, null, null, null, referrer, value
  from raw.web__outcomes
  qualify row_number() over (partition by outcome_id order by _file_id desc, _source_line desc) = 1
),

-- an application counts on the day it was made; a hired one is also a hire, on the day of the hire
applications as (
  select * from raw.ats__greenhouse_applications
  qualify row_number() over (partition by application_id order by _file_id desc, _source_line desc) = 1
),

ats_outcomes as (
  select 'greenhouse:' || application_id as outcome_id, 'application' as kind, applied_on as occurred_on, email_hash, credited_to
  from applications where applied_on is not null
  union all
  select 'greenhouse:' || application_id || ':hire', 'hire', coalesce(hired_on, last_activity_on), email_hash, credited_to
  from applications where status = 'hired' and coalesce(hired_on, last_activity_on) is not null
),

outcome_records as (
  select * from hubspot_leads
  union all select * from salesforce_leads
  union all select * from web_outcomes
  union all
  select
    outcome_id, kind, ((occurred_on + 1)::timestamp at time zone (select timezone from settings)) at time zone 'UTC' - interval 1 second,
    occurred_on, email_hash, null, null, null, null, null, null, credited_to, null
  from ats_outcomes
),

-- roster members' e-mails, hashed with the program's salt as the adapters hash leads'
roster_email_hashes as (
  select distinct sha256(${sqlText(salt)} || chr(0) || email) as email_hash
  from (
    select email from roster
    union select lower(trim(alias)) from raw.program__aliases where alias like '%@%'
  )
  where email is not null
),

leads_by_person as (
  select outcome_id, email_hash, occurred_on, row_number() over (partition by email_hash order by occurred_at, outcome_id) as position
  from outcome_records
  where kind = 'lead' and email_hash is not null and email_hash not in (select email_hash from roster_email_hashes)
),

-- walking each person's leads in time order: a lead within the window of the person's
-- current first lead is that lead; a later one starts the next
person_lead_walk as (
  with recursive walk as (
    select email_hash, position, outcome_id, outcome_id as first_outcome_id, occurred_on as first_on
    from leads_by_person where position = 1
    union all
    select
      l.email_hash, l.position, l.outcome_id,
      if(l.occurred_on - w.first_on <= (select same_person_window_days from settings), w.first_outcome_id, l.outcome_id),
      if(l.occurred_on - w.first_on <= (select same_person_window_days from settings), w.first_on, l.occurred_on)
    from walk as w
    inner join leads_by_person as l on l.email_hash = w.email_hash and l.position = w.position + 1
  )
  select * from walk
),

counted_records as (
  select r.*, coalesce(w.first_outcome_id, r.outcome_id) as counted_as
  from outcome_records as r
  left join person_lead_walk as w using (outcome_id)
  where not (r.kind = 'lead' and r.email_hash in (select email_hash from roster_email_hashes))
),

-- an outcome is its first record; how the person came (visitor id, tags, referrer, value)
-- is the first record's, else the earliest merged record's that has it
outcomes as (
  select
    counted_as as outcome_id,
    arg_min(kind, (counted_as <> outcome_id, occurred_at, outcome_id)) as kind,
    min(occurred_at) filter (where counted_as = outcome_id) as occurred_at,
    min(occurred_on) filter (where counted_as = outcome_id) as occurred_on,
    arg_min(email_hash, (counted_as <> outcome_id, occurred_at, outcome_id)) as email_hash,
    arg_min(visitor_id, (counted_as <> outcome_id, occurred_at, outcome_id)) filter (where visitor_id is not null) as visitor_id,
    arg_min(case (select attribution_parameter from settings)
        when 'utm_content' then utm_content when 'utm_term' then utm_term when 'utm_campaign' then utm_campaign else utm_source end,
      (counted_as <> outcome_id, occurred_at, outcome_id)
    ) filter (where coalesce(utm_source, utm_medium, utm_campaign, utm_content, utm_term) is not null) as own_code,
    arg_min(referrer, (counted_as <> outcome_id, occurred_at, outcome_id)) filter (where referrer is not null) as referrer,
    arg_min(own_value, (counted_as <> outcome_id, occurred_at, outcome_id)) filter (where own_value is not null) as own_value
  from counted_records
  group by counted_as
)`;
}

/**
 * Outcomes credited to ambassadors under last touch (the default model): an outcome's
 * journey is its own visitor's visits, else those of every visitor its e-mail was seen
 * with on another outcome, in the lookback window up to the outcome; direct visits do not
 * count when the window has another; the last visit's ambassador, if any, gets it. An
 * outcome with no visit in its window goes to the ambassador its own tags or its referrer
 * name.
 */
function creditsSql(): string {
  return `
email_visitors as (
  select distinct email_hash, visitor_id from outcomes where email_hash is not null and visitor_id is not null
),

journey_visitors as (
  select outcome_id, visitor_id from outcomes where visitor_id is not null
  union all
  select o.outcome_id, e.visitor_id from outcomes as o inner join email_visitors as e using (email_hash) where o.visitor_id is null
),

touches_in_window as (
  select o.outcome_id, v.touched_at, v.ambassador_id, v.is_direct
  from journey_visitors as j
  inner join outcomes as o using (outcome_id)
  inner join visits_with_ambassador as v
    on v.visitor_id = j.visitor_id
    and v.touched_at between o.occurred_at - to_days((select lookback_days from settings)) and o.occurred_at
),

eligible_touches as (
  select *
  from touches_in_window
  qualify not ((select ignore_direct from settings) and is_direct and count(*) filter (where not is_direct) over (partition by outcome_id) > 0)
),

last_touches as (
  select outcome_id, ambassador_id, touched_at
  from eligible_touches
  qualify touched_at = max(touched_at) over (partition by outcome_id)
),

credited as (
  select outcome_id, ambassador_id from last_touches
  union all
  select o.outcome_id, coalesce(own.ambassador_id, referral.ambassador_id)
  from outcomes as o
  left join ambassador_names as own on own.name_key = lower(trim(o.own_code))
  left join ambassador_names as referral on referral.name_key = lower(trim(o.referrer))
  where o.outcome_id not in (select outcome_id from eligible_touches)
),

ambassador_credits as (
  select o.kind, 1.0 as credit, coalesce(o.own_value, u.unit_value)::double as unit_value
  from credited as c
  inner join outcomes as o using (outcome_id)
  left join meta.outcome_unit_values as u on u.kind = o.kind
  cross join period as p
  where c.ambassador_id is not null and o.occurred_on between p.period_start and p.period_end
)`;
}

/**
 * EMV and cost. EMV: the ambassadors' impressions and engagements (the same quantity as
 * the impressions figure) and their links' sessions as clicks, at the config's rates in
 * force on the day (a fresh build has valued no day before, so the config's rates are the
 * ones recorded). Cost: the cost lines spread evenly over their periods and counted on the
 * program's days, plus people's time in the months the costs file records none.
 */
function valueAndCostSql(): string {
  return `
-- the rate of a platform's measure in force on a day: the latest valid from it or before, the higher of two
emv_rates as (
  select platform, metric, valid_from, max(rate) as rate
  from meta.emv_rates
  where currency = (select currency from settings)
  group by all
),

-- engagements a source gives only as a total are valued at the reactions rate, the cheapest
emv_quantities as (
  select ambassador_id, platform, day, 'impressions' as metric, impressions as quantity from reach
  union all
  select ambassador_id, platform, day, 'reactions', engagements from reach where coalesce(reactions, comments, reposts) is null
  union all
  select ambassador_id, platform, day, 'reactions', reactions from reach
  union all
  select ambassador_id, platform, day, 'comments', comments from reach
  union all
  select ambassador_id, platform, day, 'shares', reposts from reach
  union all
  -- a session from a link whose source names no social network has no cost per click
  select
    ambassador_id,
    case
      when regexp_matches(lower(coalesce(utm_source, '')), 'linkedin|lnkd') then 'linkedin'
      when regexp_matches(lower(coalesce(utm_source, '')), 'facebook|^fb$|^m\\.facebook') then 'facebook'
    end,
    day, 'clicks', sessions
  from sessions
  where ambassador_id is not null
),

emv as (
  select sum(q.quantity * (
    select r.rate from emv_rates as r
    where r.platform = q.platform and r.metric = q.metric and r.valid_from <= q.day
    order by r.valid_from desc limit 1
  ) / if(q.metric = 'impressions', 1000, 1)) as emv
  from emv_quantities as q, period as p
  where q.quantity is not null and q.ambassador_id in (select ambassador_id from roster) and q.day between p.period_start and p.period_end
),

program_days as (
  select unnest(range(p.period_start, p.period_end + 1, interval 1 day))::date as day from period as p
),

-- a cost line repeated in a later costs file (the same period, category, ambassador and
-- note, as often as it occurs in the file) is replaced by it; lines in another currency do not count
cost_lines as (
  select *
  from (
    select
      *,
      row_number() over (partition by _file_id, period_start, period_end, category, ambassador_id, note order by _source_line) as occurrence
    from raw.program__costs
    where amount is not null and coalesce(nullif(upper(trim(currency)), ''), (select currency from settings)) = (select currency from settings)
  )
  qualify row_number() over (partition by period_start, period_end, category, ambassador_id, note, occurrence order by _file_id desc) = 1
),

months_with_recorded_time as (
  select distinct date_trunc('month', d.day) as month
  from cost_lines as c inner join program_days as d on d.day between c.period_start and greatest(c.period_start, c.period_end)
  where c.category = 'time'
),

cost_line_amounts as (
  select c.amount::double * count(d.day) / (greatest(c.period_start, c.period_end) - c.period_start + 1) as amount
  from cost_lines as c
  inner join program_days as d on d.day between c.period_start and greatest(c.period_start, c.period_end)
  group by c._file_id, c._source_line, c.amount, c.period_start, c.period_end
),

-- ambassadors' time: each post on a program day, minutes per post at the hourly rate
ambassador_time as (
  select count(*) * s.minutes_per_post / 60.0 * s.ambassador_hourly_rate as amount
  from ambassador_posts as a, settings as s
  where s.people_time
    and a.posted_on in (select day from program_days)
    and date_trunc('month', a.posted_on) not in (select month from months_with_recorded_time)
  group by s.minutes_per_post, s.ambassador_hourly_rate
),

-- program leads' time: hours per month at the hourly rate for each program lead of the
-- ambassadors enrolled (at least one lead), spread over the month's days with someone enrolled
enrolled_days as (
  select d.day, r.ambassador_id, r.lead_id
  from program_days as d
  inner join roster as r
    on d.day >= coalesce(r.joined_on, (select period_start from period)) and (r.left_on is null or d.day <= r.left_on)
),

lead_time as (
  select sum(greatest(1, program_leads) * s.lead_hours_per_month * s.lead_hourly_rate / dayofmonth(last_day(day))) as amount
  from (select day, count(distinct lead_id) as program_leads from enrolled_days group by day), settings as s
  where s.people_time and date_trunc('month', day) not in (select month from months_with_recorded_time)
),

cost as (
  select
    coalesce((select sum(amount) from cost_line_amounts), 0)
    + coalesce((select sum(amount) from ambassador_time), 0)
    + coalesce((select sum(amount) from lead_time), 0) as cost
),

-- the value: EMV plus the value of the outcomes credited to ambassadors
value as (
  select (select emv from emv) + coalesce(sum(credit * unit_value), 0) as value from ambassador_credits
)`;
}

/** A built program to reconcile: its warehouse (open), the folder it ran in and its salt. */
export interface ReconciledProgram {
  warehouse: Warehouse;
  root: string;
  salt: string;
}

interface FigureRow {
  figure_id: string;
  value: number | null;
  period_start: string | null;
  period_end: string | null;
}

interface Reconciliation {
  raw: Map<string, number | null>;
  period: { period_start: string; period_end: string };
  mart: Map<string, FigureRow>;
  csv: Map<string, FigureRow>;
}

const FIGURE_ROW_COLUMNS = `figure_id, value::double as value, strftime(period_start::date, '%Y-%m-%d') as period_start, strftime(period_end::date, '%Y-%m-%d') as period_end`;

async function reconcile({ warehouse, root, salt }: ReconciledProgram): Promise<Reconciliation> {
  const raw = await warehouse.all<{ figure_id: string; value: number | null }>(reconciliationQuery(salt));
  const period = await warehouse.one<{ period_start: string; period_end: string }>(
    reconciliationQuery(salt, `select strftime(period_start, '%Y-%m-%d') as period_start, strftime(period_end, '%Y-%m-%d') as period_end from period`),
  );
  const mart = await warehouse.all<FigureRow>(`select ${FIGURE_ROW_COLUMNS} from marts.figures`);
  const csvPath = join(root, 'out/latest/figures.csv').replaceAll("'", "''");
  const csv = await warehouse.all<FigureRow>(`select ${FIGURE_ROW_COLUMNS} from read_csv('${csvPath}', header = true, all_varchar = true)`);
  const byId = <T extends { figure_id: string }>(rows: T[]) => new Map(rows.map((row) => [row.figure_id, row]));
  return { raw: new Map(raw.map((row) => [row.figure_id, row.value])), period: period!, mart: byId(mart), csv: byId(csv) };
}

function relativeDifference(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/**
 * The reconciliation's tests, for the program `program()` gives once its build is done:
 * each figure of marts.figures and of figures.csv against its value from the raw rows.
 */
export function itReconcilesFiguresWithRawExports(program: () => ReconciledProgram): void {
  let reconciliation: Promise<Reconciliation> | undefined;
  const reconciled = () => (reconciliation ??= reconcile(program()));

  it("recomputes from plain rules: no outcome's last touches share a second, every GA4 report has a Date dimension", async () => {
    // With either, the plain rules above would need the models' tie-breaks and period rows.
    const { warehouse, salt } = program();
    const preconditions = await warehouse.one<{ tied: number; ga4_without_days: number }>(
      reconciliationQuery(
        salt,
        `select
          (select count(*) from (select outcome_id from last_touches group by outcome_id having count(*) > 1))::integer as tied,
          ((select count(*) from raw.ga4__traffic_acquisition where grain <> 'day') + (select count(*) from raw.ga4__landing_pages where grain <> 'day'))::integer as ga4_without_days`,
      ),
    );
    expect(preconditions).toEqual({ tied: 0, ga4_without_days: 0 });
  });

  it("states every figure over the program's days as the raw exports give them", async () => {
    const { period, mart, csv } = await reconciled();
    expect(period.period_start < period.period_end).toBe(true);
    for (const rows of [mart, csv]) {
      expect([...rows.values()].map((row) => [row.figure_id, row.period_start, row.period_end])).toEqual(
        [...rows.keys()].map((id) => [id, period.period_start, period.period_end]),
      );
    }
  });

  it.each(COUNTED_FIGURES)('counts %s in marts.figures and figures.csv exactly as the raw exports do', async (id) => {
    const { raw, mart, csv } = await reconciled();
    const expected = raw.get(id);
    expect(expected, `${id} from the raw exports`).toEqual(expect.any(Number));
    expect({ id, mart: mart.get(id)?.value, csv: csv.get(id)?.value }).toEqual({ id, mart: expected, csv: expected });
  });

  it.each(MEASURED_FIGURES)('gives %s in marts.figures and figures.csv as the raw exports do, to 1e-6', async (id) => {
    const { raw, mart, csv } = await reconciled();
    const expected = raw.get(id)!;
    expect(expected, `${id} from the raw exports`).toEqual(expect.any(Number));
    for (const [where, actual] of [
      ['marts.figures', mart.get(id)?.value],
      ['figures.csv', csv.get(id)?.value],
    ] as const) {
      expect(actual, `${id} in ${where}`).toEqual(expect.any(Number));
      expect(relativeDifference(actual!, expected), `${id}: ${where} ${actual}, raw exports ${expected}`).toBeLessThanOrEqual(1e-6);
    }
  });

  // The interval comes from a seeded bootstrap over ambassadors; recomputing it would
  // re-implement the resampling, so it is held to what any such interval must do.
  it('brackets the ROI recomputed from the raw exports between roi_low and roi_high', async () => {
    const { raw, mart, csv } = await reconciled();
    const roi = raw.get('roi')!;
    for (const rows of [mart, csv]) {
      expect(rows.get('roi_low')!.value!).toBeLessThanOrEqual(roi);
      expect(rows.get('roi_high')!.value!).toBeGreaterThanOrEqual(roi);
    }
  });
}
