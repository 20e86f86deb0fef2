/**
 * The leadership report: the answer on the first screen (value, cost and ROI with its
 * interval, program to date and last month against the month before, beside the
 * program's activity), then value by component with the cost breakdown (each cost's
 * source, and how much of it counts), goals with pace and forecast, organic
 * reach against the company page, outcomes by attribution model, top ambassadors and
 * content, leaders as role models, and the weekly series. Reads the marts only, and
 * only selects and sorts.
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
import type { Format } from '../format.ts';
import { MODEL_NAMES, nameOf } from '../i18n.ts';
import {
  martReads,
  type AmbassadorTotalsRow,
  type AttributionSummaryRow,
  type ContentPerformanceRow,
  type EmvRateChangeRow,
  type CostLineRow,
  type CostSettingRow,
  type CostSourceRow,
  type GoalProgressRow,
  type LeaderExampleRow,
  type MartReads,
  type ProgramSummaryRow,
  type ProgramWeeklyRow,
  type ReachComparisonRow,
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
import { figure, figureLabel, figureNumber, figureText, readFigures, type Figures } from '../figures.ts';
import type { Kpi, ReportPage } from '../page.ts';
import { draftNotes, leftOut, pageContext, renderCharts, reportLinks, source, type ChartDraft, type PageOptions } from './common.ts';

export type LeadershipPageOptions = PageOptions;

/** The rows the leadership page is built from, one array per mart. */
export interface LeadershipMarts {
  summary: ProgramSummaryRow | undefined;
  /** Whether `marts.ambassador_weekly` holds any row: the page draws nothing from its rows. */
  ambassadorWeeks: boolean;
  programWeekly: ProgramWeeklyRow[];
  ambassadorTotals: AmbassadorTotalsRow[];
  goalProgress: GoalProgressRow[];
  /** `marts.roi_by_period`: each month, quarter and the program to date, per model. */
  roiByPeriod?: RoiByPeriodRow[];
  attributionSummary?: AttributionSummaryRow[];
  contentPerformance?: ContentPerformanceRow[];
  reachComparison?: ReachComparisonRow[];
  leaderExample?: LeaderExampleRow[];
  /** `marts.emv_rate_changes`: where the config's EMV rates differ from those past days were valued at. */
  emvRateChanges?: EmvRateChangeRow[];
  /** The cost breakdown: `marts.cost_sources`, `cost_lines` and `cost_settings`. */
  costSources?: CostSourceRow[];
  costLines?: CostLineRow[];
  costSettings?: CostSettingRow[];
  /** The figures the page states (tiles, headline), from the metrics layer. */
  figures: Figures;
}

