/**
 * The attribution report for analysts: the models side by side per outcome kind and
 * granularity, the ambassadors under each model, the Markov model's removal effects, and
 * how the choice of model moves the ROI. Reads the attribution summary mart.
 */
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { ambassadorAttributionChart, ambassadorAttributionData, ambassadorAttributionFacts } from '../charts/ambassador-attribution.ts';
import { attributionModelsChart, attributionModelsData, attributionModelsFacts } from '../charts/attribution-models.ts';
import { removalEffectFacts, removalEffectsChart } from '../charts/removal-effects.ts';
import { roiByModelChart, roiByModelData, roiByModelFacts } from '../charts/roi-by-model.ts';
import { isoDate } from '../format.ts';
import {
  martReads,
  type AmbassadorTotalsRow,
  type AttributionSummaryRow,
  type MarkovRemovalEffectRow,
  type MartReads,
  type ProgramSummaryRow,
  type RoiByPeriodRow,
} from '../marts.ts';
import { ambassadorModelSentence, evidenceSentence, modelSpreadSentence, removalEffectSentence, roiByModelSentence } from '../narrative/attribution.ts';
import { glossary } from '../narrative/glossary.ts';
import type { ReportPage } from '../page.ts';
import { attributionTable } from '../tables.ts';
import { draftNotes, pageContext, renderCharts, reportLinks, source, type ChartDraft, type PageOptions } from './common.ts';

export interface AttributionMarts {
  summary: ProgramSummaryRow | undefined;
  attributionSummary: AttributionSummaryRow[];
  removalEffects: MarkovRemovalEffectRow[];
  roiByPeriod: RoiByPeriodRow[];
  ambassadorTotals: AmbassadorTotalsRow[];
}

export async function readAttributionMarts(reads: MartReads): Promise<AttributionMarts> {
  const { read } = reads;
  return {
    summary: (await read('program_summary'))[0],
    attributionSummary: await read('attribution_summary'),
    removalEffects: await read('markov_removal_effects'),
    roiByPeriod: await read('roi_by_period'),
    ambassadorTotals: await read('ambassador_totals'),
  };
}

export async function buildAttributionPage(warehouse: Warehouse, options: PageOptions): Promise<ReportPage> {
  return attributionPage(await readAttributionMarts(martReads(warehouse)), options);
}

