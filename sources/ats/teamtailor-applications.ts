import { defineAdapter, rejectRow } from '../adapter.ts';
import { queryParameters, utmTags, UTM_DERIVED_COLUMNS } from '../web/utm.ts';

const JOB_LINK = ['Referring URL', 'Referring url', 'Job link', 'Job URL', 'Source URL', 'Link'];

/**
 * Teamtailor → Candidates / Job applications → Export CSV. The layout is UNKNOWN
 * (docs/formats.md#teamtailor-applications: Teamtailor's API has `job-applications` with
 * `created-at`, `rejected-at`, `referring-site`, `referring-url`, `sourced`; no CSV was
 * seen), so this adapter is lenient and built on these assumptions:
 * - the header holds a link column (`Referring URL`, `Job link`, `Job URL`) or
 *   `Referring site`/`Promotion`, a `Stage` and a job (`Job` or `Job title`);
 * - one row is one application; the key is its id where there is one (`Job application
 *   ID`, `Application ID`), else the candidate (id or e-mail hash), the job and the date;
 * - Teamtailor tags shared job links with `?promotion=<id>-<channel>` (seen in a real
 *   URL: `…/jobs/3545361-…?promotion=909809-arbetsformedlingen`). The promotion is read
 *   from the link, or from a `Promotion` column, into `promotion_id` and
 *   `promotion_channel`; UTM tags in the link are read too. An ambassador's own
 *   promotion channel is how an application is credited to them.
 * The candidate's name and phone are not read; the e-mail is hashed.
 */
export const atsTeamtailorApplications = defineAdapter({
  name: 'ats.teamtailor_applications',
  platform: 'ats',
  title: 'Teamtailor applications export',
  // Four labels: a Teamtailor file that also looks like a Greenhouse report (three) is this.
  signature: [
    [...JOB_LINK, 'Referring site', 'Promotion'],
    ['Stage', 'Job stage'],
    ['Job', 'Job title'],
    ['Email', 'Candidate ID', 'Application ID', 'Job application ID', 'Applied at', 'Created at'],
  ],
  loader: 'papaparse',
  naturalKey: ['application_id', 'candidate_id', 'email_hash', 'job', 'applied_at'],
  columns: [
    { name: 'application_id', headers: ['Job application ID', 'Application ID'], type: 'text' },
    { name: 'candidate_id', headers: ['Candidate ID'], type: 'text' },
    { name: 'email_hash', headers: ['Email', 'E-mail'], type: 'text', personal: true },
    { name: 'job', headers: ['Job', 'Job title'], type: 'text' },
    { name: 'stage', headers: ['Stage', 'Job stage'], type: 'text' },
    { name: 'source', headers: ['Source'], type: 'text' },
    { name: 'credited_to', headers: ['Referred by', 'Referrer', 'Referral'], type: 'text' },
    { name: 'applied_at', headers: ['Applied at', 'Created at', 'Application date', 'Applied'], type: 'timestamp' },
    { name: 'rejected_at', headers: ['Rejected at', 'Rejected'], type: 'timestamp' },
    { name: 'hired_at', headers: ['Hired at', 'Hired'], type: 'timestamp' },
    { name: 'referring_site', headers: ['Referring site'], type: 'text' },
    { name: 'job_link', headers: JOB_LINK, type: 'text' },
    { name: 'promotion', headers: ['Promotion'], type: 'text' },
  ],
  derivedColumns: [{ name: 'promotion_id', type: 'text' }, { name: 'promotion_channel', type: 'text' }, ...UTM_DERIVED_COLUMNS],
  transformRow(row) {
    if (row.application_id === null && row.candidate_id === null && row.email_hash === null) {
      return rejectRow('the application has no application id, candidate id or e-mail, so it cannot be told apart from others', 'application_id');
    }
    const link = row.job_link as string | null;
    const promotion = (row.promotion as string | null) ?? queryParameters(link).get('promotion') ?? null;
    const parts = promotion === null ? null : /^(\d+)-(.+)$/.exec(promotion.trim());
    return {
      ...row,
      promotion,
      promotion_id: parts ? parts[1]! : null,
      promotion_channel: parts ? parts[2]! : promotion,
      ...utmTags(link),
    };
  },
});
