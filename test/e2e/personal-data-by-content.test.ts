/**
 * Someone with write access to the inbox plants leads' and candidates' e-mails and phone
 * numbers everywhere HubSpot, Salesforce and Greenhouse exports can hold them: in URLs (a path, a fragment, a
 * matrix parameter, encoded once or twice), in free text, in a row whose unquoted comma
 * shifts the e-mail into another column, and in rows that are rejected. After loading and
 * building, no text column of any table in the warehouse holds any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPersonal } from '../../sources/parse.ts';
import { quotedIdentifier, qualifiedName, type Warehouse } from '../../pipelines/warehouse.ts';
import { buildProgramFiles } from '../helpers/program-files.ts';

const SALT = 'test-salt-1234';
const EMAILS = [
  'anna.planted@kunde-x.dk',
  'bo.planted@kunde-y.dk',
  'carl.planted@kunde-z.dk',
  'dora.planted@kunde-w.dk',
  'eva.planted@kunde-v.dk',
  'finn.planted@kunde-u.dk',
  'gro.planted@kunde-t.dk',
  'hans.planted@kunde-s.dk',
  'ida.planted@example.com',
  'jens.planted@example.com',
  'lis.planted@kunde-r.dk',
];
/** The phone numbers' digits, after the country code where they have one. */
const PHONES = ['21436587', '31425364', '5551234567', '1711234567', '41526374', '51627384'];

const HUBSPOT_CONTACTS = [
  '"Record ID","First Name","Last Name","Email","Phone Number","Contact owner","Create Date","Lifecycle Stage","Lead Status","Original Source","First Page Seen","Last Page Seen","First Conversion","Associated Company","GA Client ID"',
  '"61000001","Anna","Planted","Anna.Planted@kunde-x.dk","+45 21 43 65 87","Anders Holm","2026-10-02 09:14","lead","New","Other campaigns","https://nordlys.dk/tak/anna.planted@kunde-x.dk?utm_source=linkedin&utm_medium=employee_advocacy&utm_content=amb-7f3k2","https://nordlys.dk/kontakt#email=bo.planted%40kunde-y.dk","Ring +45 21 43 65 87","Kunde X ApS",""',
  '"61000002","Carl","Planted","carl.planted@kunde-z.dk","","Anders Holm","2026-10-03 10:00","lead","Ring 31 42 53 64","Organic social","https://nordlys.dk/side;jsessionid=carl.planted@kunde-z.dk?utm_content=amb-q81zd","https://nordlys.dk/?next=https%3A%2F%2Fnordlys.dk%2Ftak%2Fdora.planted%2540kunde-w.dk","Kontakt: eva.planted@kunde-v.dk","Kunde Z A/S",""',
  '"61000003","Finn","Planted","finn.planted@kunde-u.dk","","Anders Holm","2026-02-31","lead","New","Other campaigns","https://nordlys.dk/tak/finn.planted%40kunde-u.dk","","+1 (555) 123-4567","Kunde U ApS",""',
].join('\n');

const HUBSPOT_DEALS = [
  '"Record ID","Deal Name","Deal Stage","Pipeline","Amount","Close Date","Create Date","Deal owner","Associated Company","Associated Contact","Associated Contact IDs"',
  '"9100001","Anna Planted - varmepumpe","Closed won","Sales Pipeline","125000","2026-11-20 14:00","2026-10-05 10:12","Anders Holm","Kunde X ApS (lis.planted@kunde-r.dk, 51 62 73 84)","Anna Planted (anna.planted@kunde-x.dk)","61000001"',
].join('\n');

const SALESFORCE_LEADS = [
  '"Lead Owner","First Name","Last Name","Title","Company / Account","Email","Phone","Lead Source","Lead Status","Create Date","UTM Source","UTM Content"',
  '"Anders Holm","Gro","Planted","CTO, gro.planted@kunde-t.dk","Kunde T A/S (tlf. 0171 1234567)","gro.planted@kunde-t.dk","0171 1234567","Web","Open - Not Contacted","27-10-2026","linkedin","amb-7f3k2"',
  '"Anders Holm","Hans","Planted","Indkøbschef","Kunde S ApS","hans.planted@kunde-s.dk","","Web","Working - Contacted","hans.planted@kunde-s.dk","facebook","amb-q81zd"',
].join('\n');

// Line 3 has an unquoted comma in the name: every later cell moves one column right, the
// e-mail into Job. Line 4's does too, with the last cells empty, so the row still fits.
const GREENHOUSE = [
  'Candidate ID,Application ID,Candidate Name,Email,Job,Applied On,Source,Referrer,Status,Current Stage,Rejected On,Rejection Reason,Recruiter,Last Activity',
  '40012345,50098761,Ida Nørgaard,ida.norgaard@example.com,Senior Data Engineer,2026-10-03,Referral,amb-7f3k2,hired,Offer,,,Lone Berg,2026-11-14',
  '40012399,50098799,Ida, Planted,ida.planted@example.com,Senior Data Engineer,2026-10-03,Referral,,active,Offer,,,Lone Berg,2026-11-14',
  '40012398,50098798,Jens, Planted,jens.planted@example.com,,,Referral,,,,,,,',
  '40012397,50098797,Kim Hansen,kim.hansen@example.com,Data Analyst,2026-10-04,Referral,,rejected,Screen,2026-10-20,Ringede fra 41 52 63 74,Lone Berg,2026-10-20',
].join('\n');

