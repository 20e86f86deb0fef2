/**
 * Init: a commented starter config, the folders it names, and a template of each of
 * the program's own files, in the current folder. Never overwrites.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './errors.ts';

export const STARTER_CONFIG = `# advocacy.config.yaml: the employee-advocacy pipeline's settings.
# Every key but company.name has a default; uncomment a line only to change it.
# Paths are relative to this file's folder.

company:
  name: "Your Company A/S"          # as posts and LinkedIn headlines spell it
  aliases: []                       # other spellings, e.g. ["Your Company", "YourCo"]

# currency: DKK
# locale: da-DK                     # decides D/M vs M/D where a date column cannot tell
# timezone: Europe/Copenhagen       # timestamps without a zone are in this zone

# Hashing salt for leads' and candidates' e-mails and names (8+ characters). Prefer the
# ADVOCACY_SALT environment variable, and never commit the salt to a repository.
# salt: "change-me-to-a-long-random-string"

# paths:
#   inbox: inbox                    # drop exports here; "advocacy run" picks them up
#   archive: archive                # loaded files move here, in dated folders
#   warehouse: warehouse/advocacy.duckdb
#   out: out                        # reports

# emv:                              # earned media value rates, effective from valid_from
#   rates:
#     - { platform: linkedin, metric: impressions, rate: 60, valid_from: 2000-01-01 }   # CPM
#     - { platform: linkedin, metric: clicks, rate: 12 }                                 # CPC
#     - { platform: linkedin, metric: reactions, rate: 3 }
#     - { platform: linkedin, metric: comments, rate: 8 }
#     - { platform: linkedin, metric: shares, rate: 12 }
#     - { platform: facebook, metric: impressions, rate: 40 }

# outcomes:
#   unit_values:                    # value of one outcome where it carries none
#     lead: 1500
#     conversion: 5000
#     application: 750
#     hire: 45000                   # the cost per hire a hire through the program saves
#   lead_stages:                    # CRM records that are not leads (case, spaces and punctuation ignored)
#     exclude_hubspot_lifecycle_stages: [subscriber, other]   # newsletter sign-ups; partners, staff
#     exclude_hubspot_lead_statuses: [unqualified]            # sales found no prospect behind it
#     exclude_salesforce_lead_statuses: [unqualified]
#   same_person_window_days: 90     # one e-mail's leads within this many days of its first are one lead

# costs:                            # people's time, in each month whose costs file has no "time" lines
#   people_time: true               # false: only the costs file's lines count
#   minutes_per_post: 15            # an ambassador's time per post
#   ambassador_hourly_rate: 450     # per hour of an ambassador's time, in the currency
#   lead_hours_per_month: 8         # per program lead (each distinct lead_id on the roster) and month
#   lead_hourly_rate: 550           # per hour of a program lead's time, in the currency

# attribution:
#   parameter: utm_content          # the link parameter that holds the ambassador's code
#   lookback_days: 30
#   half_life_days: 7               # for the time-decay model
#   ignore_direct: true             # as GA4: direct visits lose to any other touch
#   markov_order: 1
#   default_model: last_touch

# ingest:
#   max_rejected_share: 0.2         # a file with more bad rows than this is rejected whole,
#   min_rejected_rows: 10           # if it has at least this many; fewer are rejected row by row

# report:
#   language: en                    # en or da
#   anonymise: false                # replace ambassador names by stable pseudonyms

# memory_limit: 3GB                 # DuckDB's memory limit
`;

/** The program's own files (FORMATS.md section 6): header and one example row each. */
export const TEMPLATES: Record<string, string> = {
  'ambassadors.csv':
    'ambassador_id,name,email,department,location,title,is_leader,lead_id,cohort,joined_on,left_on,linkedin_url,linkedin_headline,utm_code,leaderboard_opt_out\n' +
    'A001,Example Person,example.person@example.com,Sales,København,Account Manager,false,,pilot,2026-01-05,,https://www.linkedin.com/in/example,Account Manager at Your Company,amb-x7k2q,false\n',
  'aliases.csv': 'ambassador_id,alias\nA001,Example P. Person\n',
  'goals.csv':
    'goal_id,name,kind,metric,target,period_start,period_end,unit_value,purpose\n' +
    "G1,Leads from ambassadors' links,leads,leads,120,2026-01-01,2026-06-30,1500,sales\n",
  'content.csv': 'content_id,title,url,type,origin,published_on\nC001,Why we build heat pumps,https://www.example.com/blog/heat-pumps,article,hub,2026-01-08\n',
  'share_log.csv':
    'ambassador_id,platform,shared_at,content_id,post_url,post_text,tracked_url\n' +
    'A001,linkedin,2026-01-09T08:30:00+01:00,C001,https://www.linkedin.com/posts/example_activity-7345821826846990338-abcd,"My colleagues at Your Company wrote this",https://www.example.com/blog/heat-pumps?utm_source=linkedin&utm_medium=employee_advocacy&utm_campaign=heat-pumps&utm_content=amb-x7k2q\n',
  'trainings.csv': 'ambassador_id,trained_on,course\nA001,2026-01-15,Social selling basics\n',
  'costs.csv': 'period_start,period_end,category,amount,currency,ambassador_id,note\n2026-01-01,2026-01-31,platform,4500,DKK,,Advocacy platform licence\n',
  'touchpoints.csv':
    'visitor_id,touched_at,utm_source,utm_medium,utm_campaign,utm_content,utm_term,landing_page,referrer\n' +
    '1234567890.1767225600,2026-01-09T09:12:00Z,linkedin,employee_advocacy,heat-pumps,amb-x7k2q,,/blog/heat-pumps,https://www.linkedin.com/\n',
  'outcomes.csv': 'outcome_id,kind,occurred_at,visitor_id,email,value,currency,referrer\nO-1,conversion,2026-01-10T10:00:00Z,1234567890.1767225600,,2500,DKK,\n',
};

export function initProject(folder: string): string[] {
  const configFile = join(folder, 'advocacy.config.yaml');
  if (existsSync(configFile)) {
    throw new UsageError(`${configFile} already exists; edit it, or run "advocacy init" in an empty folder.`);
  }
  const written: string[] = [];
  writeFileSync(configFile, STARTER_CONFIG);
  written.push(configFile);
  for (const dir of ['inbox', 'archive', 'warehouse', 'out', 'templates']) mkdirSync(join(folder, dir), { recursive: true });
  for (const [name, text] of Object.entries(TEMPLATES)) {
    const file = join(folder, 'templates', name);
    if (existsSync(file)) continue;
    writeFileSync(file, text);
    written.push(file);
  }
  return written;
}
