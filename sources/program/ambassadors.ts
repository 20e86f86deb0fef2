import { defineAdapter, rejectRow } from '../adapter.ts';

/** The program's roster: one row per ambassador (docs/formats.md#roster). */
export const programAmbassadors = defineAdapter({
  name: 'program.ambassadors',
  platform: 'program',
  title: 'ambassador roster',
  signature: ['ambassador_id', 'name', 'utm_code'],
  loader: 'papaparse',
  keepExtraColumns: true,
  naturalKey: ['ambassador_id'],
  columns: [
    { name: 'ambassador_id', headers: ['ambassador_id'], type: 'text', required: true },
    { name: 'name', headers: ['name'], type: 'text', required: true },
    { name: 'email', headers: ['email'], type: 'text' },
    { name: 'department', headers: ['department'], type: 'text' },
    { name: 'location', headers: ['location'], type: 'text' },
    { name: 'title', headers: ['title'], type: 'text' },
    { name: 'is_leader', headers: ['is_leader'], type: 'boolean' },
    { name: 'lead_id', headers: ['lead_id'], type: 'text' },
    { name: 'cohort', headers: ['cohort'], type: 'text' },
    { name: 'joined_on', headers: ['joined_on'], type: 'date' },
    { name: 'left_on', headers: ['left_on'], type: 'date' },
    { name: 'linkedin_url', headers: ['linkedin_url'], type: 'url' },
    { name: 'linkedin_headline', headers: ['linkedin_headline'], type: 'text' },
    { name: 'utm_code', headers: ['utm_code'], type: 'text', required: true },
  ],
  transformRow(row) {
    const joined = row.joined_on as Date | null;
    const left = row.left_on as Date | null;
    if (joined && left && left < joined) {
      return rejectRow('left_on is before joined_on; correct one of the two dates', 'left_on', left.toISOString().slice(0, 10));
    }
    if (row.lead_id === row.ambassador_id) {
      return rejectRow('an ambassador cannot be their own lead; leave lead_id empty or name another ambassador', 'lead_id', String(row.lead_id));
    }
    return row;
  },
});
