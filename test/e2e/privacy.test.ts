/**
 * Leads' and candidates' e-mails and names never reach the warehouse in clear text, nor
 * the reports, the extracts or the log. The demo runs once; then every table of every
 * layer, every file under out/ (Parquet and Arrow read back as rows) and every log line
 * is searched for the generator's planted personal data and for every lead's and
 * candidate's e-mail address and name in the exports it wrote.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Papa from 'papaparse';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { PlantedFacts } from '../../fixtures/generator/index.ts';
import { ExitCode } from '../../pipelines/errors.ts';
import { qualifiedName, quotedIdentifier, quotedString, Warehouse } from '../../pipelines/warehouse.ts';
import { demoBuild } from '../helpers/demo.ts';
import { tempFolder } from '../helpers/warehouse.ts';
import { ADVOCACY } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile());
}

function csvRows(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** What to search for: e-mail addresses, and names of two or more words. */
interface PersonalData {
  emails: Set<string>;
  names: Set<string>;
}

/**
 * Every lead's and candidate's e-mail and full name in the exports the generator wrote,
 * and the planted ones. Names that are also an employee's (ambassadors, contact owners,
 * recruiters) are left out: those may appear by design.
 */
function personalDataIn(planted: PlantedFacts, exportsDir: string): PersonalData {
  const files = filesUnder(exportsDir);
  const employees = new Set<string>();
  for (const file of files.filter((path) => /ambassadors\.csv$/.test(path))) for (const row of csvRows(file)) employees.add(row.name!.toLowerCase());
  const values: string[] = [...planted.personalData];
  for (const file of files.filter((path) => /hubspot-crm-exports-all-contacts/.test(path))) {
    for (const row of csvRows(file)) {
      employees.add((row['Contact owner'] ?? '').toLowerCase());
      values.push(row.Email ?? '', `${row['First Name'] ?? ''} ${row['Last Name'] ?? ''}`);
    }
  }
  for (const file of files.filter((path) => /greenhouse_applications/.test(path))) {
    for (const row of csvRows(file)) {
      employees.add((row.Recruiter ?? '').toLowerCase());
      values.push(row.Email ?? '', row['Candidate Name'] ?? '');
    }
  }
  const data: PersonalData = { emails: new Set(), names: new Set() };
  for (const value of values.map((one) => one.trim().toLowerCase().replace(/\s+/g, ' '))) {
    if (value.includes('@')) data.emails.add(value);
    else if (value.split(' ').length >= 2 && !employees.has(value)) data.names.add(value);
  }
  return data;
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/g;
const WORD = /[\p{L}\p{M}'-]+/gu;

/**
 * Where any of the personal data occurs in `text`, as `where: value`. One pass: e-mail
 * shaped tokens are looked up, and every run of two to four words (a name).
 */
function leaks(where: string, text: string, data: PersonalData): string[] {
  const lower = text.toLowerCase().replaceAll('%40', '@');
  const found = new Set<string>();
  for (const match of lower.matchAll(EMAIL)) if (data.emails.has(match[0])) found.add(match[0]);
  const words = lower.match(WORD) ?? [];
  for (let start = 0; start < words.length; start += 1) {
    let name = words[start]!;
    for (let length = 2; length <= 4 && start + length <= words.length; length += 1) {
      name += ` ${words[start + length - 1]}`;
      if (data.names.has(name)) found.add(name);
    }
  }
  return [...found].map((value) => `${where}: ${value}`);
}

/**
 * Leaks in a table or table function: only text can hold an e-mail or a name, and the
 * distinct values of each text column are enough (and far fewer than the rows).
 */
async function tableLeaks(warehouse: Warehouse, from: string, where: string, data: PersonalData): Promise<string[]> {
  const columns = await warehouse.describe(`select * from ${from}`);
  const found: string[] = [];
  for (const column of columns.filter((one) => /VARCHAR|JSON|STRUCT|MAP|\[\]/i.test(one.type))) {
    const name = quotedIdentifier(column.name);
    const row = await warehouse.one<{ text: string | null }>(
      `select string_agg(distinct ${name}::varchar, chr(10)) as text from ${from} where ${name} is not null`,
    );
    found.push(...leaks(`${where}.${column.name}`, row?.text ?? '', data));
  }
  return found;
}

const toText = (value: unknown) => JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item));