/** Reads the marts the page uses (sequentially: one connection); a mart missing or built by another version is an `OutdatedMartError`. */
export async function readLeadershipMarts(reads: MartReads): Promise<LeadershipMarts> {
  const figures = await readFigures(reads);
  const { read } = reads;
  const summary = (await read('program_summary'))[0];
  const ambassadorWeeks = await reads.holdsRows('ambassador_weekly');
  const programWeekly = await read('program_weekly');
  const ambassadorTotals = await read('ambassador_totals');
  const goalProgress = await read('goal_progress');
  const roiByPeriod = await read('roi_by_period');
  const contentPerformance = await read('content_performance');
  const attributionSummary = await read('attribution_summary');
  const reachComparison = await read('reach_comparison');
  const leaderExample = await read('leader_example');
  const emvRateChanges = await read('emv_rate_changes');
  const costSources = await read('cost_sources');
  const costLines = await read('cost_lines');
  const costSettings = await read('cost_settings');
  return {
    summary,
    figures,
    ambassadorWeeks,
    programWeekly,
    ambassadorTotals,
    goalProgress,
    roiByPeriod,
    attributionSummary,
    contentPerformance,
    reachComparison,
    leaderExample,
    emvRateChanges,
    costSources,
    costLines,
    costSettings,
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

  const { summary } = marts;
  const hasData =
    summary !== undefined && (marts.ambassadorWeeks || marts.programWeekly.length > 0 || marts.ambassadorTotals.length > 0 || marts.goalProgress.length > 0);
  if (!hasData) {
    return {
      ...base,
      period: '',
      headline: noDataSentence(options.companyName, format),
      hasData: false,
      kpis: [],
      charts: [],
      notes: [
        t({
          en: 'There is nothing to chart yet: the program has no ambassadors, posts or web analytics loaded. Load the exports with advocacy ingest, then run advocacy build and advocacy report (advocacy run does all three).',
          da: 'Der er intet at vise endnu: programmet har ingen ambassadører, opslag eller webanalyse indlæst. Indlæs eksporterne med advocacy ingest, og kør derefter advocacy build og advocacy report (advocacy run gør alle tre).',
        }),
      ],
    };
  }

  const roiRows = marts.roiByPeriod ?? [];
  const roiFacts = roiByPeriodFacts(roiRows, model);
  const summaryRows = marts.attributionSummary ?? [];
  const content = marts.contentPerformance ?? [];
  const reach = reachData(marts.reachComparison ?? []);
  const leaders = leaderExampleData(anonymiser.rows(marts.leaderExample ?? []));
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
          en: 'ROI per month is left out: no month has a cost yet, and ROI divides by the cost. Costs come from the costs file and from people’s time at the config’s rates.',
          da: 'ROI pr. måned er udeladt: ingen måned har en omkostning endnu, og ROI dividerer med omkostningen. Omkostninger kommer fra omkostningsfilen og fra tidsforbruget til konfigurationens satser.',
        }),
    waterfall
      ? {
          name: 'value-waterfall',
          ...(costTable ? { table: costTable } : {}),
          spec: valueWaterfallChart(roiRows, { ...chartOptions, model }),
          narrative: waterfallSentence(waterfallFacts(roiRows, model), format),
          definition: `${t({
            en: 'Value = EMV (impressions, the headline’s figure, × CPM / 1,000 + clicks × CPC + engagements at their rates) + the value of outcomes credited to ambassadors (leads and applications at unit values, conversions at their own value, hires at the cost per hire they save). Cost = the cost file’s lines + ambassadors’ and program leads’ time.',
            da: 'Værdi = EMV (visninger, samme tal som i overskriften, × CPM / 1.000 + klik × CPC + engagementer til deres satser) + værdien af resultater krediteret ambassadører (leads og ansøgninger til enhedsværdier, konverteringer til egen værdi, ansættelser til den sparede rekrutteringsomkostning). Omkostning = omkostningsfilens linjer + ambassadørernes og programledernes tid.',
          })} ${roiSource}`,
        }
      : t({
          en: `Value by component is left out: no value or cost has been counted for the program to date under ${modelName} yet.`,
          da: `Værdi pr. komponent er udeladt: der er ikke opgjort nogen værdi eller omkostning for programmet til dato efter ${modelName} endnu.`,
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
      : t({
          en: 'Goal progress is left out: the program has no goal whose period has begun (goals are set in the goals file).',
          da: 'Målopfyldelse er udeladt: programmet har intet mål, hvis periode er begyndt (mål sættes i målfilen).',
        }),
    reach.length > 0
      ? {
          name: 'organic-reach',
          spec: organicReachChart(reach, chartOptions),
          narrative: reachSentence(organicReachFacts(reach), format),
          definition: `${t({
            en: 'Impressions: times a post was shown, as the platform reports it, summed per period for the posts the ambassadors published and for the company page’s organic posts. Reach in people is never summed across posts; this compares exposure over the same periods.',
            da: 'Visninger: antal gange et opslag blev vist, som platformen opgør det, summeret pr. periode for ambassadørernes opslag og for virksomhedssidens organiske opslag. Rækkevidde i personer summeres aldrig på tværs af opslag; her sammenlignes eksponering i de samme perioder.',
          })} ${source(format, 'marts.reach_comparison')}`,
        }
      : t({
          en: 'Ambassadors’ organic reach against the company page’s is left out: no month has impressions for both the ambassadors’ posts and the company page’s organic posts, so there is nothing to set side by side.',
          da: 'Ambassadørernes organiske rækkevidde mod virksomhedssidens er udeladt: ingen måned har visninger for både ambassadørernes opslag og virksomhedssidens organiske opslag, så der er intet at stille side om side.',
        }),
    outcomesByModelData(summaryRows).length > 0
      ? {
          name: 'outcomes-by-model',
          spec: outcomesByModelChart(summaryRows, { ...chartOptions, model }),
          narrative: outcomesByModelSentence(outcomesByModelFacts(summaryRows, model), format),
          definition: `${t({
            en: 'Credited outcomes: the share of each lead, conversion, application or hire that a model gives employee advocacy (all ambassadors as one channel, beside GA4’s channel groups); each outcome’s credits sum to 1.',
            da: 'Krediterede resultater: den andel af hvert lead, hver konvertering, ansøgning eller ansættelse, som en model giver medarbejderambassadørerne (alle ambassadører som én kanal ved siden af GA4’s kanalgrupper); hvert resultats kreditter summer til 1.',
          })} ${source(format, 'marts.attribution_summary')}`,
        }
      : t({
          en: 'Outcomes by attribution model are left out: no outcome has been credited yet.',
          da: 'Resultater pr. attributionsmodel er udeladt: intet resultat er krediteret endnu.',
        }),
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
      : leftOut(
          t({ en: 'Top ambassadors', da: 'Topambassadører' }),
          { en: 'no ambassadors are enrolled yet', da: 'ingen ambassadører er tilmeldt endnu' },
          format,
        ),
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
      : leftOut(
          t({ en: 'Top content', da: 'Bedste indhold' }),
          { en: 'no content has been offered to ambassadors to share yet', da: 'ambassadørerne har ikke fået indhold at dele endnu' },
          format,
        ),
    leaders.length > 0
      ? {
          name: 'leader-example',
          spec: leaderExampleChart(anonymiseLeaders(leaders, anonymiser), chartOptions),
          narrative: leaderExampleSentence(leaderExampleFacts(anonymiseLeaders(leaders, anonymiser)), format),
          definition: `${t({
            en: 'Each leader’s posts per active week (posts divided by the weeks with at least one post, the rate the program lead’s report compares leaders and staff on) against the median of the ambassadors in their team who have posted.',
            da: 'Hver leders opslag pr. aktiv uge (opslag divideret med de uger med mindst ét opslag, den rate programlederens rapport sammenligner ledere og medarbejdere på) mod medianen for de ambassadører i teamet, der har delt.',
          })} ${source(format, 'marts.leader_example')}`,
        }
      : t({
          en: 'Leaders as role models are left out: no ambassador marked as a leader has a team to compare with (the other ambassadors of their department, or those they lead).',
          da: 'Ledere som forbilleder er udeladt: ingen ambassadør, der er markeret som leder, har et team at sammenligne med (de øvrige ambassadører i afdelingen eller dem, vedkommende leder).',
        }),
    marts.programWeekly.length > 0
      ? {
          name: 'weekly-traffic',
          spec: weeklyTrafficChart(marts.programWeekly, chartOptions),
          narrative: weeklyTrafficSentence(weeklyTrafficFacts(marts.programWeekly), format),
          definition: `${t({
            en: 'Sessions: Google Analytics 4 sessions that arrived through an ambassador’s tracked link. Credited leads: leads credited to ambassadors by the default model. The title compares the latest complete week with the mean of up to four complete weeks before it; a latest week the data cover only some days of is left out of the comparison.',
            da: 'Sessioner: Google Analytics 4-sessioner, der kom via en ambassadørs sporede link. Krediterede leads: leads krediteret ambassadørerne efter standardmodellen. Titlen sammenligner den seneste hele uge med gennemsnittet af op til fire hele uger før den; en seneste uge, som dataene kun dækker nogle dage af, er udeladt af sammenligningen.',
          })} ${source(format, 'marts.program_weekly')}`,
        }
      : leftOut(
          t({ en: 'Weekly traffic', da: 'Ugentlig trafik' }),
          { en: 'no week has ambassadors enrolled yet', da: 'ingen uge har tilmeldte ambassadører endnu' },
          format,
        ),
    marts.programWeekly.length > 0
      ? {
          name: 'weekly-activity',
          spec: weeklyActivityChart(marts.programWeekly, chartOptions),
          narrative: weeklyActivitySentence(weeklyActivityFacts(marts.programWeekly), format),
          definition: `${t({
            en: 'Posts: shares by ambassadors on LinkedIn and Facebook, counted in the ISO week (Monday to Sunday) they were posted. Enrolled: on the roster at the week’s end. Active ambassador: enrolled, and posted at least once that week.',
            da: 'Opslag: delinger fra ambassadører på LinkedIn og Facebook, talt i den ISO-uge (mandag til søndag), de blev delt. Tilmeldt: på listen ved ugens slutning. Aktiv ambassadør: tilmeldt og delte mindst én gang den uge.',
          })} ${source(format, 'marts.program_weekly')}`,
        }
      : leftOut(
          t({ en: 'Weekly activity', da: 'Ugentlig aktivitet' }),
          { en: 'no ambassador has a week in the program yet', da: 'ingen ambassadør har en uge i programmet endnu' },
          format,
        ),
  ];

  const figures = marts.figures;
  const activity = headlineSentence(
    {
      periodStart: figure(figures, 'posts').periodStart ?? new Date(0),
      ambassadorsEnrolled: figureNumber(figures, 'ambassadors_enrolled'),
      ambassadorsActive: figureNumber(figures, 'ambassadors_active'),
      posts: figureNumber(figures, 'posts'),
      sessions: figureNumber(figures, 'sessions_from_links'),
      leads: figureNumber(figures, 'leads_credited'),
      allLeads: figureNumber(figures, 'leads_total'),
    },
    format,
  );
  const emvNote = emvRateChangesNote(marts.emvRateChanges ?? [], format);
  const roiHeadline = figure(figures, 'roi').periodStart ? roiHeadlineSentence(figures, format) : '';
  const period = figure(figures, 'posts');
  return {
    ...base,
    period: period.periodStart && period.periodEnd ? format.dateRange(period.periodStart, period.periodEnd) : '',
    headline: roiHeadline ? `${roiHeadline} ${activity}` : activity,
    hasData: true,
    kpis: [
      ...roiKpis(
        figures,
        roiPeriods(roiRows).filter((row) => row.model === model),
        format,
      ),
      ...leadershipKpis(figures, format),
    ],
    charts: await renderCharts(drafts, options.images),
    // Without the value chart, the cost breakdown stands on its own after the charts.
    ...(costTable && !waterfall ? { tables: [costTable] } : {}),
    notes: [...(emvNote ? [emvNote] : []), ...draftNotes(drafts)],
  };
}

