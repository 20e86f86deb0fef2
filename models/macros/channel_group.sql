-- GA4's default channel grouping (support.google.com/analytics/answer/9756891), reduced
-- to the groups a web property sees, with one addition: the company's own page posts
-- form their own group when their UTMs say so (utm_medium or utm_campaign
-- "company_page"). Source and medium are compared in lower case.
create or replace macro channel_group (source, medium, campaign, referrer) as (
  case
    when lower(coalesce(medium, '')) in ('company_page', 'company-page')
    or lower(coalesce(campaign, '')) like 'company_page%' then 'Company page'
    when coalesce(source, '') in ('', '(direct)')
    and coalesce(medium, '') in ('', '(none)', '(not set)')
    and coalesce(referrer, '') = '' then 'Direct'
    when regexp_matches(lower(coalesce(medium, '')), '^(.*cp.*|ppc|retargeting|paid.*)$')
    and regexp_matches(
      lower(coalesce(source, '') || ' ' || coalesce(referrer, '')),
      'google|bing|yahoo|baidu|duckduckgo|ecosia|yandex'
    ) then 'Paid Search'
    when regexp_matches(lower(coalesce(medium, '')), '^(.*cp.*|ppc|retargeting|paid.*)$')
    and regexp_matches(
      lower(coalesce(source, '') || ' ' || coalesce(referrer, '')),
      'facebook|linkedin|lnkd\.in|instagram|twitter|t\.co|x\.com|tiktok|youtube|pinterest|reddit'
    ) then 'Paid Social'
    when lower(coalesce(medium, '')) = 'organic'
    or (
      coalesce(medium, '') in ('', '(none)', 'referral')
      and regexp_matches(
        lower(coalesce(source, '') || ' ' || coalesce(referrer, '')),
        'google\.|bing\.|yahoo\.|baidu\.|duckduckgo\.|ecosia\.|yandex\.|^google |^bing '
      )
    ) then 'Organic Search'
    when lower(coalesce(medium, '')) in ('social', 'social-network', 'social-media', 'sm', 'social network', 'social media')
    or regexp_matches(
      lower(coalesce(source, '') || ' ' || coalesce(referrer, '')),
      'facebook|linkedin|lnkd\.in|instagram|twitter|t\.co/|x\.com|tiktok|pinterest|reddit'
    ) then 'Organic Social'
    when regexp_matches(lower(coalesce(source, '') || ' ' || coalesce(medium, '')), 'e-mail|e_mail|e mail|email|newsletter') then 'Email'
    when lower(coalesce(medium, '')) in ('display', 'banner', 'expandable', 'interstitial', 'cpm') then 'Display'
    when lower(coalesce(medium, '')) like '%affiliate%' then 'Affiliates'
    when lower(coalesce(medium, '')) = 'referral'
    or coalesce(referrer, '') <> '' then 'Referral'
    else 'Unassigned'
  end
);
