import { defineAdapter, rejectRow } from '../adapter.ts';
import { parseBoolean } from '../read/values.ts';

/** Workable's source categories (help.workable.com "Candidate Sources report"), recognised from the source's text. */
const CATEGORIES: readonly [RegExp, string][] = [
  [/internal/i, 'Internal applications'],
  [/referr/i, 'Referrals'],
  [/career ?(site|page)|company marketing|careers? page|company website/i, 'Company Marketing'],
  [/recruiter|agency/i, 'Recruiters'],
  [/^sourced|sourced by|sourcing|added by/i, 'Sourced'],
  [/^via |job ?board|indeed|jobindex|jobnet|stepstone|glassdoor|monster|ziprecruiter|linkedin jobs/i, 'Job Boards'],
];

/**
 * Workable → Candidates → Export CSV. The layout is UNKNOWN (no raw export was found;
 * docs/formats.md#workable-candidates), so this adapter is lenient and built on these
 * assumptions:
 * - the header holds `Stage`, a job column (`Job` or `Job title`) and a disqualification
 *   column (`Disqualified`, `Disqualification reason` or `Disqualified at`), which is
 *   what tells Workable's export from the other ATSs';
 * - one row is one candidate in one job; the key is the candidate id where there is
 *   one (`ID`, `Candidate ID`), else the e-mail hash, with the job;
 * - `Source` is the candidate's source as Workable shows it (`via indeed.com`,
 *   `Career site`, a referrer, a custom UTM source). Workable records the source of the
 *   candidate's *first* visit to the form. Its category (Internal applications, Job
 *   Boards, Company Marketing, Referrals, Recruiters, Sourced, Other) is read from a
 *   `Source category` column where there is one, else guessed from the source text;
 * - `Disqualified` may be true/false, yes/no or any mark; filled means disqualified.
 * The candidate's name and phone are not read; the e-mail is hashed.
 */
export const atsWorkableCandidates = defineAdapter({
  name: 'ats.workable_candidates',
  platform: 'ats',
  title: 'Workable candidates export',
  signature: [['Stage'], ['Job', 'Job title'], ['Disqualified', 'Disqualification reason', 'Disqualified reason', 'Disqualified at']],
  loader: 'papaparse',
  naturalKey: ['candidate_id', 'email_hash', 'job'],
  columns: [
    { name: 'candidate_id', headers: ['ID', 'Candidate ID'], type: 'text' },
    { name: 'email_hash', headers: ['Email', 'E-mail', 'Email address'], type: 'text', personal: true },
    { name: 'job', headers: ['Job', 'Job title'], type: 'text' },
    { name: 'job_shortcode', headers: ['Shortcode', 'Job shortcode'], type: 'text' },
    { name: 'stage', headers: ['Stage'], type: 'text' },
    { name: 'source', headers: ['Source', 'Candidate source'], type: 'text' },
    { name: 'source_category', headers: ['Source category', 'Source type'], type: 'text' },
    { name: 'credited_to', headers: ['Referred by', 'Referrer'], type: 'text' },
    { name: 'applied_at', headers: ['Created at', 'Applied at', 'Applied on', 'Applied', 'Application date'], type: 'timestamp' },
    { name: 'disqualified', headers: ['Disqualified'], type: 'text' },
    { name: 'disqualification_reason', headers: ['Disqualification reason', 'Disqualified reason'], type: 'text' },
    { name: 'disqualified_at', headers: ['Disqualified at', 'Disqualified on'], type: 'timestamp' },
    { name: 'hired_at', headers: ['Hired at', 'Hired on', 'Hired date'], type: 'timestamp' },
  ],
  derivedColumns: [{ name: 'is_disqualified', type: 'boolean' }],
  transformRow(row) {
    if (row.candidate_id === null && row.email_hash === null) {
      return rejectRow('the candidate has neither an ID nor an Email, so it cannot be told apart from others; export with the ID column', 'candidate_id');
    }
    const disqualified = row.disqualified === null ? null : String(row.disqualified);
    return {
      ...row,
      source_category: row.source_category ?? sourceCategory(row.source as string | null),
      is_disqualified: row.disqualified_at !== null || row.disqualification_reason !== null || (disqualified !== null && parseBoolean(disqualified) !== false),
    };
  },
});

export function sourceCategory(source: string | null): string | null {
  if (source === null) return null;
  return CATEGORIES.find(([pattern]) => pattern.test(source))?.[1] ?? 'Other';
}
