/**
 * The reports speak of the program in the reader's terms: every report, in English and
 * Danish, built from three programs (the demo, the 'mixed' demo, and a program without
 * trainings or goals, whose sections are left out for want of data), is scanned for
 * words about the software's history and, in Danish, for English fragments. What is
 * scanned and what is left out of the scan is in ./wording.ts.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipelines/build.ts';
import { demoConfig } from '../../pipelines/demo.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { DIMENSION_NAMES, METRIC_NAMES } from '../../reports/i18n.ts';
import { demoBuild, withDemoWarehouse } from '../helpers/demo.ts';
import { tempFolder } from '../helpers/warehouse.ts';
import {
  checksOn,
  developmentWords,
  englishInDanish,
  reportsOf,
  undefinedTerms,
  withoutSourceLine,
  type BuiltReports,
  type PageText,
} from '../reports/wording.ts';

describe('the words the scan looks for', () => {
  const at = (text: string): PageText[] => [{ where: 'test', text }];

  it('finds the software-history sentences the reports used to carry', () => {
    const sentences = [
      'Markov and Shapley appear when the attribution issue’s models are built.',
      'New and lapsed counts appear in the tooltip once marts.participation_weekly is built.',
      'The training effect is left out: marts.training_effect does not exist yet.',
      'ROI per model appears here once the ROI mart is built.',
      'ROI pr. model vises her, når marten er bygget.',
      'Træningseffekten er udeladt: marten findes ikke endnu.',
      'As decided in this session, the cohorts come later.',
      'See models/marts/training_effect.model.ts for the estimate.',
      'Run the build step to create it.',
    ];
    for (const sentence of sentences) expect(developmentWords(at(sentence)), sentence).not.toEqual([]);
  });

  it('leaves GA4’s sessions, the program’s build command and the charts’ files alone', () => {
    const sentences = [
      'Ambassadors’ links brought 1,204 sessions, 12% of all tracked sessions.',
      'Sessioner fra ambassadørernes links: 1.204 sessioner.',
      'Load the exports with advocacy ingest, then run advocacy build and advocacy report.',
      'Each chart’s data is saved as charts/<name>.vl.json; every mart is in extracts/ as CSV.',
    ];
    for (const sentence of sentences) expect(developmentWords(at(sentence)), sentence).toEqual([]);
  });

  it('leaves out a closing source line of mart names only, and nothing more', () => {
    expect(withoutSourceLine('Posts per week. Source: marts.ambassador_weekly.')).toBe('Posts per week.');
    expect(withoutSourceLine('Opslag pr. uge. Kilde: marts.cohort_activity_weekly, marts.cohort_activity.')).toBe('Opslag pr. uge.');
    const explained = 'Credits. Source: marts.attribution_summary (or the same sums over marts.attribution_credits).';
    expect(withoutSourceLine(explained)).toBe(explained);
    expect(developmentWords(at(withoutSourceLine(explained)))).not.toEqual([]);
  });

  it('finds English function words in Danish, but not in the program’s own names or in Danish words that look alike', () => {
    expect(englishInDanish(at('Kilde: marts.attribution_summary (or the same sums).'), new Set())).not.toEqual([]);
    expect(englishInDanish(at('3 opslag gør ikke ansættelsen tydelig; Has not posted since joining'), new Set())).not.toEqual([]);
    expect(englishInDanish(at('Mest delt: “The future of energy in the North”.'), new Set(['The future of energy in the North']))).toEqual([]);
    expect(englishInDanish(at('Opslag pr. aktiv uge for 12 ambassadører i IT, til og med uge 40, at dele over to uger.'), new Set())).toEqual([]);
  });
});

describe('the glossary scan', () => {
  it('finds a model the tables show and a figure tile the glossary leaves undefined, and accepts a tile named by its term and period', () => {
    const page = {
      lang: 'en',
      title: 'Nordlys: the attribution report',
      period: '',
      headline: '',
      hasData: true,
      kpis: [
        { label: 'Value, to date', value: 'DKK 1,000', note: '' },
        { label: 'Posts', value: '12', note: '' },
      ],
      charts: [],
      tables: [{ name: 'models', caption: 'Credited outcomes per model', columns: [{ label: 'Last touch' }, { label: 'Fractribution' }], rows: [] }],
      notes: [],
      glossary: [
        { term: 'Value', definition: 'EMV plus the value of credited outcomes.' },
        { term: 'Attribution model', definition: 'Last touch (the default), first touch, linear.' },
      ],
      source: '',
    };
    expect(undefinedTerms(page)).toEqual(['attribution model Fractribution', 'figure Posts']);
  });
});

describe('the demo program’s reports', () => {
  let reports: BuiltReports;
  beforeAll(async () => {
    reports = await withDemoWarehouse((warehouse) => reportsOf(warehouse, demoBuild().company.name));
  }, 600_000);
  checksOn('the demo', () => reports);

  it('has a name in both languages for every metric and dimension the marts compare', async () => {
    const keys = await withDemoWarehouse((warehouse) =>
      warehouse.all<{ kind: string; key: string }>(
        `select distinct 'metric' as kind, metric as key from marts.cohort_comparison
         union select 'metric', metric from marts.training_effect
         union select 'metric', metric from marts.leader_example
         union select 'metric', metric from marts.ambassador_rates
         union select 'dimension', dimension from marts.cohort_comparison
         order by all`,
      ),
    );
    const unnamed = keys.filter(({ kind, key }) => !(kind === 'metric' ? METRIC_NAMES : DIMENSION_NAMES)[key]);
    expect(unnamed).toEqual([]);
    expect(keys.filter(({ kind }) => kind === 'dimension').length).toBeGreaterThan(2);
  });
});

// The mixed demo program's reports are scanned where that program is built (test/e2e/demo-shapes.test.ts).

describe('the reports of a program without trainings or goals', () => {
  const root = tempFolder('advocacy-wording-untrained-');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let reports: BuiltReports;
  beforeAll(async () => {
    // The demo's warehouse with its trainings and goals files' rows taken out, and the models rebuilt.
    const path = join(root, 'advocacy.duckdb');
    copyFileSync(join(demoBuild().root, 'warehouse/advocacy.duckdb'), path);
    const warehouse = await Warehouse.open(path);
    try {
      await warehouse.run('delete from raw.program__trainings; delete from raw.program__goals');
      await build(warehouse, demoConfig(root, demoBuild().company), { runId: null, log: memoryLogger() });
      reports = await reportsOf(warehouse, demoBuild().company.name);
    } finally {
      warehouse.close();
    }
  }, 600_000);

  it('says why the training effect and goal progress are left out, in the reader’s terms', () => {
    const [english, danish] = (['en', 'da'] as const).map((language) => reports.pages.find((page) => page.kind === 'program' && page.lang === language)!);
    expect(english!.charts.map((chart) => chart.name)).not.toContain('training-effect');
    expect(english!.notes).toContain(
      'The training effect is left out: too few ambassadors have been trained to estimate it. It needs at least one ambassador trained with 4 full weeks in the program before and after the training week, and one not yet trained over those weeks.',
    );
    expect(danish!.notes).toContain(
      'Træningseffekten er udeladt: for få ambassadører er blevet trænet til at beregne den. Det kræver mindst én ambassadør, der er trænet med 4 hele uger i programmet før og efter træningsugen, og én, der endnu ikke er trænet i de uger.',
    );
    const leadership = reports.pages.find((page) => page.kind === 'leadership' && page.lang === 'en')!;
    expect(leadership.charts.map((chart) => chart.name)).not.toContain('goal-progress');
    expect(leadership.notes).toContain('Goal progress is left out: the program has no goal whose period has begun (goals are set in the goals file).');
  });

  checksOn('no trainings or goals', () => reports);
});
