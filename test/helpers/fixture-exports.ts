/** The real-shaped export fixtures under fixtures/exports/, and a small program made of them. */
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/exports');

/** A small program: each of the program's own files and one export of most platforms, as paths under FIXTURES. */
export const SMALL_PROGRAM = [
  'program/ambassadors.csv',
  'program/aliases.csv',
  'program/content.csv',
  'program/goals.csv',
  'program/share_log.csv',
  'program/trainings.csv',
  'program/costs.csv',
  'web/touchpoints.csv',
  'web/outcomes.csv',
  'crm/hubspot-crm-exports-all-contacts-2026-10-31.csv',
  'crm/hubspot-crm-exports-all-deals-2026-11-30.csv',
  'ats/greenhouse_applications.csv',
  'ga4/traffic_acquisition.csv',
  'linkedin/A004/Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx',
  'linkedin/nordlys-energi_content_2026-10-01_2026-10-31.csv',
  'facebook/Aug-01-2026_Aug-31-2026_1039829308656930.csv',
];
