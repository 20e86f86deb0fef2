/** Hand-made outcomes and touchpoints, and every attribution model built on them, for the attribution tests. */
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { buildModels } from '../../helpers/models.ts';
import { addLocalDay, addSessionsDaily, testConfig } from '../../helpers/warehouse.ts';

/** The attribution marts; with what they read, every attribution model. */
export const ATTRIBUTION_MODELS = ['marts.attribution_credits', 'marts.markov_removal_effects', 'marts.attribution_summary'];

export interface OutcomeInput {
  id: string;
  visitor: string | null;
  /** The outcome's e-mail hash (any text stands in for one). */
  email?: string;
  at: string;
  kind?: 'lead' | 'conversion' | 'application' | 'hire';
  value?: number;
  own?: string;
  referral?: string;
}

/** A touch; a channel named A<digits> is an ambassador's link. */
export interface TouchInput {
  visitor: string;
  at: string;
  channel: string;
}

export const isAmbassador = (channel: string) => /^A\d/.test(channel);

function utc(at: string): Date {
  return new Date(`${at.replace(' ', 'T')}Z`);
}

/** Creates core.outcomes and core.touchpoints and builds `models` and what they read (all attribution models by default). */
export async function buildAttribution(
  warehouse: Warehouse,
  outcomes: OutcomeInput[],
  touches: TouchInput[],
  models = ATTRIBUTION_MODELS,
  config = testConfig(),
  otherInputs: string[] = [],
): Promise<void> {
  await warehouse.run(`create schema if not exists core;
    create or replace table core.outcomes (outcome_id varchar, kind varchar, occurred_at timestamp, visitor_id varchar, email_hash varchar,
      value_effective double, own_ambassador_id varchar, referral_ambassador_id varchar, own_channel_group varchar);
    create or replace table core.touchpoints (touchpoint_id varchar, visitor_id varchar, touched_at timestamp, ambassador_id varchar,
      is_ambassador_touch boolean, channel_group varchar, landing_page varchar,
      utm_source varchar, utm_medium varchar, utm_campaign varchar, utm_content varchar, utm_term varchar);`);
  await warehouse.append(
    'core',
    'outcomes',
    outcomes.map((outcome) => [
      outcome.id,
      outcome.kind ?? 'lead',
      utc(outcome.at),
      outcome.visitor,
      outcome.email ?? null,
      outcome.value ?? 100,
      outcome.own ?? null,
      outcome.referral ?? null,
      null,
    ]),
  );
  await warehouse.append(
    'core',
    'touchpoints',
    touches.map((touch, index) => {
      const ambassador = isAmbassador(touch.channel);
      return [
        `t${index}`,
        touch.visitor,
        utc(touch.at),
        ambassador ? touch.channel : null,
        ambassador,
        ambassador ? 'Organic Social' : touch.channel,
        null,
        null,
        null,
        null,
        null,
        null,
      ];
    }),
  );
  await addLocalDay(warehouse, 'core.outcomes', config.timezone);
  await addSessionsDaily(warehouse, config.timezone);
  await buildModels(warehouse, config, models, ['core.outcomes', 'core.touchpoints', 'core.sessions_daily', ...otherInputs]);
}

/** One outcome's credits under one model and granularity, channel -> credit (rounded to 12 places). */
export async function creditsOf(warehouse: Warehouse, outcome: string, model: string, granularity = 'ambassador'): Promise<Record<string, number>> {
  const rows = await warehouse.all<{ channel: string; credit: number }>(
    `select channel, credit from marts.attribution_credits
     where outcome_id = $outcome and model = $model and granularity = $granularity order by channel`,
    { outcome, model, granularity },
  );
  return Object.fromEntries(rows.map((row) => [row.channel, Number(row.credit.toFixed(12))]));
}

/** A model's summary for one kind and granularity, channel -> credited outcomes (rounded to 12 places). */
export async function summaryOf(warehouse: Warehouse, model: string, kind = 'lead', granularity = 'ambassador'): Promise<Record<string, number>> {
  const rows = await warehouse.all<{ channel: string; credited_outcomes: number }>(
    `select channel, credited_outcomes from marts.attribution_summary
     where model = $model and outcome_kind = $kind and granularity = $granularity order by channel`,
    { model, kind, granularity },
  );
  return Object.fromEntries(rows.map((row) => [row.channel, Number(row.credited_outcomes.toFixed(12))]));
}

/** The Markov trace for one kind and granularity, channel -> row. */
export async function markovOf(warehouse: Warehouse, kind = 'lead', granularity = 'ambassador') {
  const rows = await warehouse.all<{
    channel: string;
    removal_effect: number;
    share: number;
    p_conversion: number;
    p_conversion_without: number;
    attributed_outcomes: number;
    transitions: number;
  }>(
    `select channel, removal_effect, share, p_conversion, p_conversion_without, attributed_outcomes, transitions
     from marts.markov_removal_effects where outcome_kind = $kind and granularity = $granularity order by channel`,
    { kind, granularity },
  );
  return Object.fromEntries(rows.map((row) => [row.channel, row]));
}
