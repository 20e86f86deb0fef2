/**
 * The LinkedIn company Page followers and visitors workbook fixtures, as data, in the
 * way of `workbooks.ts` (whose builder they use): each sheet's rows as the export
 * writes them (docs/formats.md#linkedin-page-followers,
 * docs/formats.md#linkedin-page-visitors). Run this file to write them into
 * fixtures/exports/linkedin/ (`node --import tsx test/sources/linkedin/page-workbooks.ts`);
 * the tests read the written files and check that they still match these rows.
 *
 * The sheets saved alone as CSV are committed as they are
 * (`nordlys-energi_followers_2026-10-01_2026-10-31.csv`,
 * `nordlys-energi_visitors_2026-10-01_2026-10-31.csv`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildWorkbook, workbookPath, type Cell, type WorkbookFixture } from './workbooks.ts';

const FOLLOWERS_HEADER = ['Date', 'Sponsored followers', 'Organic followers', 'Auto-invited followers', 'Total followers'];

/**
 * September as an old binary .xls: header on row 1, US dates as text, the demographic
 * sheets in another order than the export's own, one with wrapped header cells and a
 * blank trailing column, a count written `1,204`; a day that does not exist and a count
 * that is not a number are the bad rows.
 */
export const pageFollowersWorkbook: WorkbookFixture = {
  path: 'nordlys-energi_followers_2026-09-01_2026-09-30.xls',
  bookType: 'biff8',
  sheets: {
    'New followers': [
      FOLLOWERS_HEADER,
      ['09/01/2026', 0, 12, 3, 15],
      ['09/02/2026', 4, 9, 0, 13],
      ['09/03/2026', 0, 7, 1, 8],
      ['09/15/2026', 0, 21, 2, 23],
      ['09/16/2026', 6, 14, 0, 20],
      ['09/30/2026', 0, 5, 0, 5],
      ['09/31/2026', 0, 3, 0, 3],
    ],
    Industry: [
      ['Industry', 'Total followers'],
      ['Renewable Energy Power Generation', 512],
      ['Utilities', 330],
      ['Oil and Gas', 97],
    ],
    Location: [
      ['Location', 'Total followers'],
      ['Copenhagen Area, Capital Region of Denmark', '1,204'],
      ['Aarhus Area, Central Denmark Region', 611],
      ['Odense Area, South Denmark Region', 187],
    ],
    'Company size': [
      ['Company size', 'Total followers'],
      ['10,001+ employees', 420],
      ['1001-5000 employees', 233],
      ['11-50 employees', 61],
    ],
    'Job function': [
      ['Job\nfunction', 'Total\nfollowers', ''],
      ['Engineering', 702, ''],
      ['Operations', 255, ''],
      ['Business Development', 143, ''],
    ],
    Seniority: [
      ['Seniority', 'Total followers'],
      ['Senior', 640],
      ['Entry', 402],
      ['Manager', 'n/a'],
      ['Director', 88],
      ['Owner', 12],
      ['Training', 9],
    ],
  },
};

/**
 * 15 September to 14 October as .xlsx, overlapping the September file with other
 * figures for its last days: a description row above the header, other header casing,
 * M/D/YYYY without padding, `New followers` not the first sheet, and three demographic
 * sheets left out.
 */
export const pageFollowersLaterWorkbook: WorkbookFixture = {
  path: 'nordlys-energi_followers_2026-09-15_2026-10-14.xlsx',
  bookType: 'xlsx',
  sheets: {
    Location: [
      ['Location', 'Total followers'],
      ['Copenhagen Area, Capital Region of Denmark', 1251],
      ['Aarhus Area, Central Denmark Region', 640],
    ],
    'New followers': [
      ['New followers gained each day in the selected time range.'],
      ['DATE', 'Sponsored Followers', 'Organic Followers', 'Auto-invited Followers', 'Total Followers'],
      ['9/15/2026', 0, 22, 2, 24],
      ['9/16/2026', 6, 15, 0, 21],
      ['9/30/2026', 0, 6, 0, 6],
      ['10/1/2026', 0, 9, 1, 10],
      ['10/14/2026', 2, 11, 0, 13],
    ],
    Seniority: [
      ['Seniority', 'Total followers'],
      ['Senior', 661],
      ['Entry', 415],
    ],
  },
};

