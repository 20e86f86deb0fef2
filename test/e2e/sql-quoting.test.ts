/**
 * File names, config values and identifiers reach SQL only as parameters or through
 * `quotedString` / `quotedIdentifier`: a file named `it's; drop table x.csv`, a company
 * named with quotes and a warehouse path with a semicolon load and build like any other.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { qualifiedName, quotedIdentifier, quotedString, Warehouse } from '../../pipelines/warehouse.ts';
import { loadConfig } from '../../pipelines/config.ts';
import { archivedDay, tempFolder } from '../helpers/warehouse.ts';
import { ADVOCACY } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const HOSTILE_FILE = "it's; drop table x.csv";
const HOSTILE_TOUCHPOINTS = `x'); drop table meta.files; --.csv`;
const COMPANY = `O'Brien "Energi"; drop table meta.runs; --`;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('SQL quoting', () => {
  it('quotes strings and identifiers so that no quote or semicolon ends them', () => {
    expect(quotedString(HOSTILE_FILE)).toBe(`'it''s; drop table x.csv'`);
    expect(quotedIdentifier('a"b; drop')).toBe(`"a""b; drop"`);
    expect(qualifiedName('raw', `t"; drop table meta.files; --`)).toBe(`"raw"."t""; drop table meta.files; --"`);
  });

  it('loads, builds and checks a run whose file names, company name and paths hold quotes and semicolons', async () => {
    const cwd = tempFolder();
    const config = [
      'company:',
      `  name: ${JSON.stringify(COMPANY)}`,
      'salt: quoting-test-salt',
      'ingest:',
      '  settle_seconds: 0',
      'paths:',
      `  inbox: "in'box; x"`,
      `  archive: "arch'ive; x"`,
      `  warehouse: "ware'house; x/advocacy.duckdb"`,
      `  out: "o'ut; x"`,
      'contests:',
      `  - name: "Q4 '26; drop table meta.contests"`,
      '    start: 2026-10-01',
      '    end: 2026-10-31',
      '',
    ].join('\n');
    writeFileSync(join(cwd, 'advocacy.config.yaml'), config);
    const inbox = join(cwd, "in'box; x");
    mkdirSync(inbox);
    copyFileSync(join(ROOT, 'fixtures/bad', HOSTILE_FILE), join(inbox, HOSTILE_FILE));
    copyFileSync(join(ROOT, 'fixtures/exports/web/touchpoints.csv'), join(inbox, HOSTILE_TOUCHPOINTS));

    const started = new Date();
    const run = spawnSync(process.execPath, [ADVOCACY, 'run'], { cwd, encoding: 'utf8', env: { ...process.env, ADVOCACY_SALT: '' } });
    expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(run.status, run.stderr).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/files: 2 loaded, 0 already loaded, 0 failed/);
    expect(run.stdout).toMatch(/check: the warehouse is consistent/);

    // The archive's day is the machine's calendar day in the config's time zone (the default).
    const day = archivedDay(join(cwd, "arch'ive; x"), loadConfig(join(cwd, 'advocacy.config.yaml')).timezone, started);
    expect(existsSync(join(cwd, "arch'ive; x", day, HOSTILE_FILE))).toBe(true);
    const latest = join(cwd, "o'ut; x", 'latest');
    const pages = readdirSync(latest).filter((name) => name.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);

    const warehouse = await Warehouse.open(join(cwd, "ware'house; x/advocacy.duckdb"));
    try {
      expect(await warehouse.all(`select file_name from meta.files order by file_name`)).toEqual([
        { file_name: HOSTILE_FILE },
        { file_name: HOSTILE_TOUCHPOINTS },
      ]);
      expect(
        await warehouse.one(`select count(distinct _source_file)::integer as n from raw.program__ambassadors where _source_file = $name`, {
          name: HOSTILE_FILE,
        }),
      ).toEqual({ n: 1 });
      expect(await warehouse.one(`select company_name from meta.settings`)).toEqual({ company_name: COMPANY });
      expect(await warehouse.all(`select contest from meta.contests`)).toEqual([{ contest: "Q4 '26; drop table meta.contests" }]);
      expect(await warehouse.one(`select count(*)::integer as n from meta.runs where status = 'done'`)).toEqual({ n: 1 });
      expect(await warehouse.one(`select count(*)::integer as n from core.ambassadors`)).toEqual({ n: 3 });
    } finally {
      warehouse.close();
    }
    const html = pages.map((page) => readFileSync(join(latest, page), 'utf8')).join('\n');
    expect(html).toContain('O&#39;Brien &quot;Energi&quot;; drop table meta.runs; --');
  });

  it('no SQL text in the code wraps an interpolated value in single quotes (values go in as parameters or through quotedString)', () => {
    const offenders: string[] = [];
    for (const folder of ['pipelines', 'sources', 'models', 'reports']) {
      for (const file of sourceFiles(join(ROOT, folder))) {
        const text = readFileSync(file, 'utf8');
        for (const literal of text.match(/`(?:[^`\\]|\\.)*`/g) ?? []) {
          if (!/\b(select|insert|update|delete|create)\b/i.test(literal)) continue;
          if (/'\$\{/.test(literal)) offenders.push(`${relative(ROOT, file)}: ${literal.slice(0, 120)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