describe('privacy: the demo leaks no lead or candidate', () => {
  // The test run's shared demo (test/global-setup.ts), with what its run logged, what the generator planted, and its exports.
  const { root, log: logLines, planted } = demoBuild();
  const personal = personalDataIn(planted, join(root, 'demo-exports'));

  it('knows what to look for: the planted e-mails and names, and every lead and candidate', () => {
    expect(personal.emails.size).toBeGreaterThan(50);
    expect(personal.names.size).toBeGreaterThan(20);
    // The search finds them where they are: every e-mail and every candidate's name is in the exports.
    const exported = filesUnder(join(root, 'demo-exports'))
      .filter((path) => path.endsWith('.csv'))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const found = leaks('exports', exported, personal);
    expect(found.filter((one) => one.includes('@')).length).toBe(personal.emails.size);
    expect(found.length).toBeGreaterThan(personal.emails.size + 20);
  });

  it('no table of any layer holds them (raw and rejected rows included)', async () => {
    const warehouse = await Warehouse.open(join(root, 'warehouse/advocacy.duckdb'), { readOnly: true });
    const found: string[] = [];
    try {
      const tables = await warehouse.all<{ schema: string; name: string }>(
        `select table_schema as schema, table_name as name from information_schema.tables
         where table_schema in ('raw', 'staging', 'core', 'intermediate', 'marts', 'meta') order by all`,
      );
      expect(tables.length).toBeGreaterThan(50);
      for (const { schema, name } of tables) found.push(...(await tableLeaks(warehouse, qualifiedName(schema, name), `${schema}.${name}`, personal)));
    } finally {
      warehouse.close();
    }
    expect(found).toEqual([]);
  });

  it('no report, chart, extract or dictionary holds them', async () => {
    const files = filesUnder(join(root, 'out'));
    expect(files.some((file) => file.endsWith('.html'))).toBe(true);
    const found: string[] = [];
    const reader = await Warehouse.open(':memory:');
    // out/latest holds the last run's files again (hard links), and .chart-images the charts'
    // SVGs: the same bytes are searched once, under the first path that has them.
    const searched = new Set<string>();
    try {
      for (const file of files) {
        const where = relative(root, file);
        if (file.endsWith('.png')) continue; // pixels; the SVG each was drawn from is searched
        const bytes = readFileSync(file);
        const content = createHash('sha256').update(bytes).digest('hex');
        if (searched.has(content)) continue;
        searched.add(content);
        if (file.endsWith('.parquet')) {
          found.push(...(await tableLeaks(reader, `read_parquet(${quotedString(file)})`, where, personal)));
        } else if (file.endsWith('.arrow') || file.endsWith('.feather')) {
          found.push(...leaks(where, toText(tableFromIPC(bytes).toArray()), personal));
        } else {
          found.push(...leaks(where, bytes.toString('utf8'), personal));
        }
      }
    } finally {
      reader.close();
    }
    expect(found).toEqual([]);
  });

  it('no log line holds them', () => {
    expect(logLines.length).toBeGreaterThan(50);
    expect(leaks('log', logLines.join('\n'), personal)).toEqual([]);
  });
});

describe('privacy: the hashing salt', () => {
  const HUBSPOT = join(ROOT, 'fixtures/exports/crm/hubspot-crm-exports-all-contacts-2026-10-31.csv');

  function projectWithout(salt: string | null): string {
    const cwd = tempFolder('advocacy-salt-');
    writeFileSync(join(cwd, 'advocacy.config.yaml'), `company:\n  name: Nordlys Energi A/S\n${salt ? `salt: ${salt}\n` : ''}`);
    copyFileSync(HUBSPOT, join(cwd, 'contacts.csv'));
    copyFileSync(join(ROOT, 'fixtures/exports/program/ambassadors.csv'), join(cwd, 'ambassadors.csv'));
    return cwd;
  }

  it('is required for a file with personal data: its absence is a clear error, not a default, and nothing of the file is loaded', () => {
    const cwd = projectWithout(null);
    const env = { ...process.env, ADVOCACY_SALT: '' };
    const result = spawnSync(process.execPath, [ADVOCACY, 'ingest', 'contacts.csv', 'ambassadors.csv'], { cwd, encoding: 'utf8', env });
    expect(result.status).toBe(ExitCode.badInput);
    expect(result.stderr).toMatch(
      /error: contacts\.csv holds e-mails or names of leads or candidates, and no hashing salt is set; add "salt:" to the config or set ADVOCACY_SALT, then load it again\./,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // A file without personal data needs no salt.
    expect(result.stdout).toMatch(/files: 1 loaded, 0 already loaded \(nothing to do\), 1 failed/);
    const status = spawnSync(process.execPath, [ADVOCACY, 'status'], { cwd, encoding: 'utf8', env });
    expect(status.stdout).toMatch(/contacts\.csv: contacts\.csv holds e-mails or names of leads or candidates, and no hashing salt is set/);
  });

  it('comes from ADVOCACY_SALT when the config has none, and the e-mails are stored hashed', async () => {
    const cwd = projectWithout(null);
    const result = spawnSync(process.execPath, [ADVOCACY, 'ingest', 'contacts.csv'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ADVOCACY_SALT: 'salt-from-the-environment' },
    });
    expect(result.status, result.stderr).toBe(ExitCode.ok);
    const warehouse = await Warehouse.open(join(cwd, 'warehouse/advocacy.duckdb'));
    try {
      const rows = await warehouse.all<{ email_hash: string }>(`select email_hash from raw.crm__hubspot_contacts where email_hash is not null`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.email_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(toText(await warehouse.all(`select * from raw.crm__hubspot_contacts`)).toLowerCase()).not.toContain('mette.frederiksen@kunde-a.dk');
    } finally {
      warehouse.close();
    }
  });
});
