/**
 * The LinkedIn workbook fixtures, as data: each sheet's rows exactly as the export
 * writes them (docs/formats.md#linkedin-member-workbook,
 * docs/formats.md#linkedin-page-content). Run this file to write the .xlsx/.xls files into
 * fixtures/exports/linkedin/ (`node --import tsx test/sources/linkedin/workbooks.ts`); the
 * tests read the written files and check that they still match these rows. It lives here,
 * not beside the fixtures, so that folder holds only export files.
 *
 * Member exports store numbers and dates as text cells, so the member sheets here are
 * strings; the AggregateAnalytics workbook mixes in numeric cells, and the old Page
 * export (.xls) has real date cells, as Excel would save them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as XLSX from '@e965/xlsx';

export type Cell = string | number | Date | null;
export type Sheets = Record<string, Cell[][]>;

export interface WorkbookFixture {
  /** Path under fixtures/exports/linkedin/. */
  path: string;
  bookType: 'xlsx' | 'biff8';
  sheets: Sheets;
}

const FOLDER = fileURLToPath(new URL('../../../fixtures/exports/linkedin/', import.meta.url));

/** Post URLs of the member fixture, by their role in the tests. */
export const MEMBER_POSTS = {
  bothSides: 'https://www.linkedin.com/posts/mette-larsen_energy-transition-share-7371432206977761283-Ab3x',
  topBoth: 'https://www.linkedin.com/posts/mette-larsen_vindmoeller-ugcPost-7376200661669072897-Qz9P',
  activity: 'https://www.linkedin.com/posts/mette-larsen_nordlys-activity-7380867006855626752-k2Lm',
  article: 'https://www.linkedin.com/pulse/why-heat-pumps-work-danish-winters-mette-larsen-abc1f',
  impressionsOnly: 'https://www.linkedin.com/posts/mette-larsen_job-opening-ugcPost-7384491861782110209-Wq1e',
  badDate: 'https://www.linkedin.com/posts/mette-larsen_hiring-share-7390834225198809089-Tt0o',
  urnForm: 'https://www.linkedin.com/feed/update/urn:li:activity:7398869870106513408/',
  tail: 'https://www.linkedin.com/posts/mette-larsen_solar-share-7421137165813919744-Pp2q',
} as const;

const P = MEMBER_POSTS;

/** `Content_<start>_<end>_<Member Name> (1).xlsx` in a folder named after the ambassador: the older name, 3-column ENGAGEMENT. */
export const memberWorkbook: WorkbookFixture = {
  path: 'A004/Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx',
  bookType: 'xlsx',
  sheets: {
    DISCOVERY: [
      ['Overall Performance', '9/1/2026 - 9/30/2026'],
      ['Impressions', '9480'],
      ['Members reached', '2,104'],
    ],
    ENGAGEMENT: [
      ['Date', 'Impressions', 'Engagements'],
      ['9/1/2026', '210', '4'],
      ['9/2/2026', '1840', '37'],
      ['9/3/2026', '655', '12'],
      ['9/4/2026', '0', '0'],
      ['9/12/2026', '3012', '51'],
      ['9/30/2026', '98', '1'],
    ],
    'TOP POSTS': [
      ['Maximum of 50 posts available to include in this list'],
      [],
      ['Post URL', 'Post publish date', 'Engagements', null, 'Post URL', 'Post publish date', 'Impressions'],
      [P.bothSides, '9/2/2026', '52', null, P.topBoth, '9/12/2026', '4210'],
      [P.topBoth, '9/12/2026', '31', null, P.bothSides, '9/2/2026', '3100'],
      [P.activity, '9/3/2026', '12', null, P.impressionsOnly, '9/14/2026', '1200'],
      [P.article, '9/20/2026', '5', null, P.activity, '9/3/2026', '640'],
      [P.badDate, '13/9/2026', '3', null, P.urnForm, '9/21/2026', '300'],
      [null, null, null, null, P.tail, '9/28/2026', '90'],
    ],
    FOLLOWERS: [
      ['Total followers on 9/30/2026', '1,284'],
      [],
      ['Date', 'New followers'],
      ['9/1/2026', '3'],
      ['9/2/2026', '11'],
      ['9/3/2026', '0'],
      ['9/12/2026', '7'],
    ],
    // The older labels, plural for job titles, locations, industries and companies.
    DEMOGRAPHICS: [
      ['Top Demographics', 'Value', 'Percentage'],
      ['Companies', 'Nordlys Energi', '12%'],
      ['Companies', 'Kystvind ApS', '< 1%'],
      ['Job titles', 'Engineer', '4%'],
      ['Locations', 'Copenhagen Area, Capital Region of Denmark', '38%'],
      ['Industries', 'Renewable Energy Power Generation', '0.5%'],
      ['Seniority', 'Senior', '31%'],
      ['Company size', '10,001+ employees', '9%'],
    ],
  },
};

