-- A visit's key, from its row (a touchpoint, passed by its table's name): overlapping exports
-- repeat a visit, tags and all, while two links clicked in the same second differ in their
-- page or tags.
create or replace macro visit_key (visit) as (
  visit.visitor_id,
  visit.touched_at,
  coalesce(visit.landing_page, ''),
  coalesce(visit.utm_source, ''),
  coalesce(visit.utm_medium, ''),
  coalesce(visit.utm_campaign, ''),
  coalesce(visit.utm_content, ''),
  coalesce(visit.utm_term, '')
);
