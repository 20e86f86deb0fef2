-- grain: one row: the points each action earns under the points scheme
-- key: post
-- depends_on: meta.points
-- materialized: table
-- tests: not_null(post), not_null(reaction), not_null(comment), not_null(share), not_null(click), not_null(lead), not_null(application), not_null(hire)
--
-- The points scheme (config `points`, in meta.points) as one column per action; an action
-- the scheme leaves out earns 0.
select
  coalesce(max(points) filter(action = 'post'), 0) as post,
  coalesce(max(points) filter(action = 'reaction'), 0) as reaction,
  coalesce(max(points) filter(action = 'comment'), 0) as comment,
  coalesce(max(points) filter(action = 'share'), 0) as share,
  coalesce(max(points) filter(action = 'click'), 0) as click,
  coalesce(max(points) filter(action = 'lead'), 0) as lead,
  coalesce(max(points) filter(action = 'application'), 0) as application,
  coalesce(max(points) filter(action = 'hire'), 0) as hire
from
  meta.points
