/**
 * A small hand-made program for the program leads' marts: the core tables (and the
 * attribution mart) those marts read, with only the columns they read. Times are UTC
 * (`YYYY-MM-DD HH:MM:SS`); noon keeps a day the same day in Copenhagen.
 */
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { addLocalDay, addSessionsDaily } from '../../helpers/warehouse.ts';

export interface AmbassadorInput {
  id: string;
  name?: string;
  cohort?: string | null;
  joined?: string | null;
  left?: string | null;
  headline?: string | null;
  lead?: string | null;
  /** Written into the roster's `_extra` as `leaderboard_opt_out`. */
  optOut?: string;
}

export interface PostInput {
  key: string;
  ambassador: string | null;
  platform?: 'linkedin' | 'facebook';
  on: string;
  /** UTC time; noon of `on` when absent. */
  at?: string | null;
  text?: string | null;
  content?: string | null;
  url?: string | null;
  tracked?: string | null;
  impressions?: number | null;
  reactions?: number | null;
  comments?: number | null;
  shares?: number | null;
  engagements?: number | null;
}

export interface TouchInput {
  id: string;
  ambassador: string | null;
  at: string;
  landing?: string | null;
  campaign?: string | null;
}

export interface CreditInput {
  outcome: string;
  kind: 'lead' | 'conversion' | 'application' | 'hire';
  at: string;
  ambassador: string | null;
  credit?: number;
  model?: string;
  /** The touch the credit came through (journey credits). */
  touch?: string;
  basis?: 'journey' | 'outcome_utm' | 'referral' | 'none';
  value?: number;
  campaign?: string | null;
}

export interface ContentInput {
  id: string;
  title?: string;
  url: string;
  type?: string;
  origin?: string | null;
  published?: string | null;
  /** The catalogue file it came in (a later file wins). */
  file?: number;
}

export interface ProgramInput {
  ambassadors?: AmbassadorInput[];
  posts?: PostInput[];
  touches?: TouchInput[];
  credits?: CreditInput[];
  content?: ContentInput[];
}

const timestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const date = (text: string | null | undefined) => (text ? new Date(`${text}T00:00:00Z`) : null);

/** Tables the hand-made program provides, for `buildModels(..., inputs)`. */
export const PROGRAM_TABLES = [
  'core.posts',
  'core.touchpoints',
  'core.sessions_daily',
  'core.outcomes',
  'core.attribution_touches',
  'core.touch_credits_by_rule',
  'marts.attribution_credits',
];

/** Roster rows into raw.program__ambassadors (core.ambassadors is then built from them, with the opt-out convention). */
export async function loadRoster(warehouse: Warehouse, ambassadors: AmbassadorInput[]): Promise<void> {
  await warehouse.run(`delete from raw.program__ambassadors`);
  for (const [index, ambassador] of ambassadors.entries()) {
    await warehouse.run(
      `insert into raw.program__ambassadors by name select
         1 as _file_id, 'ambassadors.csv' as _source_file, $line::integer as _source_line, now()::timestamp as _loaded_at,
         $id as ambassador_id, $name as name, $cohort as cohort, $joined::date as joined_on, $left::date as left_on,
         $headline as linkedin_headline, $lead as lead_id, lower($id) as utm_code, $extra as _extra`,
      {
        line: index + 2,
        id: ambassador.id,
        name: ambassador.name ?? `Person ${ambassador.id}`,
        cohort: ambassador.cohort ?? null,
        joined: ambassador.joined ?? null,
        left: ambassador.left ?? null,
        headline: ambassador.headline ?? null,
        lead: ambassador.lead ?? null,
        extra: ambassador.optOut === undefined ? null : JSON.stringify({ Leaderboard_Opt_Out: ambassador.optOut }),
      },
    );
  }
}

/** Catalogue rows into raw.program__content (core.content is built from them). */
export async function loadContent(warehouse: Warehouse, content: ContentInput[]): Promise<void> {
  await warehouse.run(`delete from raw.program__content`);
  for (const [index, item] of content.entries()) {
    await warehouse.run(
      `insert into raw.program__content by name select
         $file::integer as _file_id, 'content.csv' as _source_file, $line::integer as _source_line, now()::timestamp as _loaded_at,
         $id as content_id, $title as title, $url as url, $type as type, $origin as origin, $published::date as published_on`,
      {
        file: item.file ?? 1,
        line: index + 2,
        id: item.id,
        title: item.title ?? `Item ${item.id}`,
        url: item.url,
        type: item.type ?? 'article',
        origin: item.origin ?? 'hub',
        published: item.published ?? null,
      },
    );
  }
}

