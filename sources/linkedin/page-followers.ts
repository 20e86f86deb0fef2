/**
 * LinkedIn company Page followers export (`<page>_followers_<range>.xls`,
 * docs/formats.md#linkedin-page-followers), sheet `New followers`: one row per day, `Date,
 * Sponsored followers, Organic followers, Auto-invited followers, Total followers`, the
 * followers the Page gained that day (Total is their sum, not the Page's follower count).
 * Header on row 1; a description row above it, wrapped header cells and blank trailing
 * columns are read by the shared rules. Its demographic sheets load with it
 * (`page-audience-demographics.ts`).
 *
 * Not the member export's FOLLOWERS sheet (`Date | New followers`,
 * `member-followers.ts`): neither signature holds in the other's header.
 */
import { defineAdapter } from '../adapter.ts';
import { PAGE_DEMOGRAPHIC_SHEETS } from './page-audience-demographics.ts';
import { pageFileFacts, PAGE_DERIVED_COLUMNS } from './page-file.ts';

export const linkedinPageFollowers = defineAdapter({
  name: 'linkedin.page_followers',
  platform: 'linkedin',
  title: 'LinkedIn company Page followers export (new followers per day)',
  signature: ['Date', 'Sponsored followers', 'Organic followers'],
  sheet: 'New followers',
  loader: 'papaparse',
  dateOrder: 'mdy',
  naturalKey: ['page_name', 'activity_on'],
  columns: [
    { name: 'activity_on', headers: ['Date'], type: 'date', required: true },
    { name: 'sponsored_followers', headers: ['Sponsored followers'], type: 'integer' },
    { name: 'organic_followers', headers: ['Organic followers'], type: 'integer' },
    { name: 'auto_invited_followers', headers: ['Auto-invited followers', 'Auto invited followers'], type: 'integer' },
    { name: 'total_followers', headers: ['Total followers'], type: 'integer' },
  ],
  derivedColumns: PAGE_DERIVED_COLUMNS,
  companions: PAGE_DEMOGRAPHIC_SHEETS,
  fileFacts: pageFileFacts,
});
