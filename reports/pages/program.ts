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
import {
  martNote,
  martReads,
  type AmbassadorTotalsRow,
  type AmbassadorWeeklyRow,
  type CohortComparisonRow,
  type ContentPerformanceByTypeRow,
  type ContentPerformanceRow,
  type DisclosureAuditRow,
  type DisclosureFollowupRow,
  type LeaderboardRow,
  type MartName,
  type MartReads,
  type MartRow,
  type NudgeRow,
  type ProgramSummaryRow,
  type ProgramWeeklyRow,
} from '../marts.ts';
import { glossary } from '../narrative/glossary.ts';
import {
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
  ambassadorWeekly: AmbassadorWeeklyRow[];
  ambassadorTotals: AmbassadorTotalsRow[];
  cohortComparison: CohortComparisonRow[];
  leaderboard: LeaderboardRow[];
  contentPerformance: ContentPerformanceRow[];
  contentByType: ContentPerformanceByTypeRow[];
  disclosureAudit: DisclosureAuditRow[];
  disclosureFollowup: DisclosureFollowupRow[];
  nudges: NudgeRow[];
  /** `marts.participation_weekly` and `marts.training_effect` as they come (null: not built). */
  participationWeekly: Record<string, unknown>[] | null;
  trainingEffect: Record<string, unknown>[] | null;
  /** Notes from reading: marts missing or built without the columns the report reads. */
  readNotes: string[];
}

export async function readProgramMarts(reads: MartReads): Promise<ProgramMarts> {
  const readNotes: string[] = [];
  const read = async <N extends MartName>(name: N): Promise<MartRow<N>[]> => {
    const result = await reads.checked(name);
    if (result.status === 'incompatible') readNotes.push(martNote(name, result) ?? '');
    return result.rows;
  };
  return {
    summary: (await read('program_summary'))[0],
    programWeekly: await read('program_weekly'),
    ambassadorWeekly: await read('ambassador_weekly'),
    ambassadorTotals: await read('ambassador_totals'),
    cohortComparison: await read('cohort_comparison'),
    leaderboard: await read('leaderboard'),
    contentPerformance: await read('content_performance'),
    contentByType: await read('content_performance_by_type'),
    disclosureAudit: await read('disclosure_audit'),
    disclosureFollowup: await read('disclosure_followup'),
    nudges: await read('nudges'),
    participationWeekly: await reads.loose('participation_weekly'),
    trainingEffect: await reads.loose('training_effect'),
    readNotes,
  };
}

export async function buildProgramPage(warehouse: Warehouse, options: PageOptions): Promise<ReportPage> {
  return programPage(await readProgramMarts(martReads(warehouse)), options);
}