const SECTIONS = ['Overview', 'Life', 'Jobs'] as const;
const DEVICES = ['desktop', 'mobile', 'total'] as const;

/** The 25 columns of the visitors export: Date, then each section and Total × page views, unique visitors × device. */
const VISITORS_HEADER = [
  'Date',
  ...[...SECTIONS, 'Total'].flatMap((section) =>
    ['page views', 'unique visitors'].flatMap((measure) => DEVICES.map((device) => `${section} ${measure} (${device})`)),
  ),
];

/** A day's row from each section's desktop and mobile page views and unique visitors; the totals are the sums, as LinkedIn gives them. */
function visitorsRow(date: string, sections: Record<(typeof SECTIONS)[number], [number, number, number, number]>): Cell[] {
  const triple = (desktop: number, mobile: number) => [desktop, mobile, desktop + mobile];
  const all = SECTIONS.map((section) => sections[section]);
  const sum = (index: number) => all.reduce((total, figures) => total + figures[index]!, 0);
  return [
    date,
    ...all.flatMap(([viewsDesktop, viewsMobile, visitorsDesktop, visitorsMobile]) => [
      ...triple(viewsDesktop, viewsMobile),
      ...triple(visitorsDesktop, visitorsMobile),
    ]),
    ...triple(sum(0), sum(1)),
    ...triple(sum(2), sum(3)),
  ];
}

function demographicSheet(label: string, rows: [string, number][]): Cell[][] {
  return [[label, 'Total views'], ...rows];
}

/**
 * September's visitors as .xlsx: `Visitor metrics` with the 25 columns, a cell that is
 * not a number and a line whose date is not one; then the five demographic sheets,
 * counting page views.
 */
export const pageVisitorsWorkbook: WorkbookFixture = {
  path: 'nordlys-energi_visitors_2026-09-01_2026-09-30.xlsx',
  bookType: 'xlsx',
  sheets: {
    'Visitor metrics': [
      VISITORS_HEADER,
      visitorsRow('09/01/2026', { Overview: [120, 85, 64, 51], Life: [14, 9, 10, 7], Jobs: [40, 22, 25, 15] }),
      visitorsRow('09/02/2026', { Overview: [98, 77, 55, 48], Life: [6, 11, 5, 9], Jobs: [31, 19, 20, 12] }),
      (() => {
        const row = visitorsRow('09/03/2026', { Overview: [143, 90, 70, 60], Life: [8, 4, 6, 3], Jobs: [52, 30, 33, 18] });
        row[2] = '-';
        return row;
      })(),
      visitorsRow('09/31/2026', { Overview: [361, 252, 189, 159], Life: [28, 24, 21, 19], Jobs: [123, 71, 78, 45] }),
      visitorsRow('09/30/2026', { Overview: [88, 102, 49, 66], Life: [3, 5, 3, 4], Jobs: [18, 27, 12, 19] }),
    ],
    Location: demographicSheet('Location', [
      ['Copenhagen Area, Capital Region of Denmark', 402],
      ['Aarhus Area, Central Denmark Region', 133],
    ]),
    'Job function': demographicSheet('Job function', [
      ['Engineering', 210],
      ['Human Resources', 65],
    ]),
    Seniority: demographicSheet('Seniority', [
      ['Entry', 180],
      ['Senior', 151],
    ]),
    Industry: demographicSheet('Industry', [
      ['Renewable Energy Power Generation', 144],
      ['Staffing and Recruiting', 38],
    ]),
    'Company size': demographicSheet('Company size', [
      ['10,001+ employees', 97],
      ['2-10 employees', 21],
    ]),
  },
};

export const PAGE_WORKBOOK_FIXTURES = [pageFollowersWorkbook, pageFollowersLaterWorkbook, pageVisitorsWorkbook] as const;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const fixture of PAGE_WORKBOOK_FIXTURES) {
    mkdirSync(dirname(workbookPath(fixture)), { recursive: true });
    writeFileSync(workbookPath(fixture), buildWorkbook(fixture));
    console.log(`wrote ${fixture.path}`);
  }
}
