import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itHasTheStagingShape, stagingWarehouse } from '../../helpers/staging.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';

const FIXTURES = ['hubspot-crm-exports-all-contacts-2026-10-31.csv', 'salesforce-leads.csv', 'hubspot-crm-exports-all-deals-2026-11-30.csv'];
const MODELS = ['stg_crm__hubspot_contacts', 'stg_crm__salesforce_leads', 'stg_crm__hubspot_deals'];
const PEOPLE = ['Mette', 'Frederiksen', 'Petersen', 'Blixen', 'Kierkegaard', 'Brøgger', '@', '+45'];

describe('models/staging/crm', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await stagingWarehouse('crm', FIXTURES, MODELS);
  });

  afterAll(() => warehouse?.close());

  itHasTheStagingShape('crm', MODELS);

  it('stg_crm__hubspot_contacts makes each contact a lead at its create time, with normalised tags', async () => {
    const rows = await warehouse.all(
      `select record_id, kind, occurred_at, visitor_id, company, utm_content, utm_content_normalised, first_page_path, number_of_associated_deals
       from staging.stg_crm__hubspot_contacts order by record_id limit 2`,
    );
    expect(rows).toEqual([
      {
        record_id: '51234001',
        kind: 'lead',
        occurred_at: new Date('2026-10-02T07:14:00Z'),
        visitor_id: 'GA1.1.1234.5678',
        company: 'Kunde A ApS',
        utm_content: 'amb-7f3k2',
        utm_content_normalised: 'amb-7f3k2',
        first_page_path: 'https://nordlys.dk/varmepumper',
        number_of_associated_deals: 1,
      },
      {
        record_id: '51234002',
        kind: 'lead',
        occurred_at: new Date('2025-12-20T23:00:00Z'),
        visitor_id: null,
        company: 'Kunde B A/S',
        utm_content: 'AMB-Q81ZD',
        utm_content_normalised: 'amb-q81zd',
        first_page_path: 'https://nordlys.dk/blog/groen-omstilling',
        number_of_associated_deals: 2,
      },
    ]);
  });

  it('stg_crm__salesforce_leads keys leads without Lead ID by e-mail hash and date, on the create day as a calendar day', async () => {
    const rows = await warehouse.all<{ lead_key: string; kind: string; occurred_on: Date; utm_content_normalised: string | null }>(
      `select lead_key, kind, occurred_on, utm_content_normalised from staging.stg_crm__salesforce_leads order by _source_line`,
    );
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({
      lead_key: expect.stringMatching(/^[0-9a-f]{64}\|2026-10-27$/),
      kind: 'lead',
      occurred_on: new Date('2026-10-27T00:00:00Z'),
      utm_content_normalised: 'amb-7f3k2',
    });
    expect(rows[4]?.utm_content_normalised).toBe('amb-7f3k2');
  });

  it('stg_crm__hubspot_deals makes a won deal a conversion at its close, worth its amount', async () => {
    const rows = await warehouse.all(`select deal_id, kind, occurred_at, value, contact_record_ids from staging.stg_crm__hubspot_deals order by deal_id`);
    expect(rows).toEqual([
      { deal_id: '9100001', kind: 'conversion', occurred_at: new Date('2026-11-20T13:00:00Z'), value: 125000, contact_record_ids: '51234001' },
      { deal_id: '9100002', kind: null, occurred_at: null, value: null, contact_record_ids: '51234002' },
      { deal_id: '9100003', kind: 'conversion', occurred_at: new Date('2026-11-28T07:30:00Z'), value: 12000, contact_record_ids: '51234002' },
      { deal_id: '9100005', kind: null, occurred_at: null, value: null, contact_record_ids: '51234006' },
      { deal_id: '9100006', kind: null, occurred_at: null, value: null, contact_record_ids: '51234007;51234008' },
    ]);
  });

  it('lets no lead name, e-mail or phone reach the warehouse, through rows or rejected rows', async () => {
    const dump = JSON.stringify(
      [
        await warehouse.all('select * from raw.crm__hubspot_contacts'),
        await warehouse.all('select * from raw.crm__salesforce_leads'),
        await warehouse.all('select * from raw.crm__hubspot_deals'),
        await warehouse.all('select * from meta.rejected_rows'),
      ],
      (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value),
    );
    expect(dump).toContain('51234001');
    for (const person of PEOPLE) expect(dump, person).not.toContain(person);
  });
});