/** Both sources were anonymised before (their ids are codes): the name becomes the code's pseudonym too. */
function anonymiseLeaders<T extends { ambassador_id: string; name: string }>(
  rows: readonly T[],
  anonymiser: ReturnType<typeof pageContext>['anonymiser'],
): T[] {
  if (!anonymiser.enabled) return [...rows];
  return rows.map((row) => ({ ...row, name: anonymiser.label(row.ambassador_id) }));
}

/** `Program to date, DKK 1,2m of value against DKK 500,000 of cost: an ROI of 140% (90% interval …).` */
export function roiHeadlineSentence(figures: Figures, format: Format): string {
  const interval = { roi: figure(figures, 'roi').value, low: figure(figures, 'roi_low').value, high: figure(figures, 'roi_high').value };
  const value = figureText(figure(figures, 'value_total'), format);
  const cost = figureText(figure(figures, 'cost_total'), format);
  const main = format.t({
    en: `Program to date, ${value} of value against ${cost} of cost: an ROI of ${roiWithInterval(interval, format)}.`,
    da: `For programmet til dato ${value} i værdi mod ${cost} i omkostninger: en ROI på ${roiWithInterval(interval, format)}.`,
  });
  const zero = crossesZeroSentence(interval, format);
  return zero ? `${main} ${zero}` : main;
}

