-- grain: one row per period (calendar month, program to date, or the window of a LinkedIn member reach export), platform (linkedin, facebook, all) and measure: the ambassadors' figure beside the company page's
-- key: period, period_start, period_end, platform, measure
-- depends_on: core.posts, core.ambassador_impressions_daily, core.ambassadors, core.ambassador_aliases, staging.stg_linkedin__page_posts, staging.stg_linkedin__member_followers, staging.stg_linkedin__member_discovery, staging.stg_linkedin__page_daily
-- materialized: table
-- tests: accepted_values(period: month, program, export_window), accepted_values(platform: linkedin, facebook, all)
--
-- Reach, defined (the label column says it in words, for the report's glossary):
-- * impressions are realised: times the posts were shown, as the platforms report them.
--   The ambassadors' are the program's impressions figure (core.ambassador_impressions_daily):
--   on the days they were shown where an ambassador's LinkedIn daily series covers the
--   day, else each post's own figure (latest export) on the day it was posted. The
--   company page's are its posts' own figures, on the day posted; its sponsored posts
--   are left out, so both sides are organic. Engagements and the engagement rate follow
--   the same sources.
-- * members reached counts people, and people cannot be added up across posts, days or
--   ambassadors: one person can be reached by several. So it comes as two bounds:
--   at_least = the largest single figure the platform gives (one ambassador over the
--   export's window; the page's best day on LinkedIn, its best post on Facebook) and
--   at_most = the sum of those figures. For the page's LinkedIn days, at_most needs a
--   daily figure for every day of the period. Ambassadors' figures exist only for the
--   windows of their LinkedIn reach exports (period = export_window).
-- * potential reach is the sharer's followers at share time, summed over shares: not
--   people, and labelled "potential". Only LinkedIn member exports give followers.
-- Measures a side has no data for are null, never 0.
with
  ambassadors as (
    select
      *
    from
      core.ambassadors
  ),
  posts as (
    select
      *
    from
      core.posts
    where
      posted_on is not null
  ),
  sponsored_page_posts as (
    select distinct
      'linkedin:' || coalesce(post_id, post_url) as post_key
    from
      staging.stg_linkedin__page_posts
    where
      is_sponsored
  ),
  ---------- followers at share time (LinkedIn member exports)
  member_followers as (
    select
      coalesce(by_folder.ambassador_id, by_name.ambassador_id) as ambassador_id,
      f._file_id,
      f.activity_on,
      f.new_followers,
      f.total_followers,
      f.total_followers_on
    from
      staging.stg_linkedin__member_followers as f
      left join ambassadors as by_folder on by_folder.ambassador_id = f.folder_name
      left join core.ambassador_aliases as by_name on by_name.alias_key = alias_key (f.member_name)
  ),
  followers_by_day as (
    -- followers at the end of a day = the export's total less the followers gained after that day
    select
      ambassador_id,
      activity_on,
      _file_id,
      total_followers - coalesce(
        sum(new_followers) over (
          partition by
            ambassador_id,
            _file_id
          order by
            activity_on desc rows between unbounded preceding
            and 1 preceding
        ),
        0
      ) as followers
    from
      member_followers
    where
      ambassador_id is not null
      and total_followers is not null
      and activity_on <= total_followers_on
  ),
  followers_latest as (
    select
      *
    from
      followers_by_day
    qualify
      is_latest_file ((ambassador_id, activity_on), _file_id)
  ),
  ---------- the posts, one fact row each, and the ambassadors' impressions by day
  post_facts as (
    select
      p.owner,
      p.platform,
      p.posted_on as day,
      1 as posts,
      p.metrics_counted_in = 'daily_series'
      or p.impressions is not null as has_impressions,
      -- an ambassador's impressions and engagements come by day (ambassador_days)
      case
        when p.owner = 'company' then p.impressions
      end as impressions,
      case
        when p.owner = 'company' then p.engagements
      end as engagements,
      -- only ambassadors' LinkedIn shares have followers; tested here, not in the join's
      -- condition, where a test of the posts alone turns the join into a nested loop
      case
        when p.owner = 'ambassador'
        and p.platform = 'linkedin' then f.followers
      end as followers_at_share
    from
      posts as p
      left join followers_latest as f on f.ambassador_id = p.ambassador_id
      and f.activity_on = p.posted_on
    where
      (
        p.owner = 'ambassador'
        and p.ambassador_id is not null
      )
      or (
        p.owner = 'company'
        and p.post_key not in (
          select
            post_key
          from
            sponsored_page_posts
        )
      )
  ),
  ambassador_days as (
    select
      'ambassador' as owner,
      platform,
      day,
      0 as posts,
      false as has_impressions,
      impressions,
      engagements,
      null::double as followers_at_share
    from
      core.ambassador_impressions_daily
  ),
  facts as (
    select
      *
    from
      post_facts
    union all
    by name
    select
      *
    from
      ambassador_days
  ),
  ---------- periods
  activity_span as (
    select
      min(day) as first_day,
      max(day) as last_day
    from
      facts
  ),
  member_reach as (
    select
      coalesce(by_folder.ambassador_id, by_name.ambassador_id) as ambassador_id,
      d.period_start,
      d.period_end,
      d.members_reached
    from
      staging.stg_linkedin__member_discovery as d
      left join ambassadors as by_folder on by_folder.ambassador_id = d.folder_name
      left join core.ambassador_aliases as by_name on by_name.alias_key = alias_key (d.member_name)
    where
      d.period_start is not null
      and d.period_end is not null
    qualify
      row_number() over (
        partition by
          coalesce(by_folder.ambassador_id, by_name.ambassador_id),
          d.period_start,
          d.period_end
        order by
          d._file_id desc,
          d._source_line desc
      ) = 1
  ),
  periods as (
    select
      'month' as period,
      cast(t.month as date) as period_start,
      last_day(cast(t.month as date)) as period_end
    from
      activity_span as s,
      range(cast(date_trunc('month', s.first_day) as date), s.last_day + 1, interval 1 month) as t (month)
    union all
    select
      'program',
      first_day,
      last_day
    from
      activity_span
    where
      first_day is not null
    union all
    select distinct
      'export_window',
      period_start,
      period_end
    from
      member_reach
    where
      ambassador_id is not null
  ),
  ---------- measures from posts
  post_stats as (
    select
      p.period,
      p.period_start,
      p.period_end,
      coalesce(f.platform, 'all') as platform,
      f.owner,
      sum(f.posts)::double as posts,
      count(*) filter(f.has_impressions)::double as posts_with_impressions,
      sum(f.impressions)::double as impressions,
      (sum(f.impressions) / nullif(count(*) filter(f.has_impressions), 0))::double as impressions_per_post,
      sum(f.engagements)::double as engagements,
      (
        sum(f.engagements) filter(f.impressions is not null) / nullif(sum(f.impressions) filter(f.engagements is not null), 0)
      )::double as engagement_rate,
      sum(f.followers_at_share)::double as potential_reach,
      -- only ambassadors' shares have a follower count to know
      case
        when f.owner = 'ambassador' then count(f.followers_at_share)::double
      end as shares_with_follower_count
    from
      periods as p
      inner join facts as f on f.day between p.period_start and p.period_end
    group by
      grouping sets (
        (p.period, p.period_start, p.period_end, f.platform, f.owner),
        (p.period, p.period_start, p.period_end, f.owner)
      )
  ),
  post_measures as (
    unpivot post_stats on posts,
    posts_with_impressions,
    impressions,
    impressions_per_post,
    engagements,
    engagement_rate,
    potential_reach,
    shares_with_follower_count into name measure value value
  ),
  ---------- members reached, as bounds
  ambassador_reach as (
    select
      p.period,
      p.period_start,
      p.period_end,
      'linkedin' as platform,
      'ambassador' as owner,
      max(m.members_reached)::double as members_reached_at_least,
      sum(m.members_reached)::double as members_reached_at_most
    from
      periods as p
      inner join member_reach as m on m.period_start = p.period_start
      and m.period_end = p.period_end
    where
      m.ambassador_id is not null
      and m.members_reached is not null
    group by all
  ),
  page_days as (
    select
      activity_on,
      unique_impressions_organic
    from
      staging.stg_linkedin__page_daily
    where
      unique_impressions_organic is not null
    qualify
      row_number() over (
        partition by
          activity_on
        order by
          _file_id desc,
          _source_line desc
      ) = 1
  ),
  linkedin_page_reach as (
    select
      p.period,
      p.period_start,
      p.period_end,
      'linkedin' as platform,
      'company' as owner,
      max(d.unique_impressions_organic)::double as members_reached_at_least,
      -- the sum bounds the people reached only when every day of the period has its figure
      case
        when count(*) = any_value(date_diff('day', p.period_start, p.period_end) + 1) then sum(d.unique_impressions_organic)::double
      end as members_reached_at_most
    from
      periods as p
      inner join page_days as d on d.activity_on between p.period_start and p.period_end
    group by
      p.period,
      p.period_start,
      p.period_end
  ),
  facebook_page_reach as (
    select
      p.period,
      p.period_start,
      p.period_end,
      'facebook' as platform,
      'company' as owner,
      max(f.reach)::double as members_reached_at_least,
      sum(f.reach)::double as members_reached_at_most
    from
      periods as p
      inner join posts as f on f.owner = 'company'
      and f.platform = 'facebook'
      and f.reach is not null
      and f.posted_on between p.period_start and p.period_end
    group by all
  ),
  reach_bounds as (
    select
      *
    from
      ambassador_reach
    union all
    select
      *
    from
      linkedin_page_reach
    union all
    select
      *
    from
      facebook_page_reach
  ),
  reach_measures as (
    unpivot reach_bounds on members_reached_at_least,
    members_reached_at_most into name measure value value
  ),
  ---------- side by side
  measures as (
    select
      period,
      period_start,
      period_end,
      platform,
      owner,
      measure,
      value
    from
      (
        from
          post_measures
        union all
        by name
        from
          reach_measures
      )
  ),
  side_by_side as (
    select
      period,
      period_start,
      period_end,
      platform,
      measure,
      max(value) filter(owner = 'ambassador') as ambassadors_value,
      max(value) filter(owner = 'company') as company_page_value
    from
      measures
    group by all
  ),
  labels (measure, is_people_count, label) as (
    values
      ('posts', false, 'Posts published in the period'),
      (
        'posts_with_impressions',
        false,
        'Posts published in the period whose impressions are counted (by an ambassador''s LinkedIn daily series, or by an export of the post)'
      ),
      (
        'impressions',
        false,
        'Impressions (realised): times the posts were shown, as the platforms report them. Ambassadors: on the days they were shown, from their LinkedIn daily series, else each post''s own figure on the day it was posted (the program''s impressions figure); the company page: its organic posts published in the period'
      ),
      (
        'impressions_per_post',
        false,
        'Impressions per post: the impressions over the posts whose impressions are counted'
      ),
      (
        'engagements',
        false,
        'Engagements: reactions, comments and shares (and clicks where the platform counts them), from the same sources and days as the impressions'
      ),
      ('engagement_rate', false, 'Engagement rate: engagements / impressions, where a source gives both'),
      (
        'potential_reach',
        false,
        'Potential reach: the sharer''s followers at share time, summed over shares. Not people reached: one person following two ambassadors counts twice, and most followers never see a post'
      ),
      (
        'shares_with_follower_count',
        false,
        'Shares whose follower count at share time is known (the coverage of potential reach)'
      ),
      (
        'members_reached_at_least',
        true,
        'Members reached (people), at least: the largest single figure the platform reports (one ambassador over the export''s window; the page''s best day on LinkedIn or best post on Facebook)'
      ),
      (
        'members_reached_at_most',
        true,
        'Members reached (people), at most: the sum of those figures, since a person reached twice counts twice'
      )
  ),
  final as (
    select
      s.period,
      s.period_start,
      s.period_end,
      s.platform,
      s.measure,
      s.ambassadors_value::double as ambassadors_value,
      s.company_page_value::double as company_page_value,
      (s.ambassadors_value / nullif(s.company_page_value, 0))::double as ambassadors_to_company_page,
      l.is_people_count,
      l.label
    from
      side_by_side as s
      inner join labels as l using (measure)
    order by
      s.period,
      s.period_start,
      s.period_end,
      s.platform,
      s.measure
  )
select
  *
from
  final