/** `AggregateAnalytics_<Name>_<start>_<end>.xlsx`, not in an ambassador folder: the reported 2026 name, the richer ENGAGEMENT layout, `Post Publish Date` casing, some numeric cells. */
export const aggregateWorkbook: WorkbookFixture = {
  path: 'AggregateAnalytics_Jens Hansen_2026-10-01_2026-10-31.xlsx',
  bookType: 'xlsx',
  sheets: {
    DISCOVERY: [
      ['Overall Performance', '10/1/2026 - 10/31/2026'],
      ['Impressions', 1520],
      ['Members reached', 811],
    ],
    ENGAGEMENT: [
      ['Date', 'Impressions', 'Clicks', 'Likes', 'Comments', 'Reposts', 'Sends', 'Engagement rate'],
      ['10/1/2026', '400', '6', '12', '2', '1', '0', '5.25%'],
      ['10/2/2026', 620, 9, 20, 4, 2, 1, '5.81%'],
      ['10/15/2026', '500', '', '8', '1', '0', '', '< 1%'],
    ],
    'TOP POSTS': [
      ['Maximum of 50 posts available to include in this list'],
      [],
      ['Post URL', 'Post Publish Date', 'Engagements', null, 'Post URL', 'Post Publish Date', 'Impressions'],
      [
        'https://www.linkedin.com/posts/jens-hansen_grid-share-7425000000000000001-aB1c',
        '10/2/2026',
        41,
        null,
        'https://www.linkedin.com/posts/jens-hansen_grid-share-7425000000000000001-aB1c',
        '10/2/2026',
        1100,
      ],
      [null, null, null, null, 'https://www.linkedin.com/posts/jens-hansen_quiet-ugcPost-7426000000000000002-xY9z', '10/15/2026', 420],
    ],
    FOLLOWERS: [['Total followers on 10/31/2026', 233], [], ['Date', 'New followers'], ['10/1/2026', '2'], ['10/2/2026', '5']],
    // The 2026 split: the same layout twice, singular labels, one numeric (fraction) cell.
    'AUDIENCE DEMOGRAPHICS': [
      ['Top Demographics', 'Value', 'Percentage'],
      ['Job title', 'Software Engineer', '2%'],
      ['Industry', 'Utilities', '18%'],
      ['Location', 'Aarhus, Central Denmark Region, Denmark', '< 1%'],
      ['Seniority', 'Senior', '31%'],
      ['Company size', '1001-5000 employees', 0.24],
    ],
    'CONTENT DEMOGRAPHICS': [
      ['Top Demographics', 'Value', 'Percentage'],
      ['Company', 'Nordlys Energi', '7%'],
      ['Job title', 'Project Manager', '3%'],
      ['Seniority', 'Senior', '28%'],
    ],
  },
};

/**
 * A single-post export of the older generation, `PostAnalytics_<Name>_<post id>.xlsx`:
 * sheets PERFORMANCE (key/value rows, a spacer row, numbers as text with thousands
 * commas, the date as `Mon D, YYYY`, no Social engagements) and TOP DEMOGRAPHICS. The
 * post is TOP POSTS' `bothSides`, by its share URN; the file name carries another of its ids.
 */
export const postAnalyticsWorkbook: WorkbookFixture = {
  path: 'A004/PostAnalytics_Mette Larsen, MBA_7371432207001234567.xlsx',
  bookType: 'xlsx',
  sheets: {
    PERFORMANCE: [
      ['Post URL', 'https://www.linkedin.com/feed/update/urn:li:share:7371432206977761283'],
      ['Post Date', 'Sep 2, 2026'],
      ['Post Publish Time', '8:15 AM'],
      [null, null],
      ['Impressions', '3,480'],
      ['Members reached', '2,011'],
      ['Reactions', '48'],
      ['Comments', '7'],
      ['Reposts', '3'],
      ['Saves', '5'],
      ['Sends on LinkedIn', '2'],
      ['Profile viewers from this post', '19'],
      ['Followers gained from this post', '4'],
    ],
    'TOP DEMOGRAPHICS': [
      ['Category', 'Value', 'Percentage'],
      ['Company size', '10,001+ employees', 0.31],
      ['Job title', 'Engineer', 0.12],
      ['Location', 'Copenhagen', '< 1%'],
    ],
  },
};

