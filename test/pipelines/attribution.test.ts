import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributionCsv, attributionTable, csvCell, parseAttributionOptions, type AttributionView } from '../../pipelines/attribution.ts';
import { main } from '../../pipelines/cli.ts';
import { ExitCode } from '../../pipelines/errors.ts';
import { prepareWarehouse } from '../../pipelines/meta.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { adapters } from '../../sources/index.ts';
import { buildAttribution } from '../models/marts/attribution_setup.ts';
import { TEST_SALT, tempFolder, testConfig } from '../helpers/warehouse.ts';

const view: AttributionView = {
  kind: 'lead',
  granularity: 'program',
  currency: 'DKK',
  defaultModel: 'last_touch',
  credits: [
    { model: 'last_touch', channel: 'Email', label: 'Email', outcomes: 1, value: 1500 },
    { model: 'last_touch', channel: 'Employee advocacy', label: 'Employee advocacy', outcomes: 2, value: 3000 },
    { model: 'markov', channel: 'Email', label: 'Email', outcomes: 1.25, value: 1875 },
    { model: 'markov', channel: 'Employee advocacy', label: 'Employee advocacy', outcomes: 1.75, value: 2625 },
  ],
};

async function capture(argv: string[]) {
  const lines: string[] = [];
  const code = await main(argv, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

describe('pipelines/attribution', () => {
  it('reads its options, with defaults, and says what is allowed', () => {
    expect(parseAttributionOptions({})).toEqual({ kind: 'all', granularity: 'program', format: 'table', limit: 25 });
    expect(parseAttributionOptions({ kind: 'hire', granularity: 'ambassador', format: 'csv', limit: '0' })).toEqual({
      kind: 'hire',
      granularity: 'ambassador',
      format: 'csv',
      limit: 0,
    });
    expect(() => parseAttributionOptions({ kind: 'sale' })).toThrow('--kind must be one of lead, conversion, application, hire, all, not "sale".');
    expect(() => parseAttributionOptions({ limit: '-1' })).toThrow(/--limit must be a whole number/);
  });

  it('prints the models side by side: a row per channel, a column per model, the default model biggest first', () => {
    expect(attributionTable(view)).toEqual([
      'Outcomes credited: leads, program granularity (3 outcomes, 4,500 DKK)',
      '',
      'channel               last   markov',
      'Employee advocacy      2.0      1.8',
      'Email                  1.0      1.3',
      '-----------------------------------',
      'total                  3.0      3.0',
      '',
      'last = last_touch; sorted by last_touch (the default model).',
      'markov is a global allocation (marts.markov_removal_effects); the others add up per-outcome credits (marts.attribution_credits).',
    ]);
    expect(attributionTable(view, 1)[4]).toBe('(1 more channels)      1.0      1.3');
    expect(attributionTable({ ...view, credits: [] })).toEqual(['Outcomes credited: leads, program granularity', '', 'No leads in the warehouse.']);
  });

  it('prints model,channel,outcomes,value as CSV, with formulas neutralised', () => {
    expect(attributionCsv(view)).toEqual([
      'model,channel,outcomes,value',
      'last_touch,Employee advocacy,2,3000',
      'last_touch,Email,1,1500',
      'markov,Employee advocacy,1.75,2625',
      'markov,Email,1.25,1875',
    ]);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-0.5')).toBe('-0.5');
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('advocacy attribution reads the built marts; --help describes it', async () => {
    const root = tempFolder();
    const configFile = join(root, 'advocacy.config.json');
    writeFileSync(configFile, JSON.stringify({ company: { name: 'Nordlys Energi A/S' }, salt: TEST_SALT, paths: { warehouse: 'warehouse/test.duckdb' } }));
    const warehouse = await Warehouse.open(join(root, 'warehouse/test.duckdb'));
    try {
      await prepareWarehouse(warehouse, adapters);
      await buildAttribution(
        warehouse,
        [
          { id: 'o1', visitor: 'v1', at: '2026-06-30 12:00:00', value: 1500 },
          { id: 'o2', visitor: null, at: '2026-06-30 12:00:00', kind: 'conversion', value: 5000 },
        ],
        [
          { visitor: 'v1', at: '2026-06-20 12:00:00', channel: 'Email' },
          { visitor: 'v1', at: '2026-06-29 12:00:00', channel: 'A1' },
        ],
        undefined,
        testConfig({}, root),
      );
    } finally {
      warehouse.close();
    }
    const table = await capture(['attribution', '--config', configFile, '--kind', 'lead', '--granularity', 'ambassador']);
    expect(table.code).toBe(ExitCode.ok);
    expect(table.output).toContain('Outcomes credited: leads, ambassador granularity (1 outcomes, 1,500 DKK)');
    expect(table.output).toMatch(/^A1 +1\.0 +0\.0 +0\.5 /m);
    const csv = await capture(['attribution', '--config', configFile, '--format', 'csv']);
    expect(csv.output.split('\n')).toContain('shapley,Employee advocacy,0.5,750');
    expect(csv.output.split('\n')).toContain('markov,(unattributed),1,5000');
    const help = await capture(['attribution', '--help']);
    expect(help.code).toBe(ExitCode.ok);
    expect(help.output).toMatch(/^Usage: advocacy attribution \[--kind lead\|conversion\|application\|hire\|all\]/);
    const wrong = await capture(['attribution', '--config', configFile, '--granularity', 'team']);
    expect(wrong.code).toBe(ExitCode.usage);
  });
});