export async function programPage(input: ProgramMarts, options: PageOptions): Promise<ReportPage> {
  const { language, format, chartOptions, anonymiser } = pageContext(options, input.summary?.currency);
  const t = format.t;
  const marts: ProgramMarts = {
    ...input,
    ambassadorWeekly: anonymiser.rows(input.ambassadorWeekly),
    ambassadorTotals: anonymiser.rows(input.ambassadorTotals),
    leaderboard: anonymiser.rows(input.leaderboard),
    disclosureAudit: anonymiser.rows(input.disclosureAudit),
    disclosureFollowup: anonymiser.rows(input.disclosureFollowup),
    nudges: anonymiser.rows(input.nudges),
  };
  const participation = participationData(marts.participationWeekly, marts.programWeekly);
  const training = trainingEffectData(marts.trainingEffect);
  const standings = leaderboardStandings(marts.leaderboard);
  const names = new Map(marts.ambassadorTotals.map((row) => [row.ambassador_id, row.ambassador_name]));

  const drafts: (ChartDraft | string)[] = [
    participation
      ? {
          name: 'participation',
          spec: participationChart(participation.rows, chartOptions),
          narrative: participationSentence(participationFacts(participation.rows), format),
          definition: `${t({
            en: 'Active ambassador: enrolled and shared at least once in the week. Participation rate: active divided by enrolled at the week’s end. New and lapsed counts appear in the tooltip once marts.participation_weekly is built.',
            da: 'Aktiv ambassadør: tilmeldt og delte mindst én gang i ugen. Deltagelsesrate: aktive divideret med tilmeldte ved ugens slutning. Nye og frafaldne vises i værktøjstippet, når marts.participation_weekly er bygget.',
          })} ${source(format, participation.source)}`,
        }
      : leftOut(t({ en: 'Participation', da: 'Deltagelse' }), 'marts.program_weekly', format),
    marts.cohortComparison.length > 0
      ? {
          name: 'cohort-comparison',
          spec: cohortComparisonChart(marts.cohortComparison, chartOptions),
          narrative: cohortComparisonSentence(cohortComparisonFacts(marts.cohortComparison), format),
          definition: `${t({
            en: 'Per-ambassador rates per active week, compared between each pair of groups (cohort or wave, department, location, trained or not, leader or staff, lead’s team): difference in means with a 95% bootstrap interval, Welch’s t-test and a permutation test, corrected for multiple comparisons (Holm), and Hedges’ g. Groups under the minimum size get no verdict.',
            da: 'Rater pr. ambassadør pr. aktiv uge, sammenlignet mellem hvert par af grupper (kohorte, afdeling, lokation, trænet eller ej, leder eller medarbejder, programleders team): forskel i gennemsnit med 95 %-bootstrap-interval, Welchs t-test og en permutationstest, korrigeret for mange sammenligninger (Holm), og Hedges’ g. Grupper under minimumsstørrelsen får ingen konklusion.',
          })} ${source(format, 'marts.cohort_comparison')}`,
          table: cohortComparisonTable(marts.cohortComparison, format),
        }
      : t({
          en: 'Cohort comparisons are left out: marts.cohort_comparison does not exist yet or has no rows (run advocacy build).',
          da: 'Kohortesammenligninger er udeladt: marts.cohort_comparison findes ikke endnu eller har ingen rækker.',
        }),
    marts.ambassadorWeekly.length > 0
      ? {
          name: 'cohort-activity',
          spec: cohortActivityChart(marts.ambassadorWeekly, chartOptions),
          narrative: cohortActivitySentence(cohortActivityFacts(marts.ambassadorWeekly), format),
          definition: `${t({
            en: 'Posts per active ambassador: a cohort’s posts in a week divided by its ambassadors who posted that week; the sentence averages over all active weeks. Cohort: the wave an ambassador joined in.',
            da: 'Opslag pr. aktiv ambassadør: en kohortes opslag i en uge divideret med dens ambassadører, der delte den uge; sætningen er et gennemsnit over alle aktive uger. Kohorte: den bølge, ambassadøren kom med i.',
          })} ${source(format, 'marts.ambassador_weekly')}`,
        }
      : leftOut(t({ en: 'Posting per cohort', da: 'Opslag pr. kohorte' }), 'marts.ambassador_weekly', format),
    training
      ? {
          name: 'training-effect',
          spec: trainingEffectChart(training, chartOptions),
          narrative: trainingEffectSentence(trainingEffectFacts(training), format),
          definition: `${t({
            en: 'Difference in differences with staggered training dates: trained ambassadors before against after, against not-yet-trained ambassadors over the same weeks, with its interval; the plain before/after per ambassador where the mart gives it.',
            da: 'Forskel i forskelle med forskudte træningsdatoer: trænede ambassadører før mod efter, mod endnu ikke trænede i de samme uger, med interval; det simple før/efter pr. ambassadør, hvor marten giver det.',
          })} ${source(format, 'marts.training_effect')}`,
        }
      : t({
          en: 'The training effect is left out: marts.training_effect does not exist yet or has no estimate column (run advocacy build).',
          da: 'Træningseffekten er udeladt: marts.training_effect findes ikke endnu eller har ingen estimatkolonne.',
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
      : leftOut(t({ en: 'The leaderboard', da: 'Ranglisten' }), 'marts.leaderboard', format),
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
      : leftOut(t({ en: 'Content performance', da: 'Indholdets resultater' }), 'marts.content_performance_by_type', format),
    marts.disclosureAudit.length > 0
      ? {
          name: 'disclosure-audit',
          spec: disclosureAuditChart(marts.disclosureAudit, marts.disclosureFollowup, chartOptions),
          narrative: disclosureSentence(disclosureFacts(marts.disclosureAudit, marts.disclosureFollowup), format),
          definition: `${t({
            en: 'A post about the employer must make the employment evident (the Danish Consumer Ombudsman’s line). Compliant: on LinkedIn the headline names the employer or the post discloses it; on Facebook the post discloses it. Unknown: no text to judge.',
            da: 'Et opslag om arbejdsgiveren skal gøre ansættelsen tydelig (Forbrugerombudsmandens linje). I orden: på LinkedIn nævner overskriften arbejdsgiveren, eller opslaget oplyser det; på Facebook oplyser opslaget det. Ukendt: ingen tekst at vurdere.',
          })} ${source(format, 'marts.disclosure_audit', 'marts.disclosure_followup')}`,
          table: disclosureTable(marts.disclosureFollowup, marts.disclosureAudit, names, format),
        }
      : leftOut(t({ en: 'The disclosure audit', da: 'Gennemgangen af oplysning om ansættelse' }), 'marts.disclosure_audit', format),
  ];

  const charts = await renderCharts(drafts);
  const latest = marts.programWeekly[marts.programWeekly.length - 1];
  const disclosure = disclosureFacts(marts.disclosureAudit, marts.disclosureFollowup);
  const headline = t({
    en: `${marts.nudges.length} ${marts.nudges.length === 1 ? 'nudge' : 'nudges'} to act on this week, ${disclosure.ambassadorsToFollowUp} ${disclosure.ambassadorsToFollowUp === 1 ? 'ambassador' : 'ambassadors'} to follow up on disclosure${latest ? `, and ${latest.ambassadors_active} of ${latest.ambassadors_enrolled} ambassadors active in ${latest.iso_week}` : ''}.`,
    da: `${marts.nudges.length} ${marts.nudges.length === 1 ? 'påmindelse' : 'påmindelser'} at handle på i denne uge, ${disclosure.ambassadorsToFollowUp} ${disclosure.ambassadorsToFollowUp === 1 ? 'ambassadør' : 'ambassadører'} at følge op på oplysning om ansættelse${latest ? `, og ${latest.ambassadors_active} af ${latest.ambassadors_enrolled} ambassadører aktive i ${latest.iso_week}` : ''}.`,
  });
  return {
    lang: language,
    kind: 'program',
    links: reportLinks('program', language),
    title: `${options.companyName}: ${t({ en: 'the program lead’s report', da: 'programlederens rapport' })}`,
    period: input.summary?.period_start && input.summary.period_end ? `${format.date(isoDate(input.summary.period_start))} – ${format.date(isoDate(input.summary.period_end))}` : '',
    headline,
    hasData: charts.length > 0 || marts.nudges.length > 0,
    kpis: [],
    charts,
    tables: [nudgesTable(marts.nudges, format)],
    notes: [...marts.readNotes, ...draftNotes(drafts)],
    glossary: glossary(language),
    source: t({
      en: 'Built from the warehouse marts (each chart names its own); every mart is in extracts/ as CSV, Parquet and Arrow.',
      da: 'Bygget af lagerets marts (hvert diagram nævner sine egne); alle marts ligger i extracts/ som CSV, Parquet og Arrow.',
    }),
  };
}
