/**
 * Init: a commented starter config, the folders it names, and a template of each of
 * the program's own files, in the config's folder. Never overwrites.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { starterConfig } from './config-reference.ts';
import { UsageError } from './errors.ts';

/** The commented starter config: every key under its meaning, at its default. */
export const STARTER_CONFIG = starterConfig();

/** The program's own files (docs/formats.md#the-programs-own-files): header and one example row each. */
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
  'outcomes.csv':
    'outcome_id,kind,occurred_at,visitor_id,email,value,currency,referrer\nO-1,conversion,2026-01-10T10:00:00Z,1234567890.1767225600,,2500,DKK,\n',
};

/**
 * Writes the config file (relative to the current folder), creating its folder, and the
 * folders and templates beside it; returns the files written, the config first.
 */
export function initProject(configPath: string): string[] {
  const configFile = resolve(configPath);
  if (existsSync(configFile)) {
    throw new UsageError(`${configFile} already exists; edit it, or run "advocacy init" in an empty folder.`);
  }
  if (configFile.endsWith('.json')) {
    throw new UsageError(`"advocacy init" writes a commented YAML config; name it with .yaml, e.g. ${configFile.replace(/\.json$/, '.yaml')}.`);
  }
  const folder = dirname(configFile);
  mkdirSync(folder, { recursive: true });
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
