import { defineAdapter } from '../adapter.ts';
import { maskPersonalParameters, utmTags, UTM_DERIVED_COLUMNS } from '../web/utm.ts';

/**
 * HubSpot → Contacts → Export (docs/formats.md#hubspot-contacts):
 * `hubspot-crm-exports-<view>-<date>.csv`. One row is a contact, i.e. a lead; the export is
 * a snapshot, so a later export of the same contact replaces it.
 *
 * Privacy: the e-mail is hashed with the salt (`email_hash`), for matching with other
 * systems; first and last name, phone number and any other column not declared here are
 * not read at all, so no lead's name or number reaches the warehouse. The company a lead
 * works for is kept. Page URLs are kept with e-mail- and name-like query values masked.
 *
 * HubSpot keeps no `utm_content` in its source properties: the ambassador's code
 * survives only in `First Page Seen`, so the UTM tags are read from that URL. An optional
 * custom property with the analytics client id (`GA Client ID`) links the contact to its
 * visits as `visitor_id`. `Create Date` follows the exporting user's settings
 * (`2026-10-27 09:14`, `12/21/2025`, `2025-10-27T00:00:00Z`); ISO values may be mixed
 * with one other layout. Padded values (`"Qualified "`) are trimmed by the shared reader.
 */
export const crmHubspotContacts = defineAdapter({
  name: 'crm.hubspot_contacts',
  platform: 'crm',
  title: 'HubSpot contacts export',
  signature: ['Record ID', ['Email', 'E-mail'], ['Create Date', 'Created Date']],
  loader: 'papaparse',
  naturalKey: ['record_id'],
  columns: [
    { name: 'record_id', headers: ['Record ID', 'Contact ID'], type: 'text', required: true },
    { name: 'email_hash', headers: ['Email', 'E-mail'], type: 'text', personal: true },
    { name: 'created_at', headers: ['Create Date', 'Created Date'], type: 'timestamp', required: true },
    { name: 'lifecycle_stage', headers: ['Lifecycle Stage'], type: 'text' },
    { name: 'lead_status', headers: ['Lead Status'], type: 'text' },
    { name: 'original_source', headers: ['Original Source', 'Original Source Type'], type: 'text' },
    { name: 'original_source_drill_down_1', headers: ['Original Source Drill-Down 1', 'Original Source Data 1'], type: 'text' },
    { name: 'original_source_drill_down_2', headers: ['Original Source Drill-Down 2', 'Original Source Data 2'], type: 'text' },
    { name: 'first_page_seen', headers: ['First Page Seen'], type: 'text' },
    { name: 'last_page_seen', headers: ['Last Page Seen'], type: 'text' },
    { name: 'first_conversion', headers: ['First Conversion'], type: 'text' },
    // The lead's company, not a person: kept. Exports may hold both properties.
    { name: 'company_name', headers: ['Company Name'], type: 'text' },
    { name: 'associated_company', headers: ['Associated Company', 'Primary Associated Company'], type: 'text' },
    { name: 'number_of_associated_deals', headers: ['Number of Associated Deals'], type: 'integer' },
    { name: 'country', headers: ['Country/Region', 'Country'], type: 'text' },
    { name: 'visitor_id', headers: ['GA Client ID', 'Google Analytics Client ID', 'ga_client_id', 'GA4 Client ID'], type: 'text' },
  ],
  derivedColumns: UTM_DERIVED_COLUMNS,
  transformRow(row) {
    const firstPage = maskPersonalParameters(row.first_page_seen as string | null);
    return {
      ...row,
      first_page_seen: firstPage,
      last_page_seen: maskPersonalParameters(row.last_page_seen as string | null),
      ...utmTags(firstPage),
    };
  },
});