/** Every text value in the warehouse: schema.table.column and the value. */
async function everyText(warehouse: Warehouse): Promise<{ where: string; text: string }[]> {
  const columns = await warehouse.all<{ schema: string; table: string; column: string }>(
    `select table_schema as schema, table_name as "table", column_name as "column" from information_schema.columns
     where data_type like '%VARCHAR%' and table_catalog = current_database() order by all`,
  );
  for (const schema of ['raw', 'staging', 'core', 'marts', 'meta'])
    expect(
      columns.some((one) => one.schema === schema),
      schema,
    ).toBe(true);
  const found: { where: string; text: string }[] = [];
  for (const { schema, table, column } of columns) {
    const rows = await warehouse.all<{ text: string }>(
      `select distinct ${quotedIdentifier(column)}::varchar as text from ${qualifiedName(schema, table)} where ${quotedIdentifier(column)} is not null`,
    );
    for (const row of rows) found.push({ where: `${schema}.${table}.${column}`, text: row.text });
  }
  return found;
}

/** The planted e-mails and phone numbers in `text`, in any case and percent-encoding. */
function plantedIn(text: string): string[] {
  const decoded = text.toLowerCase().replace(/%(?:25)*40/g, '@');
  const digits = text.replace(/%(?:25)*(?:20|2b)|[\s.\-()+/]/gi, '');
  return [...EMAILS.filter((email) => decoded.includes(email)), ...PHONES.filter((phone) => digits.includes(phone))];
}

describe('personal data by content: hostile CRM and ATS files', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildProgramFiles({
      'hubspot-crm-exports-all-contacts-2026-10-31.csv': HUBSPOT_CONTACTS,
      'hubspot-crm-exports-all-deals-2026-11-30.csv': HUBSPOT_DEALS,
      'salesforce-leads.csv': SALESFORCE_LEADS,
      'greenhouse_applications.csv': GREENHOUSE,
    });
  }, 120_000);
  afterAll(() => warehouse?.close());

  it('plants every address and number where the search finds it', () => {
    const planted = new Set([HUBSPOT_CONTACTS, HUBSPOT_DEALS, SALESFORCE_LEADS, GREENHOUSE].flatMap(plantedIn));
    expect([...planted].sort()).toEqual([...EMAILS, ...PHONES].sort());
  });

  it('rejects the bad rows, with their text kept for a person to read', async () => {
    const rejected = await warehouse.all<{ file_name: string; line: number; raw: string }>(`select file_name, line, raw from meta.rejected_rows order by all`);
    expect(rejected.map((row) => `${row.file_name}:${row.line}`)).toEqual([
      'greenhouse_applications.csv:3',
      'hubspot-crm-exports-all-contacts-2026-10-31.csv:4',
      'salesforce-leads.csv:3',
    ]);
    expect(rejected[0]!.raw).toContain('Senior Data Engineer');
  });

  it('no text column of any table in any schema holds a planted e-mail or phone number, in any encoding', async () => {
    const texts = await everyText(warehouse);
    expect(texts.length).toBeGreaterThan(100);
    const leaks = texts.flatMap(({ where, text }) => plantedIn(text).map((value) => `${where}: ${value} in ${text}`));
    expect(leaks).toEqual([]);
  });

  it('e-mails found in text are their salted hash, so the same person still matches', async () => {
    const contacts = await warehouse.all<{ email_hash: string; first_page_seen: string; utm_content: string }>(
      `select email_hash, first_page_seen, utm_content from raw.crm__hubspot_contacts order by record_id`,
    );
    const anna = hashPersonal('anna.planted@kunde-x.dk', { salt: SALT, fileName: '' });
    expect(contacts[0]).toMatchObject({ email_hash: anna, first_page_seen: expect.stringContaining(`/tak/${anna}?`), utm_content: 'amb-7f3k2' });
    expect(contacts[1]!.utm_content).toBe('amb-q81zd');
  });

  it('a Greenhouse row shifted by an unquoted comma in the name keeps its e-mail hashed, in the column it moved into and in meta.rejected_rows.raw', async () => {
    const hash = (address: string) => hashPersonal(address, { salt: SALT, fileName: '' });
    const fits = await warehouse.one<{ job: string }>(`select job from raw.ats__greenhouse_applications where application_id = '50098798'`);
    expect(fits!.job).toBe(hash('jens.planted@example.com'));
    const tooWide = await warehouse.one<{ raw: string }>(`select raw from meta.rejected_rows where file_name = 'greenhouse_applications.csv' and line = 3`);
    expect(tooWide!.raw).toBe(
      `40012399,50098799,[not kept],[personal],${hash('ida.planted@example.com')},Senior Data Engineer,2026-10-03,Referral,,active,Offer,,,Lone Berg,[not kept]`,
    );
  });
});
