-- How an alias is compared: exports differ in case, spacing and trailing slashes.
create or replace macro alias_key (value) as nullif(
  lower(
    regexp_replace(
      trim(
        trailing '/'
        from
          trim(value)
      ),
      '\s+',
      ' ',
      'g'
    )
  ),
  ''
);