/**
 * A 2026 single-post export, `SinglePostAnalytics_<Name>_<post id>.xlsx`: one sheet `Post
 * analytics`, the keys under section rows without a value, `from post` for `from this
 * post`, the date as `M/D/YYYY`, and the viewers' demographics below. The post is the
 * Jens Hansen post TOP POSTS ranks by impressions only, by its `/posts/` URL.
 */
export const singlePostAnalyticsWorkbook: WorkbookFixture = {
  path: 'SinglePostAnalytics_Jens Hansen_7426000000000009999.xlsx',
  bookType: 'xlsx',
  sheets: {
    'Post analytics': [
      ['Post URL', 'https://www.linkedin.com/posts/jens-hansen_quiet-ugcPost-7426000000000000002-xY9z'],
      ['Post Date', '10/15/2026'],
      ['Post Publish Time', '4:05 PM'],
      ['Discovery', null],
      ['Impressions', '1,204'],
      ['Members reached', '733'],
      ['Profile activity', null],
      ['Profile viewers from post', '6'],
      ['Followers gained from post', '1'],
      ['Engagement', null],
      ['Social engagements', '31'],
      ['Reactions', '24'],
      ['Comments', '3'],
      ['Reposts', '1'],
      ['Saves', '2'],
      ['Sends on LinkedIn', '1'],
      ['Link engagements', '9'],
      ['Premium custom button engagements', '0'],
      ['Post viewer demographics', null],
      ['Category', 'Value', '%'],
      ['Job title', 'Energy Consultant', '12%'],
      ['Location', 'Aarhus', '31%'],
      ['Seniority', 'Senior', '< 1%'],
    ],
  },
};

const DESCRIPTION = 'Engagement metrics for individual posts. Data for the selected time range, exported from Page analytics.';
const PAGE_POST = (id: string) => `https://www.linkedin.com/feed/update/urn:li:activity:${id}`;

