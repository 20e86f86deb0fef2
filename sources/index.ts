/**
 * The adapter registry and format recognition: a file's adapter is the one whose
 * header signature it holds (the most specific when several match), or the one the
 * user forces with `--source NAME`.
 */
import { BadInputError } from '../pipelines/errors.ts';
import type { Adapter } from './adapter.ts';
import { findSignatureRow, readGrids } from './read/table.ts';
import { isWorkbook } from './read/grid.ts';
import { atsGreenhouseApplications } from './ats/greenhouse-applications.ts';
import { atsTeamtailorApplications } from './ats/teamtailor-applications.ts';
import { atsWorkableCandidates } from './ats/workable-candidates.ts';
import { crmHubspotContacts } from './crm/hubspot-contacts.ts';
import { crmHubspotDeals } from './crm/hubspot-deals.ts';
import { crmSalesforceLeads } from './crm/salesforce-leads.ts';
import { ga4LandingPages } from './ga4/landing-pages.ts';
import { ga4TrafficAcquisition } from './ga4/traffic-acquisition.ts';
import { webOutcomes } from './web/outcomes.ts';
import { webTouchpoints } from './web/touchpoints.ts';
import { programAmbassadors } from './program/ambassadors.ts';
import { programGoals } from './program/goals.ts';
import { programAliases } from './program/aliases.ts';
import { programContent } from './program/content.ts';
import { programShareLog } from './program/share-log.ts';
import { programTrainings } from './program/trainings.ts';
import { programCosts } from './program/costs.ts';
import { linkedinMemberPosts } from './linkedin/member-posts.ts';
import { linkedinMemberDaily } from './linkedin/member-daily.ts';
import { linkedinMemberDiscovery } from './linkedin/member-discovery.ts';
import { linkedinMemberDemographics } from './linkedin/member-demographics.ts';
import { linkedinMemberPostAnalytics } from './linkedin/member-post-analytics.ts';
import { linkedinMemberFollowers } from './linkedin/member-followers.ts';
import { linkedinMemberShares } from './linkedin/member-shares.ts';
import { linkedinPagePosts } from './linkedin/page-posts.ts';
import { linkedinPageDaily } from './linkedin/page-daily.ts';
import { linkedinPageFollowers } from './linkedin/page-followers.ts';
import { linkedinPageVisitors } from './linkedin/page-visitors.ts';
import { linkedinPageAudienceDemographics } from './linkedin/page-audience-demographics.ts';
import { facebookPagePosts } from './facebook/page-posts.ts';
import { facebookInsightsPosts } from './facebook/insights-posts.ts';
import { facebookPageDaily } from './facebook/page-daily.ts';
import { facebookPageAudience } from './facebook/page-audience.ts';

export const adapters: readonly Adapter[] = [
  programAmbassadors,
  programGoals,
  programAliases,
  programContent,
  programShareLog,
  programTrainings,
  programCosts,
  linkedinMemberPosts,
  linkedinMemberDaily,
  linkedinMemberDiscovery,
  linkedinMemberFollowers,
  linkedinMemberDemographics,
  linkedinMemberPostAnalytics,
  linkedinMemberShares,
  linkedinPagePosts,
  linkedinPageDaily,
  linkedinPageFollowers,
  linkedinPageVisitors,
  linkedinPageAudienceDemographics,
  facebookPagePosts,
  facebookInsightsPosts,
  facebookPageDaily,
  facebookPageAudience,
  ga4TrafficAcquisition,
  ga4LandingPages,
  webTouchpoints,
  webOutcomes,
  crmHubspotContacts,
  crmSalesforceLeads,
  atsGreenhouseApplications,
  crmHubspotDeals,
  atsWorkableCandidates,
  atsTeamtailorApplications,
];

export function adapterByName(name: string): Adapter {
  const adapter = adapters.find((candidate) => candidate.name === name);
  if (!adapter) {
    throw new BadInputError(`There is no source named "${name}"; the sources are ${adapters.map((one) => one.name).join(', ')}.`);
  }
  return adapter;
}

/** How much of a CSV is read to recognise its format and find its header and delimiter. */
const SNIFF_BYTES = 1 << 20;

/**
 * The bytes to recognise a file's format from: a CSV's first megabyte (cut at a line
 * break; signatures are searched in the first 40 rows), a workbook whole. Saves a
 * full parse of a file that DuckDB's `read_csv` then reads.
 */
export function detectionBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SNIFF_BYTES || isWorkbook(bytes)) return bytes;
  const before = bytes.lastIndexOf(0x0a, SNIFF_BYTES);
  // A first line longer than the sniff (the file's limits allow up to `ingest.limits.line_kb`) is read to its end.
  const cut = before > 0 ? before : bytes.indexOf(0x0a, SNIFF_BYTES);
  return cut > 0 ? bytes.subarray(0, cut + 1) : bytes;
}

/** Recognises a file's format from its header; an unknown file is an error listing the known formats. */
export function detectAdapter(bytes: Uint8Array, fileName: string, candidates: readonly Adapter[] = adapters): Adapter {
  const grids = readGrids(detectionBytes(bytes), fileName);
  const matches = candidates
    .filter((adapter) =>
      grids.some(
        (grid) => (!adapter.sheet || !grid.sheet || grid.sheet.toLowerCase() === adapter.sheet.toLowerCase()) && findSignatureRow(grid, adapter.signature) >= 0,
      ),
    )
    .sort((a, b) => b.signature.length - a.signature.length);
  // A workbook matches its main table's adapter and its companions' too, a file of stacked
  // blocks the adapters of the blocks it embeds; the main one takes the file.
  const best = matches.find((adapter) => !matches.some((other) => other.companions?.includes(adapter) || other.embeds?.includes(adapter)));
  if (!best) {
    throw new BadInputError(
      `${fileName} is not a format the pipeline knows: its header matches none of ${candidates.map((adapter) => `${adapter.title} (${adapter.name})`).join('; ')}. Check that it is an unedited export, or force a format with --source NAME.`,
      fileName,
    );
  }
  return best;
}
