/**
 * Every cost shown with its source: marts.cost_lines (and cost_sources, cost_settings) on
 * a five-ambassador program loaded from its own files. The program runs from 1 October;
 * its last post is on 11 November, so November's lines are counted up to that day. On the
 * demo program: test/e2e/demo-marts.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../pipelines/build.ts';
import type { ConfigInput } from '../../../pipelines/config.ts';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { describeStatus, readStatus } from '../../../pipelines/status.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { martReads } from '../../../reports/marts.ts';
import { leadershipPage, readLeadershipMarts } from '../../../reports/pages/leadership.ts';
import { costLinesTotal, valueComponentsCost } from '../../helpers/costs.ts';
import { buildModels } from '../../helpers/models.ts';
import { sharedWarehouse } from '../../helpers/shared-warehouse.ts';
import { tempFolder, testConfig } from '../../helpers/warehouse.ts';

const POSTS = [
  ['A1', '2026-10-05'],
  ['A2', '2026-10-06'],
  ['A3', '2026-10-13'],
  ['A4', '2026-10-20'],
  ['A5', '2026-10-27'],
  ['A1', '2026-10-28'],
  ['A2', '2026-10-29'],
  ['A3', '2026-10-30'],
  ['A1', '2026-11-03'],
  ['A2', '2026-11-05'],
  ['A4', '2026-11-09'],
  ['A5', '2026-11-11'],
];

const FILES: Record<string, string> = {
  'ambassadors.csv': [
    'ambassador_id,name,lead_id,cohort,joined_on,utm_code',
    // A1 leads the program: the others name A1 as their lead.
    ...['A1', 'A2', 'A3', 'A4', 'A5'].map((id) => `${id},Person ${id},${id === 'A1' ? '' : 'A1'},pilot,2026-10-01,amb-${id.toLowerCase()}`),
  ].join('\n'),
  'share_log.csv': [
    'ambassador_id,platform,shared_at,post_url',
    ...POSTS.map(
      ([id, day], index) =>
        `${id},linkedin,${day}T09:00:00+01:00,https://www.linkedin.com/feed/update/urn:li:activity:73714322069777612${String(index).padStart(2, '0')}/`,
    ),
  ].join('\n'),
  'costs-2026.csv': [
    'period_start,period_end,category,amount,currency,ambassador_id,note',
    '2026-10-01,2026-10-31,platform,3100,DKK,,Licence October',
    '2026-11-01,2026-11-30,platform,3000,DKK,,Licence November',
    '2026-10-22,2026-11-21,training,5000,DKK,,Workshop series',
    '2026-11-01,2026-11-30,rewards,300,DKK,A1,Gift card',
    '2026-11-15,2026-11-30,other,2000,DKK,,Christmas lunch',
    '2026-11-01,2026-11-01,other,500,EUR,,Conference abroad',
  ].join('\n'),
};

/** Ambassadors' time: 15 minutes a post at 450 an hour; leads' time: one lead (A1), 8 hours a month at 550. */
const AMBASSADOR_TIME = { october: 8 * (15 / 60) * 450, november: 4 * (15 / 60) * 450 };
const LEAD_TIME = { october: 8 * 550, november: (8 * 550 * 11) / 30 };
const FILE_LINES_COUNTED = 3100 + (3000 * 11) / 30 + (5000 * 21) / 31 + (300 * 11) / 30;

/** Loads the program's files into the warehouse. */
async function loadProgram(warehouse: Warehouse): Promise<void> {
  const config = testConfig();
  const dir = tempFolder();
  for (const [name, text] of Object.entries(FILES)) {
    writeFileSync(join(dir, name), `${text}\n`);
    expect((await ingestFile(warehouse, config, join(dir, name), { runId: null, log: memoryLogger() })).status).toBe('loaded');
  }
}

/** The marts the cases read of a program built with settings other than the defaults (status reads marts.cost_sources). */
const COST_MARTS = ['marts.cost_lines', 'marts.cost_sources', 'marts.value_components'];

/** Builds the cost marts, and what they read, with the given `costs` settings. */
async function buildCosts(warehouse: Warehouse, costs: ConfigInput['costs']): Promise<void> {
  await buildModels(warehouse, testConfig({ costs }), COST_MARTS, []);
}

