/**
 * The Markov model's allocation and its trace: for each granularity and outcome kind
 * ('all' pools the kinds), every channel's transitions, removal effect, share,
 * P(conversion) with and without it, and the outcomes and value it is allocated:
 * share x the outcomes with an eligible touch (the rest are credited by their own
 * evidence, as in every model: see marts.attribution_summary). SQL counts the
 * transitions (core.markov_transitions); `core/attribution/markov.ts` solves the chain.
 */
import type { TsModelDefinition } from '../runner.ts';
import { quotedString } from '../../pipelines/warehouse.ts';
import { markovRemovalEffects, type Transition } from '../core/attribution/markov.ts';

export const model: TsModelDefinition = {
  grain: 'one row per granularity, outcome kind (or all) and channel of the Markov chain',
  key: ['granularity', 'outcome_kind', 'channel'],
  dependsOn: ['core.markov_transitions', 'core.attribution_paths', 'core.touchpoints'],
  tests: [
    { kind: 'accepted_values', column: 'granularity', values: ['ambassador', 'program'] },
    { kind: 'accepted_values', column: 'outcome_kind', values: ['lead', 'conversion', 'application', 'hire', 'all'] },
  ],
  async build({ warehouse }, table) {
    await warehouse.run(`create or replace table ${table.qualified} (
      granularity varchar, outcome_kind varchar, channel varchar, ambassador_id varchar,
      transitions double, removal_effect double, share double, p_conversion double, p_conversion_without double,
      attributed_outcomes double, attributed_value double)`);
    const ambassadors = new Set(
      (await warehouse.all<{ ambassador_id: string }>(`select distinct ambassador_id from core.touchpoints where is_ambassador_touch`)).map(
        (row) => row.ambassador_id,
      ),
    );
    // Outcomes with an eligible touch, per group: what the shares divide.
    const totals = await warehouse.all<{ granularity: string; outcome_kind: string; outcomes: number; value: number }>(
      `select granularity, coalesce(outcome_kind, 'all') as outcome_kind, count(*)::double as outcomes, sum(value::decimal(38, 18))::double as value
       from core.attribution_paths
       group by grouping sets ((granularity, outcome_kind), (granularity))`,
    );
    const groups = await warehouse.all<{ granularity: string; outcome_kind: string }>(
      `select distinct granularity, outcome_kind from core.markov_transitions order by all`,
    );
    for (const group of groups) {
      const columns = (await warehouse.columns(
        `select from_state, to_state, transitions from core.markov_transitions
         where granularity = ${quotedString(group.granularity)} and outcome_kind = ${quotedString(group.outcome_kind)}
         order by from_state, to_state`, // a fixed order, so the solve adds in the same order on every build
      )) as { from_state: string[]; to_state: string[]; transitions: number[] };
      const transitions: Transition[] = columns.from_state.map((from, index) => ({
        from,
        to: columns.to_state[index]!,
        count: columns.transitions[index]!,
      }));
      const result = markovRemovalEffects(transitions);
      const total = totals.find((row) => row.granularity === group.granularity && row.outcome_kind === group.outcome_kind);
      const outcomes = total?.outcomes ?? 0;
      const value = total?.value ?? 0;
      await warehouse.append(
        table.schema,
        table.name,
        result.channels.map((channel) => [
          group.granularity,
          group.outcome_kind,
          channel.channel,
          group.granularity === 'ambassador' && ambassadors.has(channel.channel) ? channel.channel : null,
          channel.transitions,
          channel.removalEffect,
          channel.share,
          result.pConversion,
          channel.pConversionWithout,
          channel.share * outcomes,
          channel.share * value,
        ]),
      );
    }
  },
};
