-- Timestamps in the warehouse are UTC instants (TIMESTAMP without zone); days and weeks
-- in marts are the program's own, in the configured time zone.
create or replace macro local_day (ts, tz) as cast(timezone(tz, ts at time zone 'UTC') as date);

-- A date without a time of day (an ATS's "Applied On", a CRM report's "Create Date") is a
-- local calendar day; where an instant is needed to order it against touches, it is the
-- day's last second in the program's time zone, so local_day() gives the same day back
-- and every touch of that day counts as before it.
create or replace macro local_day_end (day, tz) as timezone('UTC', timezone(tz, (day + 1)::timestamp)) - interval 1 second;

create or replace macro iso_week_start (day) as cast(date_trunc('week', day) as date);

create or replace macro iso_week_label (day) as strftime(day, '%G-W%V');
