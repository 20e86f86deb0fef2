import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { buildModels } from '../helpers/models.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

const MODELS = [
  'staging.stg_program__costs',
  'core.costs',
  'staging.stg_program__ambassadors',
  'core.ambassadors',
  'staging.stg_program__aliases',
  'core.ambassador_aliases',
  'staging.stg_crm__hubspot_contacts',
  'staging.stg_crm__salesforce_leads',
  'core.crm_lead_stages',
  'staging.stg_ats__applications',
  'staging.stg_web__outcomes',
  'core.outcome_records',
  'core.outcomes',
  'staging.stg_program__goals',
  'core.goals',
  'staging.stg_crm__hubspot_deals',
];

describe('models/core: amounts of money', () => {
  it('keep DECIMAL(18,4) from the raw layer through staging to core, exactly as the files wrote them', async () => {
    await withWarehouse(async (warehouse) => {
      const folder = tempFolder();
      const costs = join(folder, 'costs.csv');
      writeFileSync(
        costs,
        [
          'period_start;period_end;category;amount;currency;ambassador_id;note',
          '2026-05-01;2026-05-31;platform;kr. 12.500;DKK;;Licens',
          '2026-05-01;2026-05-31;training;99.999.999.999.999,9999;;;Largest',
          '2026-05-01;2026-05-31;other;0,1;DKK;;A tenth',
        ].join('\n'),
      );
      const outcomes = join(folder, 'outcomes.csv');
      writeFileSync(
        outcomes,
        ['outcome_id,kind,occurred_at,value,currency', 'o-1,conversion,2026-05-02T10:00:00Z,"DKK 12,500.50",DKK', 'o-2,lead,2026-05-03T10:00:00Z,,'].join('\n'),
      );
      const config = testConfig();
      for (const file of [costs, outcomes])
        expect(await ingestFile(warehouse, config, file, { runId: null, log: memoryLogger() })).toMatchObject({ status: 'loaded', rowsRejected: 0 });
      await buildModels(warehouse, config, MODELS, []);

      const types = await warehouse.all(
        `select table_schema || '.' || table_name as model, column_name, data_type from information_schema.columns
         where (table_schema, table_name, column_name) in (
           ('staging', 'stg_program__costs', 'amount'), ('core', 'costs', 'amount'),
           ('staging', 'stg_web__outcomes', 'value'), ('core', 'outcomes', 'value'), ('core', 'outcomes', 'value_effective'),
           ('staging', 'stg_program__goals', 'unit_value'), ('core', 'goals', 'unit_value'),
           ('staging', 'stg_crm__hubspot_deals', 'amount'), ('staging', 'stg_crm__hubspot_deals', 'value'))
         order by model, column_name`,
      );
      expect(types).toEqual([
        { model: 'core.costs', column_name: 'amount', data_type: 'DECIMAL(18,4)' },
        { model: 'core.goals', column_name: 'unit_value', data_type: 'DECIMAL(18,4)' },
        { model: 'core.outcomes', column_name: 'value', data_type: 'DECIMAL(18,4)' },
        { model: 'core.outcomes', column_name: 'value_effective', data_type: 'DECIMAL(18,4)' },
        { model: 'staging.stg_crm__hubspot_deals', column_name: 'amount', data_type: 'DECIMAL(18,4)' },
        { model: 'staging.stg_crm__hubspot_deals', column_name: 'value', data_type: 'DECIMAL(18,4)' },
        { model: 'staging.stg_program__costs', column_name: 'amount', data_type: 'DECIMAL(18,4)' },
        { model: 'staging.stg_program__goals', column_name: 'unit_value', data_type: 'DECIMAL(18,4)' },
        { model: 'staging.stg_web__outcomes', column_name: 'value', data_type: 'DECIMAL(18,4)' },
      ]);
      expect(await warehouse.all(`select note, amount::varchar as amount from core.costs order by source_line`)).toEqual([
        { note: 'Licens', amount: '12500.0000' },
        { note: 'Largest', amount: '99999999999999.9999' },
        { note: 'A tenth', amount: '0.1000' },
      ]);
      expect(
        await warehouse.all(`select outcome_id, value::varchar as value, value_effective::varchar as value_effective from core.outcomes order by outcome_id`),
      ).toEqual([
        { outcome_id: 'web:o-1', value: '12500.5000', value_effective: '12500.5000' },
        { outcome_id: 'web:o-2', value: null, value_effective: '1500.0000' },
      ]);
    });
  });
});
