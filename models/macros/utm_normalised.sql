-- The five UTM tags as the models match them: trimmed, in lower case, and null when empty
-- or when they equal `unset` (the placeholder an export writes for a missing tag, e.g.
-- GA4's "(not set)"). A struct, so that `unnest(utm_normalised(...))` in a select adds the
-- columns utm_source_normalised ... utm_term_normalised.
create or replace macro utm_normalised (source, medium, campaign, content, term, unset := '') as {
  'utm_source_normalised': nullif(nullif(lower(trim(source)), ''), unset),
  'utm_medium_normalised': nullif(nullif(lower(trim(medium)), ''), unset),
  'utm_campaign_normalised': nullif(nullif(lower(trim(campaign)), ''), unset),
  'utm_content_normalised': nullif(nullif(lower(trim(content)), ''), unset),
  'utm_term_normalised': nullif(nullif(lower(trim(term)), ''), unset)
};
