-- A period as the marts' notes write it: "11 Nov 2026", "1–30 Nov 2026", "15 Oct – 14 Nov
-- 2026", "15 Dec 2025 – 14 Jan 2026".
create or replace macro day_span (first_day, last_day) as (
  case
    when first_day = last_day then strftime(first_day, '%-d %b %Y')
    when date_trunc('month', first_day) = date_trunc('month', last_day) then strftime(first_day, '%-d') || '–' || strftime(last_day, '%-d %b %Y')
    when year(first_day) = year(last_day) then strftime(first_day, '%-d %b') || ' – ' || strftime(last_day, '%-d %b %Y')
    else strftime(first_day, '%-d %b %Y') || ' – ' || strftime(last_day, '%-d %b %Y')
  end
);

-- An amount in a note: whole units with thousands separators ("3,387"); the columns keep the exact amount.
create or replace macro amount_text (amount) as format('{:,.0f}', amount::double);
