/**
 * The leadership report: the answer on the first screen (value, cost and ROI with its
 * interval, program to date and last month against the month before, beside the
 * program's activity), then value by component with the cost breakdown (each cost's
 * source, and how much of it counts), goals with pace and forecast, organic
 * reach against the company page, outcomes by attribution model, top ambassadors and
 * content, leaders as role models, and the weekly series. Reads the marts only, and
 * only selects and sorts (the attribution sums are the summary mart's, or the same sums
 * over attribution_credits until it exists).
 */
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { goalProgressChart, goalProgressFacts } from '../charts/goal-progress.ts';
import { leaderExampleChart } from '../charts/leader-example.ts';
import { organicReachChart, organicReachFacts } from '../charts/organic-reach.ts';
import { outcomesByModelChart, outcomesByModelData, outcomesByModelFacts } from '../charts/outcomes-by-model.ts';
import { roiByPeriodChart, roiByPeriodFacts } from '../charts/roi-by-period.ts';
import { topAmbassadorsChart, topAmbassadorsFacts } from '../charts/top-ambassadors.ts';
import { topContentChart, topContentFacts } from '../charts/top-content.ts';
import { valueWaterfallChart, waterfallFacts, waterfallPeriod } from '../charts/value-waterfall.ts';
import { weeklyActivityChart, weeklyActivityFacts } from '../charts/weekly-activity.ts';
import { weeklyTrafficChart, weeklyTrafficFacts } from '../charts/weekly-traffic.ts';
import { leaderExampleData, reachData, roiPeriods, type RoiPeriod } from '../contracts.ts';
import { num, type Format } from '../format.ts';
import { MODEL_NAMES, nameOf } from '../i18n.ts';
import {
  martNote,
  martReads,
  type AmbassadorTotalsRow,
  type AmbassadorWeeklyRow,
  type AttributionSummaryRow,
  type ContentPerformanceRow,
  type EmvRateChangeRow,
  type CostLineRow,
  type CostSettingRow,
  type CostSourceRow,
  type GoalProgressRow,
  type MartName,
  type MartReads,
  type MartRow,
  type ProgramSummaryRow,
  type ProgramWeeklyRow,
  type RoiByPeriodRow,
} from '../marts.ts';
import { glossary } from '../narrative/glossary.ts';
import { leaderExampleSentence } from '../narrative/leadership.ts';
import { emvRateChangesNote, outcomesByModelSentence, reachSentence, topContentSentence } from '../narrative/leadership.ts';
import { crossesZeroSentence, roiByPeriodSentence, roiWithInterval, waterfallSentence } from '../narrative/roi.ts';
import {
  goalProgressSentence,
  headlineSentence,
  noDataSentence,
  topAmbassadorsSentence,
  weeklyActivitySentence,
  weeklyTrafficSentence,
} from '../narrative/sentences.ts';
import { leaderExampleFacts } from '../charts/leader-example.ts';
import { costBreakdownTable } from '../tables.ts';
import type { Kpi, ReportPage } from '../page.ts';
import { draftNotes, leftOut, pageContext, renderCharts, reportLinks, source, type ChartDraft, type PageOptions } from './common.ts';

export type LeadershipPageOptions = PageOptions;

/** The rows the leadership page is built from, one array per mart. */
export interface LeadershipMarts {
  summary: ProgramSummaryRow | undefined;
  ambassadorWeekly: AmbassadorWeeklyRow[];
  programWeekly: ProgramWeeklyRow[];
  ambassadorTotals: AmbassadorTotalsRow[];
  goalProgress: GoalProgressRow[];
  /** `marts.roi_by_period`; empty until it is built. */
  roiByPeriod?: RoiByPeriodRow[];
  /** The attribution summary (or its stand-in from attribution_credits). */
  attributionSummary?: AttributionSummaryRow[];
  contentPerformance?: ContentPerformanceRow[];
  /** `marts.emv_daily` as it comes (null: not built). */
  emvDaily?: Record<string, unknown>[] | null;
  /** `marts.reach_comparison` as it comes (null: not built). */
  reachComparison?: Record<string, unknown>[] | null;
  /** `marts.leader_example` as it comes (null: not built). */
  leaderExample?: Record<string, unknown>[] | null;
  /** `marts.emv_rate_changes`: where the config's EMV rates differ from those past days were valued at (empty until built). */
  emvRateChanges?: EmvRateChangeRow[];
  /** The cost breakdown: `marts.cost_sources`, `cost_lines` and `cost_settings` (empty until built). */
  costSources?: CostSourceRow[];
  costLines?: CostLineRow[];
  costSettings?: CostSettingRow[];
  /** Marts that do not exist in the warehouse yet (read as empty; the page says so). */
  missing?: MartName[];
  /** Other notes from reading: marts built without the columns the report reads. */
  readNotes?: string[];
}