/** The ROI tiles: value, cost and ROI to date with its interval (the metrics layer's figures), and the last month against the one before. */
export function roiKpis(figures: Figures, periods: readonly RoiPeriod[], format: Format): Kpi[] {
  const months = periods.filter((period) => period.kind === 'month' && period.roi !== null).sort((a, b) => a.start.localeCompare(b.start));
  const last = months[months.length - 1];
  const previous = months[months.length - 2];
  const t = format.t;
  const tiles: Kpi[] = [];
  const roi = figure(figures, 'roi');
  if (roi.periodStart) {
    const low = figure(figures, 'roi_low');
    const high = figure(figures, 'roi_high');
    const toDate = { en: 'program to date', da: 'programmet til dato' };
    tiles.push(
      {
        label: `${figureLabel(figures, 'value_total', format)}, ${t(toDate)}`,
        value: figureText(figure(figures, 'value_total'), format),
        note: t({ en: 'EMV and credited outcomes', da: 'EMV og krediterede resultater' }),
      },
      {
        label: `${figureLabel(figures, 'cost_total', format)}, ${t(toDate)}`,
        value: figureText(figure(figures, 'cost_total'), format),
        note: t({ en: 'cost lines and people’s time', da: 'omkostningslinjer og tidsforbrug' }),
      },
      {
        label: `${figureLabel(figures, 'roi', format)}, ${t(toDate)}`,
        value: figureText(roi, format),
        note:
          low.value !== null && high.value !== null
            ? t({
                en: `90% interval ${figureText(low, format)} to ${figureText(high, format)}`,
                da: `90 %-interval ${figureText(low, format)} til ${figureText(high, format)}`,
              })
            : roi.value !== null
              ? t({ en: 'no interval: too few ambassadors to estimate one', da: 'intet interval: for få ambassadører til at beregne et' })
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

/** `12% of all 65,724 sessions`, or the note when there is no whole. */
function shareNote(figures: Figures, format: Format, partId: string, wholeId: string, of: { en: string; da: string }): string {
  const part = figureNumber(figures, partId);
  const whole = figureNumber(figures, wholeId);
  const wholeText = figureText(figure(figures, wholeId), format);
  return whole > 0
    ? format.t({ en: `${format.percent(part / whole)} of all ${wholeText} ${of.en}`, da: `${format.percent(part / whole)} af alle ${wholeText} ${of.da}` })
    : format.t({ en: `no ${of.en} recorded`, da: `ingen ${of.da} registreret` });
}

/** The first screen's activity tiles: the metrics layer's figures. */
export function leadershipKpis(figures: Figures, format: Format): Kpi[] {
  const enrolled = figureNumber(figures, 'ambassadors_enrolled');
  const active = figureNumber(figures, 'ambassadors_active');
  const impressions = figure(figures, 'impressions');
  const conversions = figure(figures, 'conversions_credited');
  const t = format.t;
  return [
    {
      label: figureLabel(figures, 'ambassadors_active', format),
      value: t({
        en: `${figureText(figure(figures, 'ambassadors_active'), format)} of ${figureText(figure(figures, 'ambassadors_enrolled'), format)}`,
        da: `${figureText(figure(figures, 'ambassadors_active'), format)} af ${figureText(figure(figures, 'ambassadors_enrolled'), format)}`,
      }),
      note:
        enrolled > 0
          ? t({ en: `${format.percent(active / enrolled)} participation`, da: `${format.percent(active / enrolled)} deltagelse` })
          : t({ en: 'nobody enrolled yet', da: 'ingen tilmeldt endnu' }),
    },
    {
      label: figureLabel(figures, 'posts', format),
      value: figureText(figure(figures, 'posts'), format),
      note: t({ en: 'shared on LinkedIn and Facebook', da: 'delt på LinkedIn og Facebook' }),
    },
    {
      label: figureLabel(figures, 'impressions', format),
      value: figureText(impressions, format),
      note:
        impressions.value === null
          ? t({ en: 'not reported by the platforms', da: 'ikke opgjort af platformene' })
          : t({ en: 'as the platforms report them', da: 'som platformene opgør dem' }),
    },
    {
      label: figureLabel(figures, 'sessions_from_links', format),
      value: figureText(figure(figures, 'sessions_from_links'), format),
      note: shareNote(figures, format, 'sessions_from_links', 'sessions_total', { en: 'tracked sessions', da: 'sporede sessioner' }),
    },
    {
      label: figureLabel(figures, 'leads_credited', format),
      value: figureText(figure(figures, 'leads_credited'), format),
      note: shareNote(figures, format, 'leads_credited', 'leads_total', { en: 'leads', da: 'leads' }),
    },
    {
      label: figureLabel(figures, 'applications_credited', format),
      value: figureText(figure(figures, 'applications_credited'), format),
      note: shareNote(figures, format, 'applications_credited', 'applications_total', { en: 'applications', da: 'ansøgninger' }),
    },
    {
      label: figureLabel(figures, 'hires_credited', format),
      value: figureText(figure(figures, 'hires_credited'), format),
      note: t({
        en: `and ${figureText(conversions, format)} ${conversions.value === 1 ? 'conversion' : 'conversions'} credited`,
        da: `og ${figureText(conversions, format)} ${conversions.value === 1 ? 'konvertering' : 'konverteringer'} krediteret`,
      }),
    },
    {
      label: figureLabel(figures, 'value_outcomes', format),
      value: figureText(figure(figures, 'value_outcomes'), format),
      note: t({
        en: 'leads, conversions, applications and hires at their value (default model)',
        da: 'leads, konverteringer, ansøgninger og ansættelser til deres værdi (standardmodel)',
      }),
    },
  ];
}