/** The program built with the default costs settings: every model, for the status and the leadership report. */
const withProgram = sharedWarehouse(async (warehouse) => {
  await loadProgram(warehouse);
  await build(warehouse, testConfig(), { runId: null, log: memoryLogger() });
});
/** The program built with minutes_per_post and lead_hourly_rate set in the config. */
const withSettingsInConfig = sharedWarehouse(async (warehouse) => {
  await loadProgram(warehouse);
  await buildCosts(warehouse, { minutes_per_post: 10, lead_hourly_rate: 600 });
});
/** The program built with the defaults, then built again with people's time off. */
const withoutPeopleTime = sharedWarehouse(async (warehouse) => {
  await loadProgram(warehouse);
  await buildCosts(warehouse, {});
  await buildCosts(warehouse, { people_time: false });
});

interface CostLine {
  component_id: string;
  category: string;
  source_kind: string;
  source: string;
  amount_entered: number | null;
  period: string;
  amount_counted: number;
  counted: string | null;
  proration_reason: string | null;
  proration_note: string | null;
}

async function costLines(warehouse: Warehouse): Promise<CostLine[]> {
  return warehouse.all<CostLine>(
    `select component_id, category, source_kind, source, amount_entered,
       strftime(period_start, '%Y-%m-%d') || '..' || strftime(period_end, '%Y-%m-%d') as period,
       amount_counted, strftime(counted_start, '%Y-%m-%d') || '..' || strftime(counted_end, '%Y-%m-%d') as counted,
       proration_reason, proration_note
     from marts.cost_lines order by source_kind desc, component_id`,
  );
}