/** The marts whose absence the first screen mentions (the skeleton's five). */
const CORE_MARTS: readonly MartName[] = ['program_summary', 'ambassador_weekly', 'program_weekly', 'ambassador_totals', 'goal_progress'];

/** Reads the marts the page uses (sequentially: one connection); a mart not built yet reads as empty. */
export async function readLeadershipMarts(reads: MartReads): Promise<LeadershipMarts> {
  const missing: MartName[] = [];
  const readNotes: string[] = [];
  const read = async <N extends MartName>(name: N, required = true): Promise<MartRow<N>[]> => {
    const result = await reads.checked(name);
    if (result.status === 'missing' && required) missing.push(name);
    if (result.status === 'incompatible') readNotes.push(martNote(name, result) ?? '');
    return result.rows;
  };
  const summary = (await read('program_summary'))[0];
  const ambassadorWeekly = await read('ambassador_weekly');
  const programWeekly = await read('program_weekly');
  const ambassadorTotals = await read('ambassador_totals');
  const goalProgress = await read('goal_progress');
  const roiByPeriod = await read('roi_by_period', false);
  const contentPerformance = await read('content_performance', false);
  const attributionSummary = (await reads.attributionSummary()).rows;
  const reachComparison = await reads.loose('reach_comparison');
  // emv_daily is only read when reach_comparison cannot say (it is the larger table).
  const emvDaily = reachComparison ? null : await reads.loose('emv_daily');
  const leaderExample = await reads.loose('leader_example');
  const emvRateChanges = await read('emv_rate_changes', false);
  const costSources = await read('cost_sources', false);
  const costLines = await read('cost_lines', false);
  const costSettings = await read('cost_settings', false);
  return {
    summary, ambassadorWeekly, programWeekly, ambassadorTotals, goalProgress, roiByPeriod, attributionSummary, contentPerformance, emvDaily, reachComparison, leaderExample, emvRateChanges,
    costSources, costLines, costSettings, missing, readNotes,
  };
}

/** Queries the marts and builds the leadership page model (charts rendered to SVG). */
export async function buildLeadershipPage(warehouse: Warehouse, options: LeadershipPageOptions): Promise<ReportPage> {
  return leadershipPage(await readLeadershipMarts(martReads(warehouse)), options);
}

