-- An aggregate: the group's one value when all its rows that have one agree, else null (a
-- channel's credit names its ambassador only when a single ambassador earned it).
create or replace macro sole_value (value) as case when count(distinct value) = 1 then min(value) end;