describe('models/marts/cost_lines', () => {
  it('proration shown: a 3,000 licence for 1-30 Nov with data ending 11 Nov is counted as 1,100, with a note saying why', async () => {
    await withProgram(async (warehouse) => {
      const lines = await costLines(warehouse);
      const byNote = (text: string) => lines.find((line) => line.source.startsWith('costs-2026.csv') && line.source === text)!;

      const licence = byNote('costs-2026.csv line 3');
      expect(licence.category).toBe('platform');
      expect(licence.amount_entered).toBe(3000);
      expect(licence.period).toBe('2026-11-01..2026-11-30');
      expect(licence.amount_counted).toBeCloseTo(1100, 9);
      expect(licence.counted).toBe('2026-11-01..2026-11-11');
      expect(licence.proration_reason).toBe('data_ends');
      expect(licence.proration_note).toBe('3,000 for 1–30 Nov 2026, counted 1,100 for 1–11 Nov 2026: the data ends on 11 Nov 2026');

      const training = byNote('costs-2026.csv line 4');
      expect(training.amount_counted).toBeCloseTo((5000 * 21) / 31, 9);
      expect(training.proration_note).toBe('5,000 for 22 Oct – 21 Nov 2026, counted 3,387 for 22 Oct – 11 Nov 2026: the data ends on 11 Nov 2026');

      const october = byNote('costs-2026.csv line 2');
      expect([october.amount_counted, october.proration_reason, october.proration_note]).toEqual([3100, null, null]);

      const lunch = byNote('costs-2026.csv line 6');
      expect([lunch.amount_counted, lunch.counted, lunch.proration_reason]).toEqual([0, null, 'after_data_end']);
      expect(lunch.proration_note).toBe('2,000 for 15–30 Nov 2026, not counted: the data ends on 11 Nov 2026, before the period starts');

      const abroad = byNote('costs-2026.csv line 7');
      expect([abroad.amount_counted, abroad.proration_reason]).toEqual([0, 'other_currency']);
      expect(abroad.proration_note).toBe("500 EUR for 1 Nov 2026, not counted: only lines in DKK, the program's currency, count");
    });
  });

  it("people's time from config defaults is listed per month with the settings and values it was priced with", async () => {
    await withProgram(async (warehouse) => {
      const computed = (await costLines(warehouse)).filter((line) => line.source_kind === 'config');
      const ambassadorSource = 'costs.minutes_per_post = 15 (default), costs.ambassador_hourly_rate = 450 (default)';
      const leadSource = 'costs.lead_hours_per_month = 8 (default), costs.lead_hourly_rate = 550 (default)';
      expect(computed.map(({ component_id, source, amount_entered, period }) => ({ component_id, source, amount_entered, period }))).toEqual([
        { component_id: 'ambassador_time 2026-10', source: ambassadorSource, amount_entered: null, period: '2026-10-01..2026-10-31' },
        { component_id: 'ambassador_time 2026-11', source: ambassadorSource, amount_entered: null, period: '2026-11-01..2026-11-30' },
        { component_id: 'lead_time 2026-10', source: leadSource, amount_entered: null, period: '2026-10-01..2026-10-31' },
        { component_id: 'lead_time 2026-11', source: leadSource, amount_entered: null, period: '2026-11-01..2026-11-30' },
      ]);
      const [octoberTime, novemberTime, octoberLead, novemberLead] = computed;
      expect(octoberTime!.amount_counted).toBeCloseTo(AMBASSADOR_TIME.october, 9);
      expect(novemberTime!.amount_counted).toBeCloseTo(AMBASSADOR_TIME.november, 9);
      expect([novemberTime!.counted, novemberTime!.proration_note]).toEqual(['2026-11-01..2026-11-11', null]);
      expect(octoberLead!.amount_counted).toBeCloseTo(LEAD_TIME.october, 9);
      expect(octoberLead!.proration_note).toBeNull();
      expect(novemberLead!.amount_counted).toBeCloseTo(LEAD_TIME.november, 9);
      expect(novemberLead!.proration_note).toBe(
        "counted 1,613 for 11 of the month's 30 days (1–11 Nov 2026): program leads' time counts on the program's days with someone enrolled, up to the last day with data (11 Nov 2026)",
      );

      const settings = await warehouse.all(`select setting, component, value, is_default from marts.cost_settings order by position`);
      expect(settings).toEqual([
        { setting: 'costs.people_time', component: null, value: 'true', is_default: true },
        { setting: 'costs.minutes_per_post', component: 'ambassador_time', value: '15', is_default: true },
        { setting: 'costs.ambassador_hourly_rate', component: 'ambassador_time', value: '450', is_default: true },
        { setting: 'costs.lead_hours_per_month', component: 'lead_time', value: '8', is_default: true },
        { setting: 'costs.lead_hourly_rate', component: 'lead_time', value: '550', is_default: true },
      ]);
    });
  });

  it('a value set in the config is told apart from a default', async () => {
    await withSettingsInConfig(async (warehouse) => {
      const sources = await warehouse.all(`select distinct category, source from marts.cost_lines where source_kind = 'config' order by category`);
      expect(sources).toEqual([
        { category: 'ambassador_time', source: 'costs.minutes_per_post = 10 (set in the config), costs.ambassador_hourly_rate = 450 (default)' },
        { category: 'lead_time', source: 'costs.lead_hours_per_month = 8 (default), costs.lead_hourly_rate = 600 (set in the config)' },
      ]);
      const [lastTouch] = await valueComponentsCost(warehouse);
      expect(lastTouch!.ambassador_time).toBeCloseTo(12 * (10 / 60) * 450, 9);
      expect(lastTouch!.lead_time).toBeCloseTo(8 * 600 + (8 * 600 * 11) / 30, 9);
    });
  });

  it("people's time off (costs.people_time: false) removes the ambassador_time and lead_time cost", async () => {
    const on = await withProgram(valueComponentsCost);
    expect(on[0]!.ambassador_time).toBeCloseTo(AMBASSADOR_TIME.october + AMBASSADOR_TIME.november, 9);
    expect(on[0]!.lead_time).toBeCloseTo(LEAD_TIME.october + LEAD_TIME.november, 9);

    await withoutPeopleTime(async (warehouse) => {
      const off = await valueComponentsCost(warehouse);
      expect(off.map(({ model, ambassador_time, lead_time }) => ({ model, ambassador_time, lead_time }))).toEqual([
        { model: 'last_touch', ambassador_time: 0, lead_time: 0 },
      ]);
      expect(off[0]!.cost).toBeCloseTo(FILE_LINES_COUNTED, 9);
      expect(await warehouse.all(`select * from marts.cost_lines where source_kind = 'config'`)).toEqual([]);
      expect(await warehouse.one(`select people_time from meta.settings`)).toEqual({ people_time: false });
    });
  });

  it('cost_lines totals equal value_components totals on a hand-made program', async () => {
    await withProgram(async (warehouse) => {
      const expected = FILE_LINES_COUNTED + AMBASSADOR_TIME.october + AMBASSADOR_TIME.november + LEAD_TIME.october + LEAD_TIME.november;
      expect(await costLinesTotal(warehouse)).toBeCloseTo(expected, 6);
      for (const { cost } of await valueComponentsCost(warehouse)) expect(cost).toBeCloseTo(expected, 6);
      const sources = await warehouse.one<{ total: number }>(`select sum(amount_counted) as total from marts.cost_sources`);
      expect(sources!.total).toBeCloseTo(expected, 6);
    });
  });

  it("status shows the cost lines by source, and people's time with its settings", async () => {
    await withProgram(async (warehouse) => {
      const status = describeStatus(await readStatus(warehouse));
      const costs = status.slice(status.findIndex((line) => line.startsWith('Costs counted')));
      expect(costs.slice(0, 4)).toEqual([
        'Costs counted (DKK; every line with its source in marts.cost_lines):',
        '  costs-2026.csv: 6 lines, 7,697 counted of 13,400 DKK and 500 EUR entered; 5 counted only in part or not at all',
        "  ambassadors' time (config): 2 months, 1,350 counted; costs.minutes_per_post = 15 (default), costs.ambassador_hourly_rate = 450 (default)",
        "  program leads' time (config): 2 months, 6,013 counted; costs.lead_hours_per_month = 8 (default), costs.lead_hourly_rate = 550 (default)",
      ]);
    });

    await withoutPeopleTime(async (warehouse) => {
      const off = describeStatus(await readStatus(warehouse)).join('\n');
      expect(off).toContain("People's time is not counted (costs.people_time: false).");
      expect(off).not.toContain("ambassadors' time (config)");
    });
  });
});

