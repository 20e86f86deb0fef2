-- Timestamps in the warehouse are UTC instants (TIMESTAMP without zone); days and weeks
-- in marts are the program's own, in the configured time zone.
create or replace macro local_day(ts, tz) as cast(timezone(tz, ts at time zone 'UTC') as date);
create or replace macro iso_week_start(day) as cast(date_trunc('week', day) as date);
create or replace macro iso_week_label(day) as strftime(day, '%G-W%V');
