-- How a CRM stage or status is compared: HubSpot exports a property's internal value
-- (marketingqualifiedlead, in_progress) or its label (Marketing Qualified Lead, In progress),
-- Salesforce a label (Closed - Not Converted); case, spaces and punctuation do not count.
create or replace macro crm_value_key (value) as nullif(regexp_replace(lower(trim(value)), '[^\p{L}\p{N}]+', '', 'g'), '');