/** The core tables (and marts.attribution_credits) from hand-made rows, replacing any before. */
export async function createProgram(warehouse: Warehouse, program: ProgramInput): Promise<void> {
  await loadRoster(warehouse, program.ambassadors ?? []);
  await loadContent(warehouse, program.content ?? []);
  await warehouse.run(`create schema if not exists core; create schema if not exists marts;
    create or replace table core.posts (post_key varchar, platform varchar, owner varchar, ambassador_id varchar, posted_at timestamp,
      posted_on date, post_url varchar, post_text varchar, tracked_url varchar, content_id varchar, impressions double,
      reactions double, comments double, shares double, engagements double);
    create or replace table core.touchpoints (touchpoint_id varchar, visitor_id varchar, touched_at timestamp, utm_campaign varchar,
      landing_page varchar, ambassador_id varchar, is_ambassador_touch boolean);
    create or replace table core.outcomes (outcome_id varchar, kind varchar, occurred_at timestamp, utm_campaign varchar, value_effective double);
    create or replace table core.attribution_touches (outcome_id varchar, granularity varchar, touchpoint_id varchar, ambassador_id varchar);
    create or replace table core.touch_credits_by_rule (outcome_id varchar, granularity varchar, touchpoint_id varchar, model varchar, credit double);
    create or replace table marts.attribution_credits (outcome_id varchar, outcome_kind varchar, occurred_at timestamp, model varchar,
      granularity varchar, channel varchar, ambassador_id varchar, credit double, value_credit double, basis varchar);`);
  await warehouse.append(
    'core',
    'posts',
    (program.posts ?? []).map((post) => [
      post.key,
      post.platform ?? 'linkedin',
      'ambassador',
      post.ambassador,
      timestamp(post.at ?? `${post.on} 12:00:00`),
      date(post.on),
      post.url ?? `https://example.com/posts/${post.key}`,
      post.text === undefined ? 'Min kollega hos Nordlys Energi skrev det her' : post.text,
      post.tracked ?? null,
      post.content ?? null,
      post.impressions ?? null,
      post.reactions ?? null,
      post.comments ?? null,
      post.shares ?? null,
      post.engagements ?? null,
    ]),
  );
  await warehouse.append(
    'core',
    'touchpoints',
    (program.touches ?? []).map((touch) => [
      touch.id,
      `visitor-${touch.id}`,
      timestamp(touch.at),
      touch.campaign ?? null,
      touch.landing ?? '/',
      touch.ambassador,
      touch.ambassador !== null,
    ]),
  );
  const credits = program.credits ?? [];
  const outcomes = new Map(credits.map((credit) => [credit.outcome, credit]));
  await warehouse.append(
    'core',
    'outcomes',
    [...outcomes.values()].map((credit) => [credit.outcome, credit.kind, timestamp(credit.at), credit.campaign ?? null, credit.value ?? 100]),
  );
  await warehouse.append(
    'marts',
    'attribution_credits',
    credits.map((credit) => [
      credit.outcome,
      credit.kind,
      timestamp(credit.at),
      credit.model ?? 'last_touch',
      'ambassador',
      credit.ambassador ?? '(unattributed)',
      credit.ambassador,
      credit.credit ?? 1,
      (credit.credit ?? 1) * (credit.value ?? 100),
      credit.basis ?? (credit.touch ? 'journey' : 'outcome_utm'),
    ]),
  );
  await addSessionsDaily(warehouse);
  await addLocalDay(warehouse, 'core.outcomes');
  await addLocalDay(warehouse, 'marts.attribution_credits');
  const journeys = credits.filter((credit) => credit.touch && credit.ambassador);
  await warehouse.append(
    'core',
    'attribution_touches',
    [...new Map(journeys.map((credit) => [`${credit.outcome}|${credit.touch}`, credit])).values()].map((credit) => [
      credit.outcome,
      'ambassador',
      credit.touch,
      credit.ambassador,
    ]),
  );
  await warehouse.append(
    'core',
    'touch_credits_by_rule',
    journeys.map((credit) => [credit.outcome, 'ambassador', credit.touch, credit.model ?? 'last_touch', credit.credit ?? 1]),
  );
}
