import { defineAdapter, rejectRow } from '../adapter.ts';

export const APPLICATION_STATUSES = ['active', 'rejected', 'hired'] as const;

/**
 * Greenhouse → Reports → a candidate/application report, delivered as CSV or e-mailed as
 * XLS (docs/formats.md#greenhouse-applications). No raw export was found; the header is
 * inferred from the Harvest API's application fields, so labels are matched leniently and
 * only `Application ID` is required: `Candidate ID, Application ID, Candidate Name, Email,
 * Job, Applied On, Source, Referrer, Status, Current Stage, Rejected On, Rejection Reason,
 * Recruiter, Last Activity`. Workbooks may have a title row above the header; their dates
 * are Excel date numbers.
 *
 * `Referrer` is Greenhouse's `credited_to`: the employee (name or referral code) who
 * referred or sourced the candidate. It is kept in clear as `credited_to`, because it
 * credits an ambassador. The candidate's e-mail is hashed (`email_hash`); the candidate's
 * name and phone are not read. `Status` must be active, rejected or hired. A hire's date
 * is `Hired On` where the report has it (staging falls back to the last activity).
 */
export const atsGreenhouseApplications = defineAdapter({
  name: 'ats.greenhouse_applications',
  platform: 'ats',
  title: 'Greenhouse applications report',
  signature: ['Application ID', ['Applied On', 'Applied Date', 'Application Date'], ['Status', 'Application Status', 'Current Stage']],
  loader: 'papaparse',
  naturalKey: ['application_id'],
  columns: [
    { name: 'application_id', headers: ['Application ID'], type: 'text', required: true },
    { name: 'candidate_id', headers: ['Candidate ID'], type: 'text' },
    { name: 'email_hash', headers: ['Email', 'Email Address', 'Candidate Email'], type: 'text', personal: true },
    { name: 'job', headers: ['Job', 'Job Name', 'Job Title'], type: 'text' },
    { name: 'job_id', headers: ['Job ID', 'Requisition ID'], type: 'text' },
    { name: 'applied_on', headers: ['Applied On', 'Applied Date', 'Application Date'], type: 'date' },
    { name: 'source', headers: ['Source'], type: 'text' },
    { name: 'credited_to', headers: ['Referrer', 'Credited To', 'Referred By'], type: 'text' },
    { name: 'status', headers: ['Status', 'Application Status'], type: 'text' },
    { name: 'current_stage', headers: ['Current Stage', 'Stage'], type: 'text' },
    { name: 'rejected_on', headers: ['Rejected On', 'Rejected Date'], type: 'date' },
    { name: 'rejection_reason', headers: ['Rejection Reason'], type: 'text' },
    { name: 'hired_on', headers: ['Hired On', 'Hired Date', 'Hire Date'], type: 'date' },
    { name: 'recruiter', headers: ['Recruiter'], type: 'text' },
    { name: 'last_activity_on', headers: ['Last Activity', 'Last Activity Date'], type: 'date' },
  ],
  transformRow(row) {
    const status = row.status === null ? null : String(row.status).trim().toLowerCase();
    if (status !== null && !(APPLICATION_STATUSES as readonly string[]).includes(status)) {
      return rejectRow(`Status must be one of ${APPLICATION_STATUSES.join(', ')}`, 'status', String(row.status));
    }
    return { ...row, status };
  },
});
