import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse, quotedString } from '../../../pipelines/warehouse.ts';
import { createAnonymiser } from '../../../reports/anonymise.ts';
import { csvValue, neutraliseCsvCell, toCsv, writeExtracts } from '../../../reports/render/extracts.ts';
import { AMBASSADORS, fixtureMarts, loadMarts } from '../fixtures.ts';

let warehouse: Warehouse;
let folder: string;
beforeEach(async () => {
  warehouse = await Warehouse.open(':memory:');
  folder = mkdtempSync(join(tmpdir(), 'advocacy-extracts-'));
});
afterEach(() => {
  warehouse.close();
  rmSync(folder, { recursive: true, force: true });
});

const HOSTILE = ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', '<script>alert(1)</script>', '"><img onerror=alert(1)>'];

describe('reports/render/extracts', () => {
  it('neutralises cells a spreadsheet would run as formulas, and only those', () => {
    expect(neutraliseCsvCell('=1+1')).toBe("'=1+1");
    expect(neutraliseCsvCell('+45 12 34 56')).toBe("'+45 12 34 56");
    expect(neutraliseCsvCell('-x')).toBe("'-x");
    expect(neutraliseCsvCell('@x')).toBe("'@x");
    expect(neutraliseCsvCell('\tx')).toBe("'\tx");
    expect(neutraliseCsvCell('\rx')).toBe("'\rx");
    expect(neutraliseCsvCell('Søren = 1')).toBe('Søren = 1');
    expect(neutraliseCsvCell('')).toBe('');
    // Numbers stay numbers.
    expect(csvValue(-5, 'DOUBLE')).toBe('-5');
    expect(csvValue(new Date('2026-03-02T00:00:00Z'), 'DATE')).toBe('2026-03-02');
    expect(csvValue(new Date('2026-03-02T10:11:12Z'), 'TIMESTAMP')).toBe('2026-03-02 10:11:12');
    expect(csvValue('a,"b"\nc', 'VARCHAR')).toBe('"a,""b""\nc"');
  });

  it('writes UTF-8 CSV with a byte-order mark and CRLF', () => {
    const csv = toCsv([{ name: 'name', type: 'VARCHAR' }, { name: 'n', type: 'INTEGER' }], [{ name: 'Åse', n: 1 }, { name: null, n: null }]);
    expect(csv).toBe('\uFEFFname,n\r\nÅse,1\r\n,\r\n');
  });

  it('writes every mart as CSV, Parquet and Arrow with a data dictionary; hostile text stays inert', async () => {
    const ambassadors = AMBASSADORS.map((ambassador, index) => (index < HOSTILE.length ? { ...ambassador, name: HOSTILE[index] as string } : ambassador));
    await loadMarts(warehouse, fixtureMarts({ ambassadors }));
    const { files, tables } = await writeExtracts(warehouse, folder, { anonymiser: createAnonymiser({ enabled: false }), grains: new Map([['ambassador_totals', 'one row per ambassador, program to date']]) });
    expect(tables).toEqual(['ambassador_totals', 'ambassador_weekly', 'goal_progress', 'program_summary', 'program_weekly']);
    expect(files.filter((file) => file.endsWith('.parquet'))).toHaveLength(5);

    const csv = readFileSync(join(folder, 'ambassador_totals.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`'=HYPERLINK(""http://x"",""y"")`);
    expect(csv).toContain("'+1+2");
    expect(csv).toContain("'-2+3");
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("'\tTAB");
    expect(csv).toContain('"\'\rCR"');
    expect(csv).toContain('<script>alert(1)</script>');
    // No line starts with a formula character.
    for (const line of csv.split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);

    // Parquet reads back through DuckDB with the same rows.
    const parquet = await warehouse.all<{ n: number; names: string }>(
      `select count(*)::integer as n, string_agg(ambassador_name, '|' order by ambassador_id) as names from read_parquet(${quotedString(join(folder, 'ambassador_totals.parquet'))})`,
    );
    expect(parquet[0]?.n).toBe(12);
    expect(parquet[0]?.names.split('|')[0]).toBe(HOSTILE[0]);

    // Arrow: DateDay for dates, Utf8 for text, Float64/Int32 as the mart casts them.
    const table = tableFromIPC(readFileSync(join(folder, 'ambassador_totals.arrow')));
    expect(table.numRows).toBe(12);
    const types = Object.fromEntries(table.schema.fields.map((field) => [field.name, String(field.type)]));
    expect(types).toMatchObject({ ambassador_id: 'Utf8', first_post_on: 'Date32<DAY>', posts: 'Int32', value: 'Float64', is_leader: 'Bool' });
    expect(table.getChild('ambassador_name')?.get(0)).toBe(HOSTILE[0]);

    const dictionary = readFileSync(join(folder, 'data_dictionary.csv'), 'utf8');
    expect(dictionary).toContain('ambassador_totals,,table,"one row per ambassador, program to date"');
    expect(dictionary).toMatch(/goal_progress,pace_target,DOUBLE,the linear pace/);
    expect(readFileSync(join(folder, 'README.md'), 'utf8')).toContain('| ambassador_totals | one row per ambassador, program to date |');
  });

  it('replaces ids and names by pseudonyms in every format when anonymised', async () => {
    await loadMarts(warehouse, fixtureMarts());
    const anonymiser = createAnonymiser({ enabled: true, salt: 'test-salt-123' });
    await writeExtracts(warehouse, folder, { anonymiser });
    const csv = readFileSync(join(folder, 'ambassador_weekly.csv'), 'utf8');
    expect(csv).not.toContain('Mette Østergaard');
    expect(csv).not.toContain('amb-02');
    expect(csv).toContain(`${anonymiser.id('amb-02')},Ambassador ${anonymiser.id('amb-02')}`);
    const table = tableFromIPC(readFileSync(join(folder, 'ambassador_totals.arrow')));
    expect(JSON.stringify(table.toArray())).not.toContain('Østergaard');
    const parquet = await warehouse.all<{ n: number }>(`select count(*)::integer as n from read_parquet(${quotedString(join(folder, 'ambassador_totals.parquet'))}) where ambassador_name like 'Ambassador %'`);
    expect(parquet[0]?.n).toBe(12);
  });
});