export async function attributionPage(input: AttributionMarts, options: PageOptions): Promise<ReportPage> {
  const { language, format, chartOptions, anonymiser, model } = pageContext(options, input.summary?.currency);
  const t = format.t;
  const totals = input.ambassadorTotals;
  // At ambassador granularity a channel is an ambassador_id: shown by name (or pseudonym).
  const names = new Map(totals.map((row) => [row.ambassador_id, anonymiser.name(row.ambassador_id, row.ambassador_name) ?? row.ambassador_id]));
  const summaryRows = input.attributionSummary;
  const ambassadorData = ambassadorAttributionData(summaryRows, names, { ...chartOptions, model });
  const roiData = roiByModelData(input.roiByPeriod, summaryRows, language);
  const summarySource = source(format, 'marts.attribution_summary');

  const summary = input.summary;
  const evidence =
    summary === undefined
      ? null
      : evidenceSentence({ visits: summary.visits, outcomes: summary.outcomes, outcomesWithOwnEvidence: summary.outcomes_with_own_evidence }, format);
  const drafts: (ChartDraft | string)[] = [
    ...(evidence ? [evidence] : []),
    attributionModelsData(summaryRows).length > 0
      ? {
          name: 'attribution-models',
          spec: attributionModelsChart(summaryRows, chartOptions),
          narrative: modelSpreadSentence(attributionModelsFacts(summaryRows), format),
          definition: `${t({
            en: 'Program granularity: all ambassador touches are one channel, “Employee advocacy”, beside GA4’s default channel groups; “(unattributed)” holds outcomes with no eligible touch. Lookback window 30 days by default; touches after an outcome never count.',
            da: 'Programniveau: alle ambassadørberøringer er én kanal, “Employee advocacy”, ved siden af GA4’s standardkanalgrupper; “(unattributed)” rummer resultater uden en gyldig berøring. Tilbageblik 30 dage som standard; berøringer efter et resultat tæller aldrig.',
          })} ${summarySource}`,
          table: attributionTable(summaryRows, format),
        }
      : t({
          en: 'Models side by side are left out: no outcome has been credited yet.',
          da: 'Modeller side om side er udeladt: intet resultat er krediteret endnu.',
        }),
    ambassadorData.length > 0
      ? {
          name: 'ambassador-attribution',
          spec: ambassadorAttributionChart(summaryRows, names, { ...chartOptions, model }),
          narrative: ambassadorModelSentence(ambassadorAttributionFacts(ambassadorData), format),
          definition: `${t({
            en: 'Ambassador granularity: each ambassador is a channel; the credit of an outcome is split among the ambassadors (and other channels) touched before it, as each model says.',
            da: 'Ambassadørniveau: hver ambassadør er en kanal; et resultats kredit fordeles mellem de ambassadører (og andre kanaler), der var berøringer før det, som hver model foreskriver.',
          })} ${summarySource}`,
        }
      : t({
          en: 'Ambassadors under each model are left out: no outcome is credited to an ambassador yet.',
          da: 'Ambassadører efter model er udeladt: intet resultat er krediteret en ambassadør endnu.',
        }),
    input.removalEffects.length > 0
      ? {
          name: 'removal-effects',
          spec: removalEffectsChart(input.removalEffects, chartOptions),
          narrative: removalEffectSentence(removalEffectFacts(input.removalEffects), format),
          definition: `${t({
            en: 'First-order Markov chain over start, channels, conversion and null; removal effect RE(c) = 1 − P(conversion without c) / P(conversion), computed exactly; each channel’s Markov credit is RE(c) / ΣRE of the attributed outcomes.',
            da: 'Første ordens Markov-kæde over start, kanaler, konvertering og null; fjernelseseffekt RE(c) = 1 − P(konvertering uden c) / P(konvertering), beregnet eksakt; hver kanals Markov-kredit er RE(c) / ΣRE af de attribuerede resultater.',
          })} ${source(format, 'marts.markov_removal_effects')}`,
        }
      : t({
          en: 'Removal effects are left out: the Markov model has no journey of visits to remove a channel from.',
          da: 'Fjernelseseffekter er udeladt: Markov-modellen har ingen kunderejse af besøg at fjerne en kanal fra.',
        }),
    roiData.values.length > 0
      ? {
          name: 'roi-by-model',
          spec: roiByModelChart(input.roiByPeriod, summaryRows, chartOptions),
          narrative: roiByModelSentence(roiByModelFacts(roiData), format),
          definition: `${
            roiData.measure === 'roi'
              ? t({
                  en: 'ROI = (value − cost) / cost, program to date, with outcome values credited by each model; cost is the same under every model.',
                  da: 'ROI = (værdi − omkostning) / omkostning, programmet til dato, med resultatværdier krediteret efter hver model; omkostningen er den samme i alle modeller.',
                })
              : t({
                  en: 'The value of outcomes credited to employee advocacy under each model (program granularity).',
                  da: 'Værdien af resultater krediteret medarbejderambassadører efter hver model (programniveau).',
                })
          } ${source(format, roiData.measure === 'roi' ? 'marts.roi_by_period' : 'marts.attribution_summary')}`,
        }
      : t({
          en: 'How the model moves the ROI is left out: there are no credited values yet.',
          da: 'Hvordan modellen flytter ROI er udeladt: der er endnu ingen krediterede værdier.',
        }),
  ];

  const charts = await renderCharts(drafts, options.images);
  const facts = attributionModelsFacts(summaryRows);
  return {
    lang: language,
    kind: 'attribution',
    links: reportLinks('attribution', language),
    title: `${options.companyName}: ${t({ en: 'attribution', da: 'attribution' })}`,
    period:
      input.summary?.period_start && input.summary.period_end
        ? `${format.date(isoDate(input.summary.period_start))} – ${format.date(isoDate(input.summary.period_end))}`
        : '',
    headline: modelSpreadSentence(facts, format),
    hasData: charts.length > 0,
    kpis: [],
    charts,
    notes: draftNotes(drafts),
    glossary: glossary(language),
    source: t({
      en: 'Built from the warehouse marts; outcome-level credits are in extracts/attribution_credits (CSV, Parquet, Arrow), so every total here can be traced to its outcomes.',
      da: 'Bygget af lagerets marts; kreditter pr. resultat ligger i extracts/attribution_credits (CSV, Parquet, Arrow), så alle totaler her kan spores til deres resultater.',
    }),
  };
}