describe("the leadership report's cost breakdown (marts.cost_sources, cost_lines, cost_settings)", () => {
  it("shows each component with its source, and the proration sentence, in English and Danish (without the lines' own notes when anonymised)", async () => {
    await withProgram(async (warehouse) => {
      const marts = await readLeadershipMarts(martReads(warehouse));
      const table = async (language: 'en' | 'da', anonymise = false) => {
        const page = await leadershipPage(marts, { companyName: 'Nordlys Energi A/S', currency: 'DKK', language, anonymise, salt: 'test-salt-123' });
        return [...page.charts.flatMap((chart) => chart.table ?? []), ...(page.tables ?? [])].find((found) => found.name === 'cost-breakdown')!;
      };

      const english = await table('en');
      expect(english.rows).toEqual([
        [
          'Program leads’ time',
          'config: costs.lead_hours_per_month = 8 (default), costs.lead_hourly_rate = 550 (default)',
          '1 October\u2009–\u200930 November 2026',
          '–',
          'DKK\u00a06,013',
        ],
        ['Platform', 'costs-2026.csv, 2 lines', '1 October\u2009–\u200930 November 2026', 'DKK\u00a06,100', 'DKK\u00a04,200'],
        ['Training', 'costs-2026.csv, 1 line', '22 October\u2009–\u200921 November 2026', 'DKK\u00a05,000', 'DKK\u00a03,387'],
        [
          'Ambassadors’ time',
          'config: costs.minutes_per_post = 15 (default), costs.ambassador_hourly_rate = 450 (default)',
          '1 October\u2009–\u200930 November 2026',
          '–',
          'DKK\u00a01,350',
        ],
        ['Rewards', 'costs-2026.csv, 1 line', '1\u2009–\u200930 November 2026', 'DKK\u00a0300', 'DKK\u00a0110'],
        ['Other', 'costs-2026.csv, 1 line', '15\u2009–\u200930 November 2026', 'DKK\u00a02,000', 'DKK\u00a00'],
        ['Other', 'costs-2026.csv, 1 line', '1 November 2026', '500 EUR', 'DKK\u00a00'],
      ]);
      expect(english.note).toContain(
        'costs-2026.csv line 3 (Platform, “Licence November”): DKK\u00a03,000 for 1\u2009–\u200930 November 2026, counted DKK\u00a01,100 for 1\u2009–\u200911 November 2026: the data ends on 11 November 2026.',
      );
      expect(english.note).toContain('Ambassadors’ and program leads’ time is priced with the config’s settings');

      const danish = await table('da');
      expect(danish.rows[0]).toEqual([
        'Programledernes tid',
        'config: costs.lead_hours_per_month = 8 (standard), costs.lead_hourly_rate = 550 (standard)',
        '1. oktober–30. november 2026',
        '–',
        '6.013\u00a0kr.',
      ]);
      expect(danish.note).toContain(
        'costs-2026.csv linje 3 (Platform, “Licence November”): 3.000\u00a0kr. for 1.–30. november 2026, talt med 1.100\u00a0kr. for 1.–11. november 2026: data slutter 11. november 2026.',
      );
      expect(danish.note).toContain('Programledernes tid, november 2026: talt med 1.613\u00a0kr. for 11 af månedens 30 dage');

      // Notes are free text that may name people: an anonymised report leaves them out.
      const anonymised = await table('en', true);
      expect(anonymised.note).toContain('costs-2026.csv line 3 (Platform): DKK\u00a03,000 for');
      expect(anonymised.note).not.toContain('Licence November');
    });
  });
});
