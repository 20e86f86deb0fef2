/**
 * One person, one lead: a program with both HubSpot and Salesforce exports, built from
 * the files as they come (a roster with e-mails, an aliases file, a HubSpot contacts
 * export, a Salesforce leads report), through ingest and a full build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../pipelines/config.ts';
import { describeStatus, readStatus } from '../../../pipelines/status.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { buildProgramFiles } from '../../helpers/program-files.ts';

const HUBSPOT_HEADER =
  '"Record ID","First Name","Last Name","Email","Create Date","Lifecycle Stage","Lead Status","Original Source","First Page Seen","GA Client ID"';

const FILES: Record<string, string> = {
  'ambassadors.csv': [
    'ambassador_id,name,email,department,joined_on,utm_code,cohort',
    'A001,Søren Kjærgaard,soren.kjaergaard@nordlys.dk,Marketing,2026-01-05,amb-7f3k2,pilot',
    'A002,Åse Mølgaard,ase.molgaard@nordlys.dk,Sales,2026-01-05,amb-q81zd,pilot',
  ].join('\n'),
  'aliases.csv': ['ambassador_id,alias,kind', 'A002,Aase.Privat@Gmail.com,email', 'A002,Åse M.,linkedin_name'].join('\n'),
  'hubspot-crm-exports-all-contacts-2026-11-30.csv': [
    HUBSPOT_HEADER,
    // in Salesforce too, four days later
    '"1001","Mette","Frederiksen","Mette.Frederiksen@kunde-a.dk","2026-10-02 09:14","lead","New","Organic social","https://nordlys.dk/varmepumper?utm_source=linkedin&utm_medium=employee_advocacy&utm_content=amb-7f3k2","GA1.1.1111.0001"',
    // in Salesforce too, four days earlier; only HubSpot knows the visitor
    '"1002","Lars","Kunde","lars.kunde@kunde-b.dk","2026-10-05 10:00","lead","","Direct traffic","https://nordlys.dk/","GA1.1.2222.0002"',
    // an ambassador's own e-mail, and another's private e-mail from the aliases file
    '"1003","Søren","Kjærgaard"," Soren.Kjaergaard@Nordlys.dk ","2026-10-06 08:00","lead","","Offline sources","",""',
    '"1004","Åse","Mølgaard","aase.privat@gmail.com","2026-10-07 08:00","lead","","Offline sources","",""',
    // in Salesforce again 200 days later: two leads
    '"1005","Anna","Sørensen","anna.s@kunde-c.dk","2026-03-01 16:40","lead","","Offline sources","",""',
    // no e-mail: never merged
    '"1006","","","","2026-10-20 11:03","lead","","Offline sources","",""',
  ].join('\n'),
  'salesforce-leads.csv': [
    '"Lead ID","Lead Owner","First Name","Last Name","Company / Account","Email","Lead Source","Lead Status","Create Date","UTM Source","UTM Content"',
    '"00Q5g000001AAAA","Anders Holm","Mette","Frederiksen","Kunde A ApS","mette.frederiksen@kunde-a.dk","Web","Working - Contacted","06-10-2026","linkedin","amb-7f3k2"',
    '"00Q5g000001BBBB","Anders Holm","Lars","Kunde","Kunde B A/S","lars.kunde@kunde-b.dk","Web","Open - Not Contacted","01-10-2026","linkedin","amb-q81zd"',
    '"00Q5g000001CCCC","Lone Berg","Anna","Sørensen","Kunde C","anna.s@kunde-c.dk","Trade Show","Open - Not Contacted","17-09-2026","",""',
    '"00Q5g000001DDDD","Lone Berg","","","Kunde L","","Phone Inquiry","Open - Not Contacted","20-10-2026","",""',
  ].join('\n'),
};

function buildProgram(outcomes: ConfigInput['outcomes'] = {}, models?: readonly string[]): Promise<Warehouse> {
  return buildProgramFiles(FILES, { outcomes }, { status: 'loaded', rowsRejected: 0 }, models);
}

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('one person, one lead', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildProgram();
  });

  afterAll(() => warehouse?.close());

  it('a person in both HubSpot and Salesforce is one lead, the earliest, with both sources in its lineage', async () => {
    expect(
      await warehouse.all(
        `select outcome_id, occurred_on, source_systems, merged_outcome_ids from core.outcomes
         where outcome_id like '%1001' or outcome_id like '%BBBB' or outcome_id like '%1002' or outcome_id like '%AAAA' order by occurred_on`,
      ),
    ).toEqual([
      {
        outcome_id: 'salesforce:00Q5g000001BBBB',
        occurred_on: day('2026-10-01'),
        source_systems: ['hubspot', 'salesforce'],
        merged_outcome_ids: ['hubspot:1002'],
      },
      {
        outcome_id: 'hubspot:1001',
        occurred_on: day('2026-10-02'),
        source_systems: ['hubspot', 'salesforce'],
        merged_outcome_ids: ['salesforce:00Q5g000001AAAA'],
      },
    ]);
    expect(
      await warehouse.one(
        `select count(*)::integer as records, count(merged_into_outcome_id)::integer as merged, count(roster_ambassador_id)::integer as roster
         from core.outcome_records where kind = 'lead'`,
      ),
    ).toEqual({ records: 10, merged: 2, roster: 2 });
  });

  it('the same e-mail more than outcomes.same_person_window_days apart is two leads', async () => {
    const anna = `select outcome_id, occurred_on from core.outcomes where outcome_id in ('hubspot:1005', 'salesforce:00Q5g000001CCCC') order by occurred_on`;
    expect(await warehouse.all(anna)).toEqual([
      { outcome_id: 'hubspot:1005', occurred_on: day('2026-03-01') },
      { outcome_id: 'salesforce:00Q5g000001CCCC', occurred_on: day('2026-09-17') },
    ]);
    const wideWindow = await buildProgram({ same_person_window_days: 200 }, ['core.outcomes']);
    try {
      expect(await wideWindow.all(anna)).toEqual([{ outcome_id: 'hubspot:1005', occurred_on: day('2026-03-01') }]);
    } finally {
      wideWindow.close();
    }
  });

  it("an ambassador's own e-mail in HubSpot, or an e-mail alias of theirs, is no lead: kept as the roster member's", async () => {
    expect(
      await warehouse.all(`select outcome_id, roster_ambassador_id from core.outcome_records where roster_ambassador_id is not null order by outcome_id`),
    ).toEqual([
      { outcome_id: 'hubspot:1003', roster_ambassador_id: 'A001' },
      { outcome_id: 'hubspot:1004', roster_ambassador_id: 'A002' },
    ]);
    expect(await warehouse.all(`select outcome_id from core.outcomes where outcome_id in ('hubspot:1003', 'hubspot:1004')`)).toEqual([]);
  });

  it('leads without an e-mail are never merged, and every person is counted once in the figures', async () => {
    // Mette, Lars, Anna twice, and the two records without an e-mail
    expect(await warehouse.one(`select count(*)::integer as leads from core.outcomes where kind = 'lead'`)).toEqual({ leads: 6 });
    expect(await warehouse.one(`select count(*)::integer as n from core.outcomes where email_hash is null`)).toEqual({ n: 2 });
    expect(
      await warehouse.one(
        `select count(distinct outcome_id)::integer as credited, sum(credit)::double as credits from marts.attribution_credits
         where model = 'last_touch' and granularity = 'ambassador'`,
      ),
    ).toEqual({ credited: 6, credits: 6 });
    // Mette's two records both name Søren; the leaderboard counts her once
    expect(await warehouse.all(`select ambassador_id, leads from marts.ambassador_totals order by ambassador_id`)).toEqual([
      { ambassador_id: 'A001', leads: 1 },
      { ambassador_id: 'A002', leads: 1 },
    ]);
  });

  it("a merged lead uses the merged record's evidence where its first record has none: the visitor id HubSpot knew", async () => {
    expect(await warehouse.one(`select visitor_id, own_ambassador_id from core.outcomes where outcome_id = 'salesforce:00Q5g000001BBBB'`)).toEqual({
      visitor_id: 'GA1.1.2222.0002',
      own_ambassador_id: 'A002',
    });
    // Mette's HubSpot record carries its own tags and visitor; the Salesforce record adds none
    expect(await warehouse.one(`select visitor_id, own_ambassador_id from core.outcomes where outcome_id = 'hubspot:1001'`)).toEqual({
      visitor_id: 'GA1.1.1111.0001',
      own_ambassador_id: 'A001',
    });
  });

  it('advocacy status shows the leads merged by source pair and the roster members left out', async () => {
    const status = describeStatus(await readStatus(warehouse));
    const section = status.slice(status.findIndex((line) => line.startsWith('One person, one lead')));
    expect(section.slice(0, 4)).toEqual([
      'One person, one lead (outcomes.same_person_window_days: 90):',
      "  1 hubspot lead merged into the same person's earlier salesforce lead",
      "  1 salesforce lead merged into the same person's earlier hubspot lead",
      "  2 hubspot leads with a roster member's e-mail, not counted",
    ]);
  });
});
