import { defineAdapter } from '../adapter.ts';

/** Stages that mean the deal was won: HubSpot's default pipeline label and internal value, and common custom labels. */
const WON = /^(closed ?won|closedwon|won|vundet|lukket vundet)$/i;

/**
 * HubSpot → Deals → Export (`hubspot-crm-exports-<view>-<date>.csv`, the same tool as
 * the contacts export; docs/formats.md#hubspot-deals). One row is a deal; a won deal is a
 * conversion with its `Amount` as value. Labels are the default deal properties (INFERRED:
 * no raw deal export was seen): `Record ID, Deal Name, Deal Stage, Pipeline, Amount, Close
 * Date, Create Date, Deal owner, Associated Company, Associated Contact IDs`.
 *
 * Privacy: `Deal Name` often holds a person's name and `Associated Contact` holds
 * contacts' names, so neither is read; contacts are linked by their record ids
 * (`Associated Contact IDs`), which match `crm.hubspot_contacts.record_id`.
 */
export const crmHubspotDeals = defineAdapter({
  name: 'crm.hubspot_deals',
  platform: 'crm',
  title: 'HubSpot deals export',
  signature: ['Record ID', 'Deal Stage', ['Amount', 'Pipeline', 'Close Date']],
  loader: 'papaparse',
  naturalKey: ['record_id'],
  columns: [
    { name: 'record_id', headers: ['Record ID', 'Deal ID'], type: 'text', required: true },
    { name: 'deal_stage', headers: ['Deal Stage'], type: 'text' },
    { name: 'pipeline', headers: ['Pipeline'], type: 'text' },
    { name: 'amount', headers: ['Amount'], type: 'money', currency: 'currency' },
    { name: 'amount_in_company_currency', headers: ['Amount in company currency'], type: 'money' },
    { name: 'currency', headers: ['Currency', 'Deal currency code'], type: 'text' },
    { name: 'deal_type', headers: ['Deal Type'], type: 'text' },
    { name: 'created_at', headers: ['Create Date', 'Created Date'], type: 'timestamp' },
    { name: 'closed_at', headers: ['Close Date'], type: 'timestamp' },
    { name: 'deal_owner', headers: ['Deal owner', 'Deal Owner'], type: 'text' },
    { name: 'associated_company', headers: ['Associated Company', 'Primary Associated Company'], type: 'text' },
    { name: 'contact_record_ids', headers: ['Associated Contact IDs', 'Associated Contact ID', 'Associated Contact Record IDs'], type: 'text' },
    { name: 'original_source', headers: ['Original Source', 'Original Source Type'], type: 'text' },
  ],
  derivedColumns: [{ name: 'is_won', type: 'boolean' }],
  transformRow(row) {
    const stage = row.deal_stage === null ? '' : String(row.deal_stage).trim();
    return { ...row, is_won: WON.test(stage) };
  },
});