/** Builds the page model from mart rows already read (no I/O but the SVG rendering). */
export async function leadershipPage(input: LeadershipMarts, options: LeadershipPageOptions): Promise<ReportPage> {
  const { language, format, chartOptions, anonymiser, model } = pageContext(options, input.summary?.currency);
  const marts: LeadershipMarts = {
    ...input,
    ambassadorWeekly: anonymiser.rows(input.ambassadorWeekly),
    ambassadorTotals: anonymiser.rows(input.ambassadorTotals),
  };
  const t = format.t;
  const base = {
    lang: language,
    kind: 'leadership',
    links: reportLinks('leadership', language),
    title: `${options.companyName}: ${t({ en: 'employee advocacy', da: 'medarbejderambassadører' })}`,
    glossary: glossary(language),
    source: t({
      en: 'Built from the warehouse marts (each chart names its own). Each chart’s data and specification are saved beside this file as charts/<name>.vl.json, with an SVG and a PNG; every mart is in extracts/ as CSV, Parquet and Arrow.',
      da: 'Bygget af lagerets marts (hvert diagram nævner sine egne). Hvert diagrams data og specifikation ligger ved siden af denne fil som charts/<navn>.vl.json, med en SVG og en PNG; alle marts ligger i extracts/ som CSV, Parquet og Arrow.',
    }),
  };
  const missingNotes = (marts.missing ?? []).filter((name) => CORE_MARTS.includes(name)).map((name) => martNote(name, { status: 'missing', missingColumns: [] }, language) ?? '');

  const { summary } = marts;
  const hasData =
    summary !== undefined &&
    (marts.ambassadorWeekly.length > 0 || marts.programWeekly.length > 0 || marts.ambassadorTotals.length > 0 || marts.goalProgress.length > 0);
  if (!hasData) {
    return {
      ...base,
      period: '',
      headline: noDataSentence(options.companyName, format),
      hasData: false,
      kpis: [],
      charts: [],
      notes: [
        ...missingNotes,
        t({
          en: 'The charts appear here once the marts hold rows: ambassadors, their posts, and web analytics.',
          da: 'Diagrammerne vises her, når lagerets marts har rækker: ambassadører, deres opslag og webanalyse.',
        }),
      ],
    };
  }

  const roiRows = marts.roiByPeriod ?? [];
  const roiFacts = roiByPeriodFacts(roiRows, model);
  const summaryRows = marts.attributionSummary ?? [];
  const content = marts.contentPerformance ?? [];
  const reach = reachData(marts.reachComparison ?? null, marts.emvDaily ?? null);
  const leaders = leaderExampleData(marts.leaderExample ? anonymiser.rows(marts.leaderExample) : null, marts.ambassadorTotals);
  const roiSource = source(format, 'marts.roi_by_period');
  const costTable =
    (marts.costSources ?? []).length > 0
      ? costBreakdownTable(marts.costSources ?? [], marts.costLines ?? [], marts.costSettings ?? [], format, { withNotes: !anonymiser.enabled })
      : null;
  const waterfall = waterfallPeriod(roiRows, model);
  const modelName = nameOf(MODEL_NAMES, model, format).toLowerCase();

  const drafts: (ChartDraft | string)[] = [
    roiFacts.months.length > 0
      ? {
          name: 'roi-by-period',
          spec: roiByPeriodChart(roiRows, { ...chartOptions, model }),
          narrative: roiByPeriodSentence(roiFacts, format),
          definition: `${t({
            en: `ROI = (value − cost) / cost per calendar month, value with outcomes credited by ${modelName}. The interval is a seeded 90% bootstrap over ambassadors: it shows how much the ROI depends on which ambassadors the program happened to have, not the uncertainty of the attribution model or the EMV rates.`,
            da: `ROI = (værdi − omkostning) / omkostning pr. kalendermåned, med resultater krediteret efter ${modelName}. Intervallet er en seedet 90 %-bootstrap over ambassadører: det viser, hvor meget ROI afhænger af, hvilke ambassadører programmet havde, ikke usikkerheden i attributionsmodellen eller EMV-satserne.`,
          })} ${roiSource}`,
        }
      : t({
          en: 'ROI per month is left out: marts.roi_by_period does not exist yet or has no month rows (run advocacy build).',
          da: 'ROI pr. måned er udeladt: marts.roi_by_period findes ikke endnu eller har ingen månedsrækker.',
        }),
    waterfall
      ? {
          name: 'value-waterfall',
          ...(costTable ? { table: costTable } : {}),
          spec: valueWaterfallChart(roiRows, { ...chartOptions, model }),
          narrative: waterfallSentence(waterfallFacts(roiRows, model), format),
          definition: `${t({
            en: 'Value = EMV (impressions × CPM / 1,000 + clicks × CPC + reactions, comments and shares at their rates) + the value of outcomes credited to ambassadors (leads and applications at unit values, conversions at their own value, hires at the cost per hire they save). Cost = the cost file’s lines + ambassadors’ and program leads’ time.',
            da: 'Værdi = EMV (visninger × CPM / 1.000 + klik × CPC + reaktioner, kommentarer og delinger til deres satser) + værdien af resultater krediteret ambassadører (leads og ansøgninger til enhedsværdier, konverteringer til egen værdi, ansættelser til den sparede rekrutteringsomkostning). Omkostning = omkostningsfilens linjer + ambassadørernes og programledernes tid.',
          })} ${roiSource}`,
        }
      : t({
          en: 'Value by component is left out: marts.roi_by_period has no program-to-date row yet.',
          da: 'Værdi pr. komponent er udeladt: marts.roi_by_period har endnu ingen række for programmet til dato.',
        }),
    marts.goalProgress.length > 0
      ? {
          name: 'goal-progress',
          spec: goalProgressChart(marts.goalProgress, chartOptions),
          narrative: goalProgressSentence(goalProgressFacts(marts.goalProgress), format),
          definition: `${t({
            en: 'Actual: the goal’s metric summed from the start of its period. Pace: a straight line from zero on the first day to the target on the last. Status as of each goal’s last day with data: on track at 95% of pace or more, at risk from 80%, off track below. Forecast (when present): the trend extended to the period’s end, with its prediction interval.',
            da: 'Faktisk: målets tal summeret fra periodens start. Tempo: en ret linje fra nul første dag til målet sidste dag. Status pr. seneste dag med data: på sporet ved mindst 95 % af tempoet, i fare fra 80 %, bagud derunder. Prognose (når den findes): tendensen forlænget til periodens slutning, med forudsigelsesinterval.',
          })} ${source(format, 'marts.goal_progress')}`,
        }
      : t({ en: 'Goal progress is left out: no goals are defined yet (marts.goal_progress has no rows).', da: 'Målopfyldelse er udeladt: der er endnu ikke defineret mål (marts.goal_progress har ingen rækker).' }),
    reach
      ? {
          name: 'organic-reach',
          spec: organicReachChart(reach.rows, { ...chartOptions, grain: reach.grain }),
          narrative: reachSentence(organicReachFacts(reach.rows, reach.grain), format),
          definition: `${t({
            en: 'Impressions: times a post was shown, as the platform reports it, summed per period for the posts the ambassadors published and for the company page’s organic posts. Reach in people is never summed across posts; this compares exposure over the same periods.',
            da: 'Visninger: antal gange et opslag blev vist, som platformen opgør det, summeret pr. periode for ambassadørernes opslag og for virksomhedssidens organiske opslag. Rækkevidde i personer summeres aldrig på tværs af opslag; her sammenlignes eksponering i de samme perioder.',
          })} ${source(format, reach.source)}`,
        }
      : t({
          en: 'Ambassadors’ organic reach against the company page’s is left out: neither marts.reach_comparison nor marts.emv_daily has impressions of both yet.',
          da: 'Ambassadørernes organiske rækkevidde mod virksomhedssidens er udeladt: hverken marts.reach_comparison eller marts.emv_daily har endnu visninger for begge.',
        }),
    outcomesByModelData(summaryRows).length > 0
      ? {
          name: 'outcomes-by-model',
          spec: outcomesByModelChart(summaryRows, { ...chartOptions, model }),
          narrative: outcomesByModelSentence(outcomesByModelFacts(summaryRows, model), format),
          definition: `${t({
            en: 'Credited outcomes: the share of each lead, conversion, application or hire that a model gives employee advocacy (all ambassadors as one channel, beside GA4’s channel groups); each outcome’s credits sum to 1.',
            da: 'Krediterede resultater: den andel af hvert lead, hver konvertering, ansøgning eller ansættelse, som en model giver medarbejderambassadørerne (alle ambassadører som én kanal ved siden af GA4’s kanalgrupper); hvert resultats kreditter summer til 1.',
          })} ${source(format, 'marts.attribution_summary (or the same sums over marts.attribution_credits)')}`,
        }
      : t({ en: 'Outcomes by attribution model are left out: no outcome has been credited yet.', da: 'Resultater pr. attributionsmodel er udeladt: intet resultat er krediteret endnu.' }),
    marts.ambassadorTotals.length > 0
      ? {
          name: 'top-ambassadors',
          spec: topAmbassadorsChart(marts.ambassadorTotals, chartOptions),
          narrative: topAmbassadorsSentence(topAmbassadorsFacts(marts.ambassadorTotals), format),
          definition: `${t({
            en: 'Credited outcomes: leads, applications, conversions and hires credited to each ambassador by the default attribution model over the whole period.',
            da: 'Krediterede resultater: leads, ansøgninger, konverteringer og ansættelser krediteret hver ambassadør efter standardmodellen i hele perioden.',
          })} ${source(format, 'marts.ambassador_totals')}`,
        }
      : leftOut(t({ en: 'Top ambassadors', da: 'Topambassadører' }), 'marts.ambassador_totals', format),
    content.length > 0
      ? {
          name: 'top-content',
          spec: topContentChart(content, chartOptions),
          narrative: topContentSentence(topContentFacts(content), format),
          definition: `${t({
            en: 'Credited outcomes of an item: outcomes credited (default model) to visits through ambassadors’ shares of it. Share rate: ambassadors who shared it of those eligible.',
            da: 'Et emnes krediterede resultater: resultater krediteret (standardmodel) besøg via ambassadørernes delinger af det. Delingsrate: ambassadører, der delte det, af dem, der kunne.',
          })} ${source(format, 'marts.content_performance')}`,
        }
      : leftOut(t({ en: 'Top content', da: 'Bedste indhold' }), 'marts.content_performance', format),
    leaders
      ? {
          name: 'leader-example',
          spec: leaderExampleChart(anonymiseLeaders(leaders.rows, anonymiser), { ...chartOptions, benchmark: leaders.benchmark }),
          narrative: leaderExampleSentence(leaderExampleFacts(anonymiseLeaders(leaders.rows, anonymiser), leaders.benchmark), format),
          definition: `${
            leaders.benchmark === 'team'
              ? t({ en: 'Each leader’s own activity against the median of the ambassadors in their team.', da: 'Hver leders egen aktivitet mod medianen for ambassadørerne i teamet.' })
              : t({
                  en: 'Each leader’s posts over the period against the median of all ambassadors who are not leaders (their own team’s median appears once marts.leader_example is built).',
                  da: 'Hver leders opslag i perioden mod medianen for alle ambassadører, der ikke er ledere (teamets egen median vises, når marts.leader_example er bygget).',
                })
          } ${source(format, leaders.source)}`,
        }
      : t({ en: 'Leaders as role models are left out: no ambassador is marked as a leader.', da: 'Ledere som forbilleder er udeladt: ingen ambassadør er markeret som leder.' }),
    marts.programWeekly.length > 0
      ? {
          name: 'weekly-traffic',
          spec: weeklyTrafficChart(marts.programWeekly, chartOptions),
          narrative: weeklyTrafficSentence(weeklyTrafficFacts(marts.programWeekly), format),
          definition: `${t({
            en: 'Sessions: Google Analytics 4 sessions that arrived through an ambassador’s tracked link. Credited leads: leads credited to ambassadors by the default model. The comparison in the title is with the mean of up to four weeks before the latest.',
            da: 'Sessioner: Google Analytics 4-sessioner, der kom via en ambassadørs sporede link. Krediterede leads: leads krediteret ambassadørerne efter standardmodellen. Sammenligningen i titlen er med gennemsnittet af op til fire uger før den seneste.',
          })} ${source(format, 'marts.program_weekly')}`,
        }
      : leftOut(t({ en: 'Weekly traffic', da: 'Ugentlig trafik' }), 'marts.program_weekly', format),
    marts.ambassadorWeekly.length > 0
      ? {
          name: 'weekly-activity',
          spec: weeklyActivityChart(marts.ambassadorWeekly, chartOptions),
          narrative: weeklyActivitySentence(weeklyActivityFacts(marts.ambassadorWeekly), format),
          definition: `${t({
            en: 'Posts: shares by enrolled ambassadors on LinkedIn and Facebook, counted in the ISO week (Monday to Sunday) they were posted. Active ambassador: posted at least once that week.',
            da: 'Opslag: delinger fra tilmeldte ambassadører på LinkedIn og Facebook, talt i den ISO-uge (mandag til søndag), de blev delt. Aktiv ambassadør: delte mindst én gang den uge.',
          })} ${source(format, 'marts.ambassador_weekly')}`,
        }
      : leftOut(t({ en: 'Weekly activity', da: 'Ugentlig aktivitet' }), 'marts.ambassador_weekly', format),
  ];

  const activity = headlineSentence(
    {
      periodStart: summary.period_start ?? marts.programWeekly[0]?.week_start ?? new Date(0),
      ambassadorsEnrolled: num(summary.ambassadors_enrolled),
      ambassadorsActive: num(summary.ambassadors_active),
      posts: num(summary.posts),
      sessions: num(summary.sessions),
      leads: num(summary.leads),
      allLeads: num(summary.all_leads),
    },
    format,
  );
  const toDate = roiFacts.toDate;
  const emvNote = emvRateChangesNote(marts.emvRateChanges ?? [], format);
  const roiHeadline = toDate ? roiHeadlineSentence(toDate, format) : '';
  return {
    ...base,
    period: summary.period_start && summary.period_end ? `${format.date(summary.period_start)} – ${format.date(summary.period_end)}` : '',
    headline: roiHeadline ? `${roiHeadline} ${activity}` : activity,
    hasData: true,
    kpis: [...roiKpis(roiPeriods(roiRows).filter((period) => period.model === model), format), ...leadershipKpis(summary, format)],
    charts: await renderCharts(drafts),
    // Without the value chart, the cost breakdown stands on its own after the charts.
    ...(costTable && !waterfall ? { tables: [costTable] } : {}),
    notes: [...missingNotes, ...(emvNote ? [emvNote] : []), ...(marts.readNotes ?? []), ...draftNotes(drafts)],
  };
}

