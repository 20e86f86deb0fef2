/**
 * The ambassadors' organic impressions against the company page's, per month (or ISO
 * week), over the same periods: two lines, from `marts.reach_comparison` (or
 * `marts.emv_daily`; see `reachData`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReachDatum } from '../contracts.ts';
import { createFormat } from '../format.ts';
import { reachTitle, type ReachFacts } from '../narrative/leadership.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export type OrganicReachOptions = ChartOptions & {
  /** The period each point covers. __Default value:__ `'month'` */
  grain?: 'month' | 'week';
};

/** Only the periods both have data for: the comparison is over the same time. */
export function organicReachData(rows: readonly ReachDatum[]): ReachDatum[] {
  const owners = new Map<string, Set<string>>();
  for (const row of rows) owners.set(row.period_start, (owners.get(row.period_start) ?? new Set()).add(row.owner));
  return rows.filter((row) => owners.get(row.period_start)?.size === 2);
}

export function organicReachFacts(rows: readonly ReachDatum[], grain: 'month' | 'week' = 'month'): ReachFacts {
  const same = organicReachData(rows);
  const sum = (owner: ReachDatum['owner']) => same.filter((row) => row.owner === owner).reduce((total, row) => total + row.impressions, 0);
  return { periods: new Set(same.map((row) => row.period_start)).size, grain, ambassadors: sum('ambassadors'), companyPage: sum('company_page') };
}

export function organicReachChart(rows: readonly ReachDatum[], options: OrganicReachOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const monthly = (options.grain ?? 'month') === 'month';
  const labels = { ambassadors: t({ en: 'Ambassadors', da: 'Ambassadører' }), company_page: t({ en: 'Company page', da: 'Virksomhedssiden' }) };
  const values = organicReachData(rows).map((row) => ({ ...row, who: labels[row.owner] }));
  const period = monthly ? t({ en: 'Month', da: 'Måned' }) : t({ en: 'Week (Monday)', da: 'Uge (mandag)' });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      reachTitle(organicReachFacts(rows, options.grain ?? 'month'), format),
      monthly
        ? t({
            en: 'Impressions per month of the posts the ambassadors published and of the company page’s organic posts, in the months both have data.',
            da: 'Visninger pr. måned af ambassadørernes opslag og af virksomhedssidens organiske opslag, i de måneder begge har data.',
          })
        : t({
            en: 'Impressions per ISO week of the ambassadors’ own posts and of the company page’s organic posts, in the weeks both have data.',
            da: 'Visninger pr. ISO-uge af ambassadørernes egne opslag og af virksomhedssidens organiske opslag, i de uger begge har data.',
          }),
    ),
    config: chartTheme(options),
    width: SIZES.width,
    height: SIZES.height,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'period_start',
        type: 'temporal',
        timeUnit: monthly ? 'utcyearmonth' : 'utcyearmonthdate',
        title: period,
        axis: { format: monthly ? '%b %Y' : '%e %b', labelAngle: 0 },
      },
      y: { field: 'impressions', type: 'quantitative', title: monthly ? t({ en: 'Impressions (per month)', da: 'Visninger (pr. måned)' }) : t({ en: 'Impressions (per week)', da: 'Visninger (pr. uge)' }), axis: { format: ',.0f' } },
      color: { field: 'who', type: 'nominal', title: null, scale: { domain: [labels.ambassadors, labels.company_page], range: [PALETTE.blue, PALETTE.grey] } },
      tooltip: [
        { field: 'who', type: 'nominal', title: t({ en: 'Whose posts', da: 'Hvis opslag' }) },
        { field: 'period_start', type: 'temporal', title: period, format: monthly ? '%B %Y' : '%e %b %Y' },
        { field: 'impressions', type: 'quantitative', format: ',.0f', title: t({ en: 'Impressions', da: 'Visninger' }) },
      ],
    },
  };
}
