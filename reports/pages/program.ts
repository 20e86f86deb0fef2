/**
 * The program lead's report, read weekly to act: participation, cohort comparisons
 * (interval plots, "too few to compare" said as such), posting per cohort, the training
 * effect, the contest leaderboard, content performance (and what nobody has shared),
 * the disclosure audit's follow-up list, and nudges. Reads the marts only.
 */
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { cohortActivityChart, cohortActivityFacts } from '../charts/cohort-activity.ts';
import { cohortComparisonChart, cohortComparisonFacts } from '../charts/cohort-comparison.ts';
import { contentPerformanceChart, contentTypeFacts, contentTypeRows } from '../charts/content-performance.ts';
import { disclosureAuditChart, disclosureFacts } from '../charts/disclosure-audit.ts';
import { leaderboardChart, leaderboardFacts, leaderboardStandings } from '../charts/leaderboard.ts';
import { participationChart, participationFacts } from '../charts/participation.ts';
import { trainingEffectChart, trainingEffectFacts } from '../charts/training-effect.ts';
import { participationData, trainingEffectData } from '../contracts.ts';
import { isoDate } from '../format.ts';
import { TRAINING_INTERVAL_LEVEL, TRAINING_WINDOW_WEEKS } from '../../models/marts/training_effect.model.ts';
import {
  martReads,
  type AmbassadorTotalsRow,
  type CohortActivityRow,
  type CohortActivityWeeklyRow,
  type CohortComparisonRow,
  type ContentPerformanceByTypeRow,
  type ContentPerformanceRow,
  type DisclosureByPlatformRow,
  type DisclosureFollowupRow,
  type LeaderboardRow,
  type MartReads,
  type NudgeRow,
  type ParticipationWeeklyRow,
  type ProgramSummaryRow,
  type ProgramWeeklyRow,
  type TrainingEffectRow,
} from '../marts.ts';
import { glossary } from '../narrative/glossary.ts';
import {
  cohortComparisonLeftOut,
  cohortComparisonSentence,
  contentTypeSentence,
  disclosureSentence,
  leaderboardSentence,
  participationSentence,
  trainingEffectSentence,
} from '../narrative/program.ts';
import { cohortActivitySentence } from '../narrative/sentences.ts';
import type { ReportPage } from '../page.ts';
import { cohortComparisonTable, contentTable, disclosureTable, leaderboardTable, nudgesTable } from '../tables.ts';
import { draftNotes, leftOut, pageContext, renderCharts, reportLinks, source, type ChartDraft, type PageOptions } from './common.ts';

export interface ProgramMarts {
  summary: ProgramSummaryRow | undefined;
  programWeekly: ProgramWeeklyRow[];
  ambassadorTotals: AmbassadorTotalsRow[];
  cohortComparison: CohortComparisonRow[];
  cohortActivityWeekly: CohortActivityWeeklyRow[];
  cohortActivity: CohortActivityRow[];
  leaderboard: LeaderboardRow[];
  contentPerformance: ContentPerformanceRow[];
  contentByType: ContentPerformanceByTypeRow[];
  disclosureByPlatform: DisclosureByPlatformRow[];
  disclosureFollowup: DisclosureFollowupRow[];
  nudges: NudgeRow[];
  participationWeekly: ParticipationWeeklyRow[];
  trainingEffect: TrainingEffectRow[];
}

export async function readProgramMarts(reads: MartReads): Promise<ProgramMarts> {
  const { read } = reads;
  return {
    summary: (await read('program_summary'))[0],
    programWeekly: await read('program_weekly'),
    ambassadorTotals: await read('ambassador_totals'),
    cohortComparison: await read('cohort_comparison'),
    cohortActivityWeekly: await read('cohort_activity_weekly'),
    cohortActivity: await read('cohort_activity'),
    leaderboard: await read('leaderboard'),
    contentPerformance: await read('content_performance'),
    contentByType: await read('content_performance_by_type'),
    disclosureByPlatform: await read('disclosure_by_platform'),
    disclosureFollowup: await read('disclosure_followup'),
    nudges: await read('nudges'),
    participationWeekly: await read('participation_weekly'),
    trainingEffect: await read('training_effect'),
  };
}