/** Both sources were anonymised before (their ids are codes): the name becomes the code's pseudonym too. */
function anonymiseLeaders<T extends { ambassador_id: string; name: string }>(rows: readonly T[], anonymiser: ReturnType<typeof pageContext>['anonymiser']): T[] {
  if (!anonymiser.enabled) return [...rows];
  return rows.map((row) => ({ ...row, name: anonymiser.label(row.ambassador_id) }));
}

/** `Program to date, DKK 1,2m of value against DKK 500,000 of cost: an ROI of 140% (90% interval …).` */
export function roiHeadlineSentence(period: RoiPeriod, format: Format): string {
  const main = format.t({
    en: `Program to date, ${format.money(period.value)} of value against ${format.money(period.cost)} of cost: an ROI of ${roiWithInterval(period, format)}.`,
    da: `For programmet til dato ${format.money(period.value)} i værdi mod ${format.money(period.cost)} i omkostninger: en ROI på ${roiWithInterval(period, format)}.`,
  });
  const zero = crossesZeroSentence(period, format);
  return zero ? `${main} ${zero}` : main;
}

/** The ROI tiles: value, cost, ROI to date with its interval, and the last month against the one before. */
export function roiKpis(periods: readonly RoiPeriod[], format: Format): Kpi[] {
  const toDate = periods.find((period) => period.kind === 'to_date');
  const months = periods.filter((period) => period.kind === 'month' && period.roi !== null).sort((a, b) => a.start.localeCompare(b.start));
  const last = months[months.length - 1];
  const previous = months[months.length - 2];
  const t = format.t;
  const tiles: Kpi[] = [];
  if (toDate) {
    tiles.push(
      {
        label: t({ en: 'Value, program to date', da: 'Værdi, programmet til dato' }),
        value: format.money(toDate.value),
        note: t({ en: 'EMV and credited outcomes', da: 'EMV og krediterede resultater' }),
      },
      {
        label: t({ en: 'Cost, program to date', da: 'Omkostning, programmet til dato' }),
        value: format.money(toDate.cost),
        note: t({ en: 'cost lines and people’s time', da: 'omkostningslinjer og tidsforbrug' }),
      },
      {
        label: t({ en: 'ROI, program to date', da: 'ROI, programmet til dato' }),
        value: toDate.roi === null ? '–' : format.percent(toDate.roi),
        note:
          toDate.low !== null && toDate.high !== null
            ? t({ en: `90% interval ${format.percent(toDate.low)} to ${format.percent(toDate.high)}`, da: `90 %-interval ${format.percent(toDate.low)} til ${format.percent(toDate.high)}` })
            : t({ en: 'no interval', da: 'intet interval' }),
      },
    );
  }
  if (last) {
    const against =
      previous && previous.roi !== null && last.roi !== null
        ? t({
            en: `${format.percent(previous.roi)} in ${format.month(previous.start)}`,
            da: `${format.percent(previous.roi)} i ${format.month(previous.start)}`,
          })
        : t({ en: 'no month before to compare', da: 'ingen måned før at sammenligne med' });
    tiles.push({
      label: t({ en: `ROI, ${format.month(last.start)}`, da: `ROI, ${format.month(last.start)}` }),
      value: last.roi === null ? '–' : format.percent(last.roi),
      note: t({ en: `against ${against}`, da: `mod ${against}` }),
    });
  }
  return tiles;
}

