/**
 * Which CRM records are leads (config outcomes.lead_stages): core.crm_lead_stages and
 * core.outcomes on the HubSpot and Salesforce fixtures, and what `advocacy status` says.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../pipelines/config.ts';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { describeStatus, readStatus } from '../../../pipelines/status.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { buildModels } from '../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const CRM = join(import.meta.dirname, '../../../fixtures/exports/crm');
const MODELS = [
  'staging.stg_crm__hubspot_contacts',
  'staging.stg_crm__salesforce_leads',
  'staging.stg_web__outcomes',
  'staging.stg_ats__applications',
  'core.crm_lead_stages',
  'core.outcome_records',
  'core.outcomes',
];

/** The HubSpot contacts (lead, opportunity, subscriber, lead, lead) and Salesforce leads fixtures, built with `outcomes`. */
async function buildCrm(warehouse: Warehouse, outcomes?: ConfigInput['outcomes']): Promise<void> {
  const config = testConfig(outcomes ? { outcomes } : {});
  for (const file of ['hubspot-crm-exports-all-contacts-2026-10-31.csv', 'salesforce-leads.csv']) {
    expect(await ingestFile(warehouse, config, join(CRM, file), { runId: null, log: memoryLogger() })).toMatchObject({ status: 'loaded' });
  }
  await warehouse.run(`create schema if not exists core;
    create table core.ambassadors (ambassador_id varchar, email varchar);
    create table core.ambassador_aliases (alias_key varchar, alias varchar, ambassador_id varchar)`);
  await buildModels(warehouse, config, MODELS, ['core.ambassadors', 'core.ambassador_aliases']);
}

async function leads(warehouse: Warehouse, system: string): Promise<string[]> {
  const rows = await warehouse.all<{ outcome_id: string }>(
    `select outcome_id from core.outcomes where kind = 'lead' and source_system = $system order by outcome_id`,
    { system },
  );
  return rows.map((row) => row.outcome_id);
}

describe('models/core/crm_lead_stages', () => {
  it('a HubSpot subscriber is not a lead: no lead outcome, but kept and counted as excluded by its lifecycle stage', async () => {
    await withWarehouse(async (warehouse) => {
      await buildCrm(warehouse);
      expect(await leads(warehouse, 'hubspot')).toEqual(['hubspot:51234001', 'hubspot:51234002', 'hubspot:51234004', 'hubspot:51234005']);
      expect(
        await warehouse.one(`select crm, lifecycle_stage, stage_field, stage, is_lead from core.crm_lead_stages where outcome_id = 'hubspot:51234003'`),
      ).toEqual({
        crm: 'hubspot',
        lifecycle_stage: 'subscriber',
        stage_field: 'lifecycle_stage',
        stage: 'subscriber',
        is_lead: false,
      });
      // Every Salesforce status in the fixture is a lead's (none is Unqualified).
      expect(await leads(warehouse, 'salesforce')).toHaveLength(8);
      expect(await warehouse.one(`select count(*)::integer as n from core.crm_lead_stages`)).toEqual({ n: 13 });
    });
  });

  it('takes the stages and statuses that are not leads from the config, matching HubSpot labels and internal values alike', async () => {
    await withWarehouse(async (warehouse) => {
      await buildCrm(warehouse, {
        lead_stages: {
          exclude_hubspot_lifecycle_stages: ['Opportunity'],
          exclude_hubspot_lead_statuses: ['in_progress'],
          exclude_salesforce_lead_statuses: ['closed not converted'],
        },
      });
      // The subscriber counts now; the opportunity (by its label) and the contact "In progress" (by HubSpot's internal value) do not.
      expect(await leads(warehouse, 'hubspot')).toEqual(['hubspot:51234001', 'hubspot:51234003', 'hubspot:51234005']);
      expect(await warehouse.all(`select outcome_id, stage_field, stage from core.crm_lead_stages where not is_lead order by outcome_id`)).toEqual([
        { outcome_id: 'hubspot:51234002', stage_field: 'lifecycle_stage', stage: 'opportunity' },
        { outcome_id: 'hubspot:51234004', stage_field: 'lead_status', stage: 'In progress' },
        { outcome_id: expect.stringMatching(/^salesforce:/), stage_field: 'lead_status', stage: 'Closed - Not Converted' },
      ]);
      expect(await leads(warehouse, 'salesforce')).toHaveLength(7);
      expect(await warehouse.all(`select * from meta.excluded_lead_stages order by all`)).toEqual([
        { crm: 'hubspot', field: 'lead_status', value: 'in_progress' },
        { crm: 'hubspot', field: 'lifecycle_stage', value: 'Opportunity' },
        { crm: 'salesforce', field: 'lead_status', value: 'closed not converted' },
      ]);
    });
  });

  it('advocacy status shows how many leads each stage gave and how many records each excluded', async () => {
    await withWarehouse(async (warehouse) => {
      await buildCrm(warehouse);
      const status = describeStatus(await readStatus(warehouse));
      const section = status.slice(status.findIndex((line) => line.startsWith('CRM records by stage')));
      expect(section[0]).toBe('CRM records by stage (outcomes.lead_stages says which are not leads):');
      expect(section).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^ {2}hubspot +lifecycle stage +lead +3 leads +0 excluded$/),
          expect.stringMatching(/^ {2}hubspot +lifecycle stage +opportunity +1 lead +0 excluded$/),
          expect.stringMatching(/^ {2}hubspot +lifecycle stage +subscriber +0 leads +1 excluded$/),
          expect.stringMatching(/^ {2}salesforce +lead status +Open - Not Contacted +\d+ leads +0 excluded$/),
        ]),
      );
      // karen@kunde-d.dk's HubSpot record is rejected (Create Date 2026-02-30), so no person is in both CRMs
      expect(status).toContain("  no lead merged into another, none left out as a roster member's");
    });
  });
});
