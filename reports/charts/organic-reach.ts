/**
 * The ambassadors' organic impressions against the company page's, per calendar month,
 * over the same months: two lines, from `marts.reach_comparison` (see `reachData`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReachDatum } from '../contracts.ts';
import { createFormat } from '../format.ts';
import { reachTitle, type ReachFacts } from '../narrative/leadership.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

/** Only the periods both have data for: the comparison is over the same time. */
export function organicReachData(rows: readonly ReachDatum[]): ReachDatum[] {
  const owners = new Map<string, Set<string>>();
  for (const row of rows) owners.set(row.period_start, (owners.get(row.period_start) ?? new Set()).add(row.owner));
  return rows.filter((row) => owners.get(row.period_start)?.size === 2);
}

export function organicReachFacts(rows: readonly ReachDatum[]): ReachFacts {
  const same = organicReachData(rows);
  const sum = (owner: ReachDatum['owner']) => same.filter((row) => row.owner === owner).reduce((total, row) => total + row.impressions, 0);
  return { periods: new Set(same.map((row) => row.period_start)).size, ambassadors: sum('ambassadors'), companyPage: sum('company_page') };
}

export function organicReachChart(rows: readonly ReachDatum[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const labels = { ambassadors: t({ en: 'Ambassadors', da: 'Ambassadører' }), company_page: t({ en: 'Company page', da: 'Virksomhedssiden' }) };
  const values = organicReachData(rows).map((row) => ({ ...row, who: labels[row.owner] }));
  const period = t({ en: 'Month', da: 'Måned' });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      reachTitle(organicReachFacts(rows), format),
      t({
        en: 'Impressions per month of the posts the ambassadors published and of the company page’s organic posts, in the months both have data.',
        da: 'Visninger pr. måned af ambassadørernes opslag og af virksomhedssidens organiske opslag, i de måneder begge har data.',
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
        timeUnit: 'utcyearmonth',
        title: period,
        axis: { format: '%b %Y', labelAngle: 0 },
      },
      y: { field: 'impressions', type: 'quantitative', title: t({ en: 'Impressions (per month)', da: 'Visninger (pr. måned)' }), axis: { format: ',.0f' } },
      color: { field: 'who', type: 'nominal', title: null, scale: { domain: [labels.ambassadors, labels.company_page], range: [PALETTE.blue, PALETTE.grey] } },
      tooltip: [
        { field: 'who', type: 'nominal', title: t({ en: 'Whose posts', da: 'Hvis opslag' }) },
        { field: 'period_start', type: 'temporal', title: period, format: '%B %Y' },
        { field: 'impressions', type: 'quantitative', format: ',.0f', title: t({ en: 'Impressions', da: 'Visninger' }) },
      ],
    },
  };
}
