-- Exports overlap and are loaded again: of a record's rows, the latest export's wins (the
-- file loaded last, then its last line). For a qualify clause; a key of several columns is
-- passed as one row value, (a, b).
create or replace macro is_latest_export (record_key, file_id, source_line) as row_number() over (
  partition by
    record_key
  order by
    file_id desc,
    source_line desc
) = 1;

-- Where one file holds a record once: of its rows, the file loaded last wins.
create or replace macro is_latest_file (record_key, file_id) as row_number() over (
  partition by
    record_key
  order by
    file_id desc
) = 1;

-- A daily series that exports of different periods overlap in: of a day's rows, the export
-- whose period ends last wins (one without a period last), then the file loaded last, then
-- the file's first line.
create or replace macro is_latest_period_export (record_key, period_end, file_id, source_line) as row_number() over (
  partition by
    record_key
  order by
    period_end desc nulls last,
    file_id desc,
    source_line
) = 1;