/** Newer-generation Page content export (.xlsx): `Post title, Post link, …`, some header cells wrapped over two lines, rates as `6.14%`. */
export const pageContentWorkbook: WorkbookFixture = {
  path: 'nordlys-energi_content_2026-09-01_2026-09-30.xlsx',
  bookType: 'xlsx',
  sheets: {
    Metrics: [
      ['Aggregated engagement metrics for the selected time range.'],
      [
        'Date',
        'Impressions (organic)',
        'Impressions (sponsored)',
        'Impressions (total)',
        'Unique impressions (organic)',
        'Clicks (organic)',
        'Clicks (sponsored)',
        'Clicks (total)',
        'Reactions (organic)',
        'Reactions (sponsored)',
        'Reactions (total)',
        'Comments (organic)',
        'Comments (sponsored)',
        'Comments (total)',
        'Reposts (organic)',
        'Reposts (sponsored)',
        'Reposts (total)',
        'Engagement rate (organic)',
        'Engagement rate (sponsored)',
        'Engagement rate (total)',
      ],
      ['09/01/2026', 1204, 0, 1204, 802, 31, 0, 31, 44, 0, 44, 5, 0, 5, 2, 0, 2, 0.0681, 0, 0.0681],
      ['09/02/2026', 980, 2500, 3480, 701, 12, 40, 52, 20, 31, 51, 1, 3, 4, 0, 1, 1, 0.0337, 0.0296, 0.0307],
      ['09/15/2026', 2210, 0, 2210, 1530, 66, 0, 66, 90, 0, 90, 14, 0, 14, 6, 0, 6, 0.0796, 0, 0.0796],
    ],
    'All posts': [
      [DESCRIPTION],
      [
        'Post title',
        'Post\nlink',
        'Post type',
        'Posted by',
        'Created\ndate',
        'Impressions',
        'Clicks',
        'Likes',
        'Comments',
        'Reposts',
        'Engagement\nrate',
        'Content type',
      ],
      [
        'Vi åbner 40 nye stillinger i Aarhus 🎉',
        PAGE_POST('7371000000000000011'),
        'Organic',
        'Søren Kjærgaard',
        '09/01/2026',
        5120,
        210,
        96,
        14,
        8,
        '6.14%',
        'Image',
      ],
      [
        'Sådan sparer du strøm i vinter',
        PAGE_POST('7372000000000000012'),
        'Sponsored',
        'Åse Mølgaard',
        '09/02/2026',
        12400,
        380,
        140,
        9,
        4,
        '4.27%',
        'Article',
      ],
      [
        'Vindmøller, forklaret på 60 sekunder',
        PAGE_POST('7373000000000000013'),
        'Organic',
        'Søren Kjærgaard',
        '09/15/2026',
        3300,
        95,
        61,
        3,
        2,
        '4.85%',
        'Video',
      ],
      ['Q3-resultater', PAGE_POST('7374000000000000014'), 'Organic', 'Søren Kjærgaard', '09/22/2026', 900, 12, 20, 0, 0, '3.56%', 'Document'],
      ['Kommer snart', PAGE_POST('7375000000000000015'), 'Organic', 'Åse Mølgaard', '31/09/2026', 15, 0, 1, 0, 0, '6.67%', 'Text'],
      ['Tak for i år', PAGE_POST('7376000000000000016'), 'Organic', 'Åse Mølgaard', '09/30/2026', 410, 7, 18, 2, 0, '6.59%', 'Text'],
    ],
  },
};

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Older-generation Page content export as a binary .xls: `Update title, Update link, …, Shares, Follows`, real date cells, rates as fractions. */
export const pageContentLegacyWorkbook: WorkbookFixture = {
  path: 'nordlys-energi_content_2025-01-01_2025-03-31.xls',
  bookType: 'biff8',
  sheets: {
    Metrics: [
      ['Aggregated engagement metrics for the selected time range.'],
      [
        'Date',
        'Impressions (organic)',
        'Impressions (sponsored)',
        'Impressions (total)',
        'Clicks (total)',
        'Reactions (total)',
        'Comments (total)',
        'Shares (organic)',
        'Shares (sponsored)',
        'Shares (total)',
        'Engagement rate (total)',
      ],
      ['01/06/2025', 800, 0, 800, 20, 31, 2, 3, 0, 3, 0.07],
      ['01/07/2025', 650, 100, 750, 11, 17, 1, 0, 1, 1, 0.04],
    ],
    'All posts': [
      ['Engagement metrics for individual posts. Disclaimer: data are sampled daily.'],
      [
        'Update title',
        'Update link',
        'Update type',
        'Campaign name',
        'Posted by',
        'Created date',
        'Campaign start date',
        'Campaign end date',
        'Audience',
        'Impressions',
        'Views (excluding off-site video views)',
        'Off-site views',
        'Clicks',
        'Click through rate (CTR)',
        'Likes',
        'Comments',
        'Shares',
        'Follows',
        'Engagement rate',
        'Content Type',
      ],
      [
        'Godt nytår fra Nordlys',
        PAGE_POST('7281000000000000001'),
        'Organic',
        null,
        'Søren Kjærgaard',
        day('2025-01-06'),
        null,
        null,
        'All followers',
        2100,
        null,
        null,
        44,
        0.021,
        60,
        4,
        5,
        2,
        0.0533,
        'Image',
      ],
      [
        'Vi søger elektrikere',
        PAGE_POST('7282000000000000002'),
        'Sponsored',
        'Rekruttering Q1',
        'Åse Mølgaard',
        day('2025-01-07'),
        day('2025-01-07'),
        day('2025-01-31'),
        'Denmark, 25-54',
        15400,
        6200,
        310,
        402,
        0.0261,
        120,
        11,
        9,
        30,
        0.0354,
        'Video',
      ],
    ],
  },
};

export const WORKBOOK_FIXTURES = [
  memberWorkbook,
  aggregateWorkbook,
  postAnalyticsWorkbook,
  singlePostAnalyticsWorkbook,
  pageContentWorkbook,
  pageContentLegacyWorkbook,
] as const;

/** The fixture's bytes, built from its rows. */
export function buildWorkbook(fixture: WorkbookFixture): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(fixture.sheets)) {
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  }
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: fixture.bookType }) as ArrayBuffer);
}

/** The fixture's file on disk. */
export function workbookPath(fixture: WorkbookFixture): string {
  return join(FOLDER, fixture.path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const fixture of WORKBOOK_FIXTURES) {
    mkdirSync(dirname(workbookPath(fixture)), { recursive: true });
    writeFileSync(workbookPath(fixture), buildWorkbook(fixture));
    console.log(`wrote ${fixture.path}`);
  }
}
