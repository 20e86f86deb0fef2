/**
 * `--revalue-emv`: past days keep the EMV rates they were first valued at until the user
 * asks, through `advocacy build` or `advocacy run`, to value history at the config's
 * rates; the run that did so says it in meta.runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../pipelines/cli.ts';
import { ExitCode } from '../../pipelines/errors.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const PAGE_CONTENT = join(import.meta.dirname, '../../fixtures/exports/linkedin/nordlys-energi_content_2026-10-01_2026-10-31.csv');

async function advocacy(...argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await main(argv, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

async function query<T extends object>(warehousePath: string, sql: string): Promise<T[]> {
  const warehouse = await Warehouse.open(warehousePath, { readOnly: true });
  try {
    return await warehouse.all<T>(sql);
  } finally {
    warehouse.close();
  }
}

describe('--revalue-emv', () => {
  it('build and run accept --revalue-emv, value past days at the config’s rates, and meta.runs records it', async () => {
    const cwd = tempFolder();
    const config = join(cwd, 'advocacy.config.json');
    const warehouse = join(cwd, 'warehouse/advocacy.duckdb');
    const writeConfig = (cpm: number) =>
      writeFileSync(
        config,
        JSON.stringify({
          company: { name: 'Nordlys Energi A/S' },
          salt: 'revalue-test-salt',
          emv: { rates: [{ platform: 'linkedin', metric: 'impressions', rate: cpm }] },
        }),
      );
    // The company page's impressions (LinkedIn), valued at the CPM in force.
    const rates = () =>
      query<{ rate: number; days: number }>(
        warehouse,
        `select rate, count(distinct day)::integer as days from marts.emv_daily where metric = 'impressions' group by rate`,
      );

    writeConfig(60);
    expect((await advocacy('ingest', PAGE_CONTENT, '--config', config, '--quiet')).code).toBe(ExitCode.ok);
    expect((await advocacy('build', '--config', config, '--quiet')).code).toBe(ExitCode.ok);
    const [first] = await rates();
    expect(first).toMatchObject({ rate: 60 });
    expect(first!.days).toBeGreaterThan(0);

    writeConfig(80);
    expect((await advocacy('build', '--config', config, '--quiet')).code).toBe(ExitCode.ok);
    expect(await rates()).toEqual([first]);
    expect(await query(warehouse, `select applied_rate, config_rate, days from marts.emv_rate_changes`)).toEqual([
      { applied_rate: 60, config_rate: 80, days: first!.days },
    ]);

    // run builds too: with nothing new since the last build it builds all the same, to re-value.
    expect((await advocacy('run', '--revalue-emv', '--config', config, '--quiet')).code).toBe(ExitCode.ok);
    expect(await rates()).toEqual([{ rate: 80, days: first!.days }]);
    expect(await query(warehouse, `select * from marts.emv_rate_changes`)).toEqual([]);

    writeConfig(100);
    expect((await advocacy('build', '--revalue-emv', '--config', config, '--quiet')).code).toBe(ExitCode.ok);
    expect(await rates()).toEqual([{ rate: 100, days: first!.days }]);

    expect(await query(warehouse, `select command, options, status from meta.runs order by run_id`)).toEqual([
      { command: 'ingest', options: null, status: 'done' },
      { command: 'build', options: null, status: 'done' },
      { command: 'build', options: null, status: 'done' },
      { command: 'run', options: '--revalue-emv', status: 'done' },
      { command: 'build', options: '--revalue-emv', status: 'done' },
    ]);
    expect((await advocacy('status', '--config', config)).output).toMatch(/\n {2}#5 build --revalue-emv \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: done/);
  }, 180_000);

  it('is documented in the help of build and run', async () => {
    for (const command of ['build', 'run']) {
      const { output } = await advocacy(command, '--help');
      expect(output).toMatch(/--revalue-emv +value all past days' EMV at the config's rates/);
    }
  });
});
