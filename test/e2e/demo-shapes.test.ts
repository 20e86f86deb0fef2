import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedProgram } from '../../fixtures/generator/index.ts';
import { DEMO_SALT, DEMO_SEED, runDemo } from '../../pipelines/demo.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import type { RunSummary } from '../../pipelines/run.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { itReconcilesFiguresWithRawExports } from '../helpers/reconcile.ts';
import { checksOn, reportsOf, type BuiltReports } from '../reports/wording.ts';
import { tempFolder } from '../helpers/warehouse.ts';

/** Another program than the shared demo build's, so that the figures are reconciled on a second set of exports. */
const MIXED_SEED = DEMO_SEED + 7;

/** A CSV's rows as records keyed by header, the lines before the header (GA4's `#` preamble) left out. */
function csvRecords(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\n');
  const header = lines.findIndex((line) => !line.startsWith('#'));
  const body = lines.slice(header).join('\n');
  return Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: true }).data;
}

/** The kind and digits of the LinkedIn post a link names, in any of its written forms. */
function postId(url: string): string | null {
  const match = /(activity|ugcPost|share)(?:-|:)(\d{15,20})/.exec(decodeURIComponent(url));
  return match ? match[2]! : null;
}

describe('the mixed demo program: GA4 only, two CRMs, post links in several forms, a stray Shares.csv', () => {
  const root = tempFolder('advocacy-demo-mixed-');
  const exportsDir = join(root, 'demo-exports');
  let program: GeneratedProgram;
  let summary: RunSummary;
  let warehouse: Warehouse;

  beforeAll(async () => {
    ({ program, summary } = await runDemo(root, memoryLogger(), 'mixed', MIXED_SEED));
    warehouse = await Warehouse.open(join(root, 'warehouse/advocacy.duckdb'), { readOnly: true });
    return () => warehouse.close();
  }, 300_000);

  const exportFiles = (folder: string) => readdirSync(join(exportsDir, folder)).map((name) => join(exportsDir, folder, name));
  const roster = () => csvRecords(join(exportsDir, 'program/ambassadors.csv'));

  it('says in the attribution report that journeys are unavailable, and on what the credits rest', async () => {
    const counts = await warehouse.one<{ visits: number; outcomes: number; evidence: number }>(
      `select visits, outcomes, outcomes_with_own_evidence as evidence from marts.program_summary`,
    );
    expect(counts!.visits).toBe(0);
    const page = readFileSync(join(root, 'out/latest/attribution.html'), 'utf8');
    expect(page).toContain('Journeys are unavailable: no visit-level data');
    expect(page).toContain(`${counts!.evidence.toLocaleString('en-GB')} of ${counts!.outcomes.toLocaleString('en-GB')} outcomes had such evidence`);
  });

  it('loads every file, with no visit-level touchpoints file among them', () => {
    expect(summary.filesFailed).toBe(0);
    expect(program.files.some((path) => /touchpoints_/.test(path))).toBe(false);
    expect(program.files.some((path) => /salesforce-leads-/.test(path))).toBe(true);
  });

  it("counts sessions from ambassadors' links from GA4, each GA4 row once", async () => {
    const codes = new Set(roster().map((ambassador) => ambassador.utm_code!.toLowerCase()));
    let expected = 0;
    for (const path of exportFiles('ga4')) {
      for (const row of csvRecords(path)) {
        if (codes.has(row['Session manual ad content']!.toLowerCase())) expected += Number(row.Sessions);
      }
    }
    expect(expected).toBeGreaterThan(1000);
    const counted = await warehouse.one<{ sessions: number }>(
      `select sum(value)::integer as sessions from marts.program_daily_metrics where metric = 'sessions'`,
    );
    expect(counted?.sessions).toBe(expected);
    const source = await warehouse.all<{ counted_from: string }>(`select distinct counted_from from core.sessions_daily`);
    expect(source).toEqual([{ counted_from: 'ga4' }]);
  });

  it("counts one person in HubSpot and Salesforce as one lead, and a roster member's own e-mail as none", async () => {
    const rosterEmails = new Set(roster().map((ambassador) => ambassador.email!.toLowerCase()));
    const [hubspotPath] = exportFiles('crm').filter((path) => path.includes('hubspot'));
    const [salesforcePath] = exportFiles('crm').filter((path) => path.includes('salesforce'));
    const hubspot = csvRecords(hubspotPath!).filter((row) => !row['Create Date']!.startsWith('2026-02-31'));
    const salesforce = csvRecords(salesforcePath!).filter((row) => (row.Email ?? '') !== '');
    const excluded = (row: Record<string, string>) =>
      ['subscriber', 'other'].includes(row['Lifecycle Stage']!.toLowerCase()) || row['Lead Status']!.toLowerCase() === 'unqualified';
    const hubspotEmails = new Set(hubspot.filter((row) => !excluded(row)).map((row) => row.Email!.toLowerCase()));
    const salesforceEmails = new Set(salesforce.map((row) => row.Email!.toLowerCase()));
    const inBoth = [...salesforceEmails].filter((email) => hubspotEmails.has(email));
    const employees = hubspot.filter((row) => rosterEmails.has(row.Email!.toLowerCase()));
    expect(inBoth.length).toBe(program.planted.sharedLeads);
    expect(inBoth.length).toBeGreaterThan(5);
    expect(employees.length).toBeGreaterThan(0);

    const records = await warehouse.one<{ merged: number; roster: number }>(
      `select count(*) filter (where merged_into_outcome_id is not null)::integer as merged,
              count(*) filter (where roster_ambassador_id is not null)::integer as roster
       from core.outcome_records where kind = 'lead'`,
    );
    expect(records).toEqual({ merged: inBoth.length, roster: employees.length });
    const leads = await warehouse.one<{ leads: number; people: number }>(
      `select count(*)::integer as leads, count(distinct email_hash)::integer as people from core.outcomes where kind = 'lead'`,
    );
    const people = new Set([...hubspotEmails, ...salesforceEmails].filter((email) => !rosterEmails.has(email)));
    expect(leads).toEqual({ leads: people.size, people: people.size });
  });

  it("counts a post once when the share log and the member's export write its link in different forms", async () => {
    const exported = new Set<string>();
    for (const folder of readdirSync(join(exportsDir, 'linkedin'), { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
      for (const path of exportFiles(join('linkedin', folder.name))) {
        const sheet = XLSX.read(readFileSync(path)).Sheets['TOP POSTS']!;
        for (const row of XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: null })) {
          for (const cell of row) {
            const id = typeof cell === 'string' && cell.includes('linkedin.com/') ? postId(cell) : null;
            if (id) exported.add(id);
          }
        }
      }
    }
    const logged = csvRecords(join(exportsDir, 'program/share_log.csv'))
      .filter((row) => row.platform === 'linkedin')
      .map((row) => postId(row.post_url!)!);
    expect(logged.every((id) => id !== null)).toBe(true);
    const loggedOnly = new Set(logged.filter((id) => !exported.has(id)));
    expect(exported.size).toBeGreaterThan(100);
    const posts = await warehouse.one<{ posts: number }>(
      `select count(*)::integer as posts from core.posts where platform = 'linkedin' and owner = 'ambassador'`,
    );
    expect(posts?.posts).toBe(exported.size + loggedOnly.size);
  });

  it("lists a Shares.csv outside an ambassador's folder as an input that feeds no figure", async () => {
    const rows = csvRecords(join(exportsDir, 'linkedin/Shares.csv')).length;
    const unused = await warehouse.all<{ kind: string; input: string; rows: number }>(`select kind, input, rows from marts.unused_inputs`);
    expect(unused).toEqual([{ kind: 'no_owner', input: 'Shares.csv', rows }]);
  });

  describe('its figures, recomputed from its raw exports', () => {
    itReconcilesFiguresWithRawExports(() => ({ warehouse, root, salt: DEMO_SALT }));
  });

  describe('its reports’ words', () => {
    let reports: BuiltReports;
    beforeAll(async () => {
      reports = await reportsOf(warehouse, program.company.name);
    }, 300_000);
    checksOn('the mixed demo', () => reports);
  });
});