export async function buildProgramPage(warehouse: Warehouse, options: PageOptions): Promise<ReportPage> {
  return programPage(await readProgramMarts(martReads(warehouse)), options);
}

export async function programPage(input: ProgramMarts, options: PageOptions): Promise<ReportPage> {
  const { language, format, chartOptions, anonymiser } = pageContext(options, input.summary?.currency);
  const t = format.t;
  const marts = {
    ...input,
    ambassadorTotals: anonymiser.rows(input.ambassadorTotals),
    leaderboard: anonymiser.rows(input.leaderboard),
    disclosureFollowup: anonymiser.rows(input.disclosureFollowup),
    nudges: anonymiser.rows(input.nudges),
  };
  const participation = participationData(marts.participationWeekly);
  const training = trainingEffectData(marts.trainingEffect);
  const standings = leaderboardStandings(marts.leaderboard);
  const comparisons = cohortComparisonFacts(marts.cohortComparison);

  const drafts: (ChartDraft | string)[] = [
    participation.length > 0
      ? {
          name: 'participation',
          spec: participationChart(participation, chartOptions),
          narrative: participationSentence(participationFacts(participation), format),
          definition: `${t({
            en: 'Active ambassador: enrolled and shared at least once in the week. Participation rate: active divided by enrolled at the week’s end. The tooltip adds the week’s new and lapsed ambassadors.',
            da: 'Aktiv ambassadør: tilmeldt og delte mindst én gang i ugen. Deltagelsesrate: aktive divideret med tilmeldte ved ugens slutning. Værktøjstippet viser også ugens nye og frafaldne ambassadører.',
          })} ${source(format, 'marts.participation_weekly')}`,
        }
      : leftOut(
          t({ en: 'Participation', da: 'Deltagelse' }),
          { en: 'no week has ambassadors enrolled yet', da: 'ingen uge har tilmeldte ambassadører endnu' },
          format,
        ),
    comparisons.notCompared < comparisons.comparisons
      ? {
          name: 'cohort-comparison',
          spec: cohortComparisonChart(marts.cohortComparison, chartOptions),
          narrative: cohortComparisonSentence(comparisons, format),
          definition: `${t({
            en: 'Per-ambassador rates per active week, compared between each pair of groups (cohort or wave, department, location, trained or not, leader or staff, lead’s team): difference in means with a 95% bootstrap interval, a permutation test (its p-value with its Monte-Carlo error) corrected for multiple comparisons (Holm), which alone decides a clear difference, Welch’s t-test as a second opinion, and Hedges’ g. Groups under the minimum size, or too uniform (fewer than two distinct values, or 80% or more at the lowest or highest value the metric can take), get no verdict.',
            da: 'Rater pr. ambassadør pr. aktiv uge, sammenlignet mellem hvert par af grupper (kohorte, afdeling, lokation, trænet eller ej, leder eller medarbejder, programleders team): forskel i gennemsnit med 95 %-bootstrap-interval, en permutationstest (p-værdien med dens Monte Carlo-fejl) korrigeret for mange sammenligninger (Holm), som alene afgør en tydelig forskel, Welchs t-test som supplement, og Hedges’ g. Grupper under minimumsstørrelsen, eller for ens (færre end to forskellige værdier, eller 80 % eller flere ved den laveste eller højeste værdi, målet kan have), får ingen konklusion.',
          })} ${source(format, 'marts.cohort_comparison')}`,
          table: cohortComparisonTable(marts.cohortComparison, format),
        }
      : comparisons.comparisons > 0
        ? cohortComparisonLeftOut(comparisons, format)
        : t({
            en: 'Cohort comparisons are left out: on every dimension compared (cohort, department, location, trained or not, leader or staff, lead’s team) the ambassadors form a single group, so there are no two groups to compare.',
            da: 'Kohortesammenligninger er udeladt: i hver dimension, der sammenlignes (kohorte, afdeling, lokation, trænet eller ej, leder eller medarbejder, programleders team), udgør ambassadørerne én gruppe, så der er ikke to grupper at sammenligne.',
          }),
    marts.cohortActivityWeekly.length > 0
      ? {
          name: 'cohort-activity',
          spec: cohortActivityChart(marts.cohortActivityWeekly, marts.cohortActivity, chartOptions),
          narrative: cohortActivitySentence(cohortActivityFacts(marts.cohortActivity), format),
          definition: `${t({
            en: 'Posts per active ambassador: a cohort’s posts in a week divided by its ambassadors who posted that week. The sentence compares cohorts per ambassador, never pooled: each ambassador’s posts divided by the weeks they posted in, then the mean and median over the cohort’s ambassadors. Cohort: the wave an ambassador joined in.',
            da: 'Opslag pr. aktiv ambassadør: en kohortes opslag i en uge divideret med dens ambassadører, der delte den uge. Sætningen sammenligner kohorter pr. ambassadør, aldrig samlet: hver ambassadørs opslag divideret med de uger, vedkommende delte i, derefter gennemsnit og median over kohortens ambassadører. Kohorte: den bølge, ambassadøren kom med i.',
          })} ${source(format, 'marts.cohort_activity_weekly', 'marts.cohort_activity')}`,
        }
      : leftOut(
          t({ en: 'Posting per cohort', da: 'Opslag pr. kohorte' }),
          { en: 'no ambassador has posted yet', da: 'ingen ambassadør har delt endnu' },
          format,
        ),
    training.length > 0
      ? {
          name: 'training-effect',
          spec: trainingEffectChart(training, chartOptions),
          narrative: trainingEffectSentence(trainingEffectFacts(training), format),
          definition: `${t({
            en: `Difference in differences with staggered training dates: each trained ambassador’s ${TRAINING_WINDOW_WEEKS} full weeks before the training week against the ${TRAINING_WINDOW_WEEKS} after, against ambassadors not yet trained over the same weeks, with a ${format.percent(TRAINING_INTERVAL_LEVEL)} interval over ambassadors.`,
            da: `Forskel i forskelle med forskudte træningsdatoer: hver trænet ambassadørs ${TRAINING_WINDOW_WEEKS} hele uger før træningsugen mod de ${TRAINING_WINDOW_WEEKS} efter, mod ambassadører, der endnu ikke er trænet, i de samme uger, med et ${format.percent(TRAINING_INTERVAL_LEVEL)}-interval over ambassadører.`,
          })} ${source(format, 'marts.training_effect')}`,
        }
      : t({
          en: `The training effect is left out: too few ambassadors have been trained to estimate it. It needs at least one ambassador trained with ${TRAINING_WINDOW_WEEKS} full weeks in the program before and after the training week, and one not yet trained over those weeks.`,
          da: `Træningseffekten er udeladt: for få ambassadører er blevet trænet til at beregne den. Det kræver mindst én ambassadør, der er trænet med ${TRAINING_WINDOW_WEEKS} hele uger i programmet før og efter træningsugen, og én, der endnu ikke er trænet i de uger.`,
        }),
    standings.length > 0
      ? {
          name: 'leaderboard',
          spec: leaderboardChart(marts.leaderboard, chartOptions),
          narrative: leaderboardSentence(leaderboardFacts(marts.leaderboard), format),
          definition: `${t({
            en: 'Points from the config’s scheme (per post, reaction, comment, share, click, lead, application and hire), capped per ambassador and day; ties share a rank. The current contest, else the current or latest month.',
            da: 'Point efter konfigurationens skema (pr. opslag, reaktion, kommentar, deling, klik, lead, ansøgning og ansættelse), med loft pr. ambassadør og dag; lige mange point giver samme plads. Den aktuelle konkurrence, ellers den aktuelle eller seneste måned.',
          })} ${source(format, 'marts.leaderboard')}`,
          table: leaderboardTable(standings, format),
        }
      : leftOut(
          t({ en: 'The leaderboard', da: 'Ranglisten' }),
          { en: 'no ambassador has points in the current contest or month yet', da: 'ingen ambassadør har point i den aktuelle konkurrence eller måned endnu' },
          format,
        ),
    contentTypeRows(marts.contentByType).length > 0
      ? {
          name: 'content-performance',
          spec: contentPerformanceChart(marts.contentByType, chartOptions),
          narrative: contentTypeSentence(contentTypeFacts(marts.contentByType), format),
          definition: `${t({
            en: 'Share rate: ambassadors who shared an item of the type, of those eligible to. Engagement rate: engagements divided by impressions. Outcomes: credited under the default model to visits through the shares.',
            da: 'Delingsrate: ambassadører, der delte et emne af typen, af dem, der kunne. Engagementsrate: engagementer divideret med visninger. Resultater: krediteret efter standardmodellen til besøg via delingerne.',
          })} ${source(format, 'marts.content_performance_by_type', 'marts.content_performance')}`,
          ...(marts.contentPerformance.length > 0 ? { table: contentTable(marts.contentPerformance, format) } : {}),
        }
      : leftOut(
          t({ en: 'Content performance', da: 'Indholdets resultater' }),
          { en: 'no content has been offered to ambassadors to share yet', da: 'ambassadørerne har ikke fået indhold at dele endnu' },
          format,
        ),
    marts.disclosureByPlatform.length > 0
      ? {
          name: 'disclosure-audit',
          spec: disclosureAuditChart(marts.disclosureByPlatform, marts.disclosureFollowup, chartOptions),
          narrative: disclosureSentence(disclosureFacts(marts.disclosureByPlatform, marts.disclosureFollowup), format),
          definition: `${t({
            en: 'A post about the employer must make the employment evident (the Danish Consumer Ombudsman’s line). Compliant: on LinkedIn the headline names the employer or the post discloses it; on Facebook the post discloses it. Unknown: no text to judge.',
            da: 'Et opslag om arbejdsgiveren skal gøre ansættelsen tydelig (Forbrugerombudsmandens linje). I orden: på LinkedIn nævner overskriften arbejdsgiveren, eller opslaget oplyser det; på Facebook oplyser opslaget det. Ukendt: ingen tekst at vurdere.',
          })} ${source(format, 'marts.disclosure_by_platform', 'marts.disclosure_followup')}`,
          table: disclosureTable(marts.disclosureFollowup, format),
        }
      : leftOut(
          t({ en: 'The disclosure audit', da: 'Gennemgangen af oplysning om ansættelse' }),
          { en: 'there are no ambassadors’ posts to audit yet', da: 'der er ingen opslag fra ambassadørerne at gennemgå endnu' },
          format,
        ),
  ];

  const charts = await renderCharts(drafts, options.images);
  const latest = marts.programWeekly[marts.programWeekly.length - 1];
  const disclosure = disclosureFacts(marts.disclosureByPlatform, marts.disclosureFollowup);
  const headline = t({
    en: `${marts.nudges.length} ${marts.nudges.length === 1 ? 'nudge' : 'nudges'} to act on this week, ${disclosure.ambassadorsToFollowUp} ${disclosure.ambassadorsToFollowUp === 1 ? 'ambassador' : 'ambassadors'} to follow up on disclosure${latest ? `, and ${latest.ambassadors_active} of ${latest.ambassadors_enrolled} ambassadors active in ${latest.iso_week}` : ''}.`,
    da: `${marts.nudges.length} ${marts.nudges.length === 1 ? 'påmindelse' : 'påmindelser'} at handle på i denne uge, ${disclosure.ambassadorsToFollowUp} ${disclosure.ambassadorsToFollowUp === 1 ? 'ambassadør' : 'ambassadører'} at følge op på oplysning om ansættelse${latest ? `, og ${latest.ambassadors_active} af ${latest.ambassadors_enrolled} ambassadører aktive i ${latest.iso_week}` : ''}.`,
  });
  return {
    lang: language,
    kind: 'program',
    links: reportLinks('program', language),
    title: `${options.companyName}: ${t({ en: 'the program lead’s report', da: 'programlederens rapport' })}`,
    period:
      input.summary?.period_start && input.summary.period_end
        ? `${format.date(isoDate(input.summary.period_start))} – ${format.date(isoDate(input.summary.period_end))}`
        : '',
    headline,
    hasData: charts.length > 0 || marts.nudges.length > 0,
    kpis: [],
    charts,
    tables: [nudgesTable(marts.nudges, { followup: marts.disclosureFollowup, content: marts.contentPerformance, ambassadors: marts.ambassadorTotals }, format)],
    notes: draftNotes(drafts),
    glossary: glossary(language),
    source: t({
      en: 'Built from the warehouse marts (each chart names its own); every mart is in extracts/ as CSV, Parquet and Arrow.',
      da: 'Bygget af lagerets marts (hvert diagram nævner sine egne); alle marts ligger i extracts/ som CSV, Parquet og Arrow.',
    }),
  };
}