/** `x of y`, or the note when there is no whole. */
function shareNote(format: Format, part: number, whole: number, of: { en: string; da: string }): string {
  return whole > 0
    ? format.t({ en: `${format.percent(part / whole)} of all ${format.count(whole)} ${of.en}`, da: `${format.percent(part / whole)} af alle ${format.count(whole)} ${of.da}` })
    : format.t({ en: `no ${of.en} recorded`, da: `ingen ${of.da} registreret` });
}

/** The first screen's activity tiles, from the summary mart. */
export function leadershipKpis(summary: ProgramSummaryRow, format: Format): Kpi[] {
  const enrolled = num(summary.ambassadors_enrolled);
  const active = num(summary.ambassadors_active);
  const t = format.t;
  return [
    {
      label: t({ en: 'Active ambassadors', da: 'Aktive ambassadører' }),
      value: t({ en: `${format.integer(active)} of ${format.integer(enrolled)}`, da: `${format.integer(active)} af ${format.integer(enrolled)}` }),
      note: enrolled > 0 ? t({ en: `${format.percent(active / enrolled)} participation`, da: `${format.percent(active / enrolled)} deltagelse` }) : t({ en: 'nobody enrolled yet', da: 'ingen tilmeldt endnu' }),
    },
    { label: t({ en: 'Posts', da: 'Opslag' }), value: format.integer(num(summary.posts)), note: t({ en: 'shared on LinkedIn and Facebook', da: 'delt på LinkedIn og Facebook' }) },
    {
      label: t({ en: 'Impressions', da: 'Visninger' }),
      value: summary.impressions === null ? '–' : format.integer(summary.impressions),
      note: summary.impressions === null ? t({ en: 'not reported by the platforms', da: 'ikke opgjort af platformene' }) : t({ en: 'as the platforms report them', da: 'som platformene opgør dem' }),
    },
    {
      label: t({ en: 'Sessions from ambassadors’ links', da: 'Sessioner fra ambassadørernes links' }),
      value: format.integer(num(summary.sessions)),
      note: shareNote(format, num(summary.sessions), num(summary.all_sessions), { en: 'tracked sessions', da: 'sporede sessioner' }),
    },
    {
      label: t({ en: 'Leads credited', da: 'Krediterede leads' }),
      value: format.count(num(summary.leads)),
      note: shareNote(format, num(summary.leads), num(summary.all_leads), { en: 'leads', da: 'leads' }),
    },
    {
      label: t({ en: 'Applications credited', da: 'Krediterede ansøgninger' }),
      value: format.count(num(summary.applications)),
      note: shareNote(format, num(summary.applications), num(summary.all_applications), { en: 'applications', da: 'ansøgninger' }),
    },
    {
      label: t({ en: 'Hires credited', da: 'Krediterede ansættelser' }),
      value: format.count(num(summary.hires)),
      note: t({
        en: `and ${format.count(num(summary.conversions))} ${num(summary.conversions) === 1 ? 'conversion' : 'conversions'} credited`,
        da: `og ${format.count(num(summary.conversions))} ${num(summary.conversions) === 1 ? 'konvertering' : 'konverteringer'} krediteret`,
      }),
    },
    {
      label: t({ en: 'Value of credited outcomes', da: 'Værdi af krediterede resultater' }),
      value: format.money(num(summary.value)),
      note: t({ en: 'leads, conversions, applications and hires at their value (default model)', da: 'leads, konverteringer, ansøgninger og ansættelser til deres værdi (standardmodel)' }),
    },
  ];
}
