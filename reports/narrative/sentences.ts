/**
 * Narrative: numbers in, one sentence out, in English or Danish (`format.language`) (chart titles that state the finding,
 * a sentence under each chart, and the report's headline). Pure functions of their
 * facts and a `Format`, so every figure in the text is traceable to the mart rows the
 * facts were computed from, and the locale only changes how numbers are written.
 * Names (ambassadors, cohorts, goals) are returned as given: escaping is the renderer's job.
 */
import { compareText, type Format } from '../format.ts';
import type { GoalStatus } from '../marts.ts';
import { change, counted, list, NOUNS, share, times } from './words.ts';

// ---------- helpers (shared with the other narrative modules: words.ts)

// ---------- headline

/** The program over the report period (from `marts.program_summary`). */
export interface HeadlineFacts {
  periodStart: Date | string;
  ambassadorsEnrolled: number;
  ambassadorsActive: number;
  posts: number;
  /** Sessions through ambassadors' links. */
  sessions: number;
  /** Leads credited to ambassadors. */
  leads: number;
  allLeads: number;
}

/**
 * `Since 1 May 2026, 52 of 60 ambassadors posted 1,204 times; their links brought 9,870
 * sessions and 143 leads, 38% of all leads.`
 */
export function headlineSentence(facts: HeadlineFacts, format: Format): string {
  if (format.language === 'da') {
    const leadShare = share(facts.leads, facts.allLeads);
    const leads =
      facts.leads > 0
        ? `${counted(format, facts.leads, NOUNS.lead)}${leadShare === null ? '' : `, ${format.percent(leadShare)} af alle leads`}`
        : 'endnu ingen leads';
    return (
      `Siden ${format.date(facts.periodStart)} har ${format.integer(facts.ambassadorsActive)} af ${counted(format, facts.ambassadorsEnrolled, NOUNS.ambassador)} ` +
      `delt ${times(format, facts.posts)}; deres links gav ${counted(format, facts.sessions, NOUNS.session)} og ${leads}.`
    );
  }
  const who = `${format.integer(facts.ambassadorsActive)} of ${counted(format, facts.ambassadorsEnrolled, 'ambassador')}`;
  const leadShare = share(facts.leads, facts.allLeads);
  const leads =
    facts.leads > 0 ? `${counted(format, facts.leads, 'lead')}${leadShare === null ? '' : `, ${format.percent(leadShare)} of all leads`}` : 'no leads yet';
  return (
    `Since ${format.date(facts.periodStart)}, ${who} posted ${times(format, facts.posts)}; ` +
    `their links brought ${counted(format, facts.sessions, 'session')} and ${leads}.`
  );
}

/** The headline of a report built before any data has arrived. */
export function noDataSentence(companyName: string, format?: Format): string {
  if (format?.language === 'da') {
    return (
      `Der er endnu ingen data for ${companyName}: lageret har ingen ambassadøraktivitet, ` +
      `så rapporten har intet at vise. Indlæs programmets eksporter, byg modellerne, og kør rapporten igen.`
    );
  }
  return (
    `There is no data yet for ${companyName}: the warehouse holds no ambassador activity, ` +
    `so this report has nothing to show. Load the program’s exports and build the models, then run the report again.`
  );
}

// ---------- weekly activity

/** Posting activity per ISO week (from `marts.program_weekly`). */
export interface WeeklyActivityFacts {
  weeks: number;
  posts: number;
  /** Mean active ambassadors per week. */
  averageActive: number;
  peakWeek: string | null;
  peakPosts: number;
  latestWeek: string | null;
  latestPosts: number;
  latestActive: number;
  /** Ambassadors enrolled at the latest week's end (`marts.participation_weekly`'s definition). */
  latestEnrolled: number;
}

/** `Ambassadors posted 1,204 times in 10 weeks; 9 of 12 were active in 2026-W19` */
export function weeklyActivityTitle(facts: WeeklyActivityFacts, format: Format): string {
  if (format.language === 'da') {
    if (facts.latestWeek === null || facts.posts === 0) return 'Ingen opslag fra ambassadører endnu';
    return (
      `Ambassadørerne delte ${times(format, facts.posts)} på ${counted(format, facts.weeks, NOUNS.week)}; ` +
      `${format.integer(facts.latestActive)} af ${format.integer(facts.latestEnrolled)} var aktive i ${facts.latestWeek}`
    );
  }
  if (facts.latestWeek === null || facts.posts === 0) return 'No posts by ambassadors yet';
  return (
    `Ambassadors posted ${times(format, facts.posts)} in ${counted(format, facts.weeks, 'week')}; ` +
    `${format.integer(facts.latestActive)} of ${format.integer(facts.latestEnrolled)} were active in ${facts.latestWeek}`
  );
}

/**
 * `Over 10 weeks, ambassadors posted 1,204 times, 120.4 a week on average, with a peak of
 * 160 in 2026-W15; on average 9.5 ambassadors were active each week.`
 */
export function weeklyActivitySentence(facts: WeeklyActivityFacts, format: Format): string {
  if (format.language === 'da') {
    if (facts.latestWeek === null || facts.weeks === 0) return 'Ingen ambassadør har delt endnu, så der er ingen ugentlig aktivitet at vise.';
    const peak = facts.peakWeek === null ? '' : `, med en top på ${format.count(facts.peakPosts)} i ${facts.peakWeek}`;
    return (
      `På ${counted(format, facts.weeks, NOUNS.week)} delte ambassadørerne ${times(format, facts.posts)}, ` +
      `${format.decimal(facts.posts / facts.weeks)} om ugen i gennemsnit${peak}; i gennemsnit var ${format.decimal(facts.averageActive)} ` +
      `${facts.averageActive === 1 ? 'ambassadør' : 'ambassadører'} aktive hver uge.`
    );
  }
  if (facts.latestWeek === null || facts.weeks === 0) return 'No ambassador has posted yet, so there is no weekly activity to show.';
  const perWeek = facts.posts / facts.weeks;
  const peak = facts.peakWeek === null ? '' : `, with a peak of ${format.count(facts.peakPosts)} in ${facts.peakWeek}`;
  return (
    `Over ${counted(format, facts.weeks, 'week')}, ambassadors posted ${times(format, facts.posts)}, ` +
    `${format.decimal(perWeek)} a week on average${peak}; on average ${format.decimal(facts.averageActive)} ` +
    `${facts.averageActive === 1 ? 'ambassador was' : 'ambassadors were'} active each week.`
  );
}

// ---------- weekly traffic

/** Sessions and credited leads per ISO week (from `marts.program_weekly`). */
export interface WeeklyTrafficFacts {
  weeks: number;
  sessions: number;
  allSessions: number;
  leads: number;
  allLeads: number;
  /** The latest complete week (the part week when there is none). */
  latestWeek: string | null;
  latestSessions: number;
  /** How many complete weeks before the latest the baseline averages (at most 4). */
  baselineWeeks: number;
  /** Mean sessions over the `baselineWeeks` weeks before the latest; null without any. */
  baselineSessions: number | null;
  /** The latest week when the data cover only some of its days: left out of the comparison. */
  partialWeek: { isoWeek: string; days: number } | null;
}

/** `; the latest week, 2026-W44, is partial (6 days)`: `week` names the week as the sentence does. */
export function partWeekNote(week: string, days: number, format: Format): string {
  return format.t({
    en: `; the latest week, ${week}, is partial (${counted(format, days, NOUNS.day)})`,
    da: `; den seneste uge, ${week}, er delvis (${counted(format, days, NOUNS.day)})`,
  });
}

/** `Ambassadors drove 412 sessions in week 2026-W41, up 18% on the 4-week average; the latest week, 2026-W42, is partial (6 days)` */
export function weeklyTrafficTitle(facts: WeeklyTrafficFacts, format: Format): string {
  const comparison = weeklyTrafficComparison(facts, format);
  return facts.latestWeek !== null && facts.partialWeek
    ? `${comparison}${partWeekNote(facts.partialWeek.isoWeek, facts.partialWeek.days, format)}`
    : comparison;
}

function weeklyTrafficComparison(facts: WeeklyTrafficFacts, format: Format): string {
  if (format.language === 'da') {
    if (facts.latestWeek === null) return 'Ingen trafik fra ambassadørernes links endnu';
    const base = `Ambassadørerne gav ${counted(format, facts.latestSessions, NOUNS.session)} i uge ${facts.latestWeek}`;
    if (facts.baselineSessions === null || facts.baselineSessions === 0) return base;
    const baseline = facts.baselineWeeks === 1 ? 'ugen før' : `gennemsnittet af de ${facts.baselineWeeks} uger før`;
    return `${base}, ${change(format, facts.latestSessions / facts.baselineSessions - 1)} ${baseline}`;
  }
  if (facts.latestWeek === null) return 'No traffic from ambassadors’ links yet';
  const base = `Ambassadors drove ${counted(format, facts.latestSessions, 'session')} in week ${facts.latestWeek}`;
  if (facts.baselineSessions === null || facts.baselineSessions === 0) return base;
  const ratio = facts.latestSessions / facts.baselineSessions - 1;
  const baseline = facts.baselineWeeks === 1 ? 'the week before' : `the ${facts.baselineWeeks}-week average`;
  return `${base}, ${change(format, ratio)} ${baseline}`;
}

/**
 * `Over 10 weeks, ambassadors' links brought 9,870 sessions, 12% of all tracked sessions,
 * and 143 credited leads, 38% of all leads.`
 */
export function weeklyTrafficSentence(facts: WeeklyTrafficFacts, format: Format): string {
  if (format.language === 'da') {
    if (facts.latestWeek === null) return 'Der er endnu ikke kommet sessioner gennem ambassadørernes links.';
    const sessionShare = share(facts.sessions, facts.allSessions);
    const leadShare = share(facts.leads, facts.allLeads);
    return (
      `På ${counted(format, facts.weeks, NOUNS.week)} gav ambassadørernes links ${counted(format, facts.sessions, NOUNS.session)}` +
      `${sessionShare === null ? '' : `, ${format.percent(sessionShare)} af alle sporede sessioner,`} ` +
      `og ${counted(format, facts.leads, NOUNS.creditedLead)}${leadShare === null ? '' : `, ${format.percent(leadShare)} af alle leads`}.`
    );
  }
  if (facts.latestWeek === null) return 'No sessions have come through ambassadors’ links yet.';
  const sessionShare = share(facts.sessions, facts.allSessions);
  const leadShare = share(facts.leads, facts.allLeads);
  return (
    `Over ${counted(format, facts.weeks, 'week')}, ambassadors’ links brought ${counted(format, facts.sessions, 'session')}` +
    `${sessionShare === null ? '' : `, ${format.percent(sessionShare)} of all tracked sessions,`} ` +
    `and ${counted(format, facts.leads, 'credited lead')}${leadShare === null ? '' : `, ${format.percent(leadShare)} of all leads`}.`
  );
}

// ---------- top ambassadors

/** Credited outcomes per ambassador (from `marts.ambassador_totals`). */
export interface TopAmbassadorsFacts {
  ambassadors: number;
  ambassadorsWithOutcomes: number;
  /** Outcomes credited to any ambassador. */
  outcomes: number;
  /** How many ambassadors the chart shows (at most 10). */
  shown: number;
  /** Outcomes credited to the ambassadors shown. */
  shownOutcomes: number;
  /** Outcomes credited to the three ambassadors with the most. */
  topThreeOutcomes: number;
  leader: { name: string; outcomes: number } | null;
}

/** `Mette Østergaard led with 14 credited outcomes; the top 10 earned 78% of all 120` */
export function topAmbassadorsTitle(facts: TopAmbassadorsFacts, format: Format): string {
  if (format.language === 'da') {
    if (facts.leader === null || facts.outcomes === 0) return 'Endnu ingen resultater krediteret ambassadører';
    if (facts.shown >= facts.ambassadorsWithOutcomes) {
      return `${facts.leader.name} førte med ${format.count(facts.leader.outcomes)} af de ${counted(format, facts.outcomes, NOUNS.creditedOutcome)}`;
    }
    return (
      `${facts.leader.name} førte med ${counted(format, facts.leader.outcomes, NOUNS.creditedOutcome)}; ` +
      `top ${facts.shown} stod for ${format.percent(facts.shownOutcomes / facts.outcomes)} af alle ${format.count(facts.outcomes)}`
    );
  }
  if (facts.leader === null || facts.outcomes === 0) return 'No outcomes credited to ambassadors yet';
  if (facts.shown >= facts.ambassadorsWithOutcomes) {
    return `${facts.leader.name} led with ${format.count(facts.leader.outcomes)} of the ${counted(format, facts.outcomes, 'credited outcome')}`;
  }
  return (
    `${facts.leader.name} led with ${counted(format, facts.leader.outcomes, 'credited outcome')}; ` +
    `the top ${facts.shown} earned ${format.percent(facts.shownOutcomes / facts.outcomes)} of all ${format.count(facts.outcomes)}`
  );
}

/**
 * `9 of 12 ambassadors have at least one credited outcome; the top 3 account for 55% of
 * the 120 outcomes credited to ambassadors.`
 */
export function topAmbassadorsSentence(facts: TopAmbassadorsFacts, format: Format): string {
  if (format.language === 'da') {
    if (facts.outcomes === 0) return 'Endnu er intet lead, ingen ansøgning, konvertering eller ansættelse krediteret en ambassadør.';
    const who = `${format.integer(facts.ambassadorsWithOutcomes)} af ${counted(format, facts.ambassadors, NOUNS.ambassador)} har mindst ét krediteret resultat`;
    if (facts.ambassadorsWithOutcomes <= 3) return `${who}, ${format.count(facts.outcomes)} i alt.`;
    return (
      `${who}; top 3 står for ${format.percent(facts.topThreeOutcomes / facts.outcomes)} ` +
      `af de ${counted(format, facts.outcomes, NOUNS.outcome)}, der er krediteret ambassadører.`
    );
  }
  if (facts.outcomes === 0) return 'No lead, application, conversion or hire has been credited to an ambassador yet.';
  const who =
    `${format.integer(facts.ambassadorsWithOutcomes)} of ${counted(format, facts.ambassadors, 'ambassador')} ` +
    `${facts.ambassadorsWithOutcomes === 1 ? 'has' : 'have'} at least one credited outcome`;
  if (facts.ambassadorsWithOutcomes <= 3) return `${who}, ${format.count(facts.outcomes)} in all.`;
  return (
    `${who}; the top 3 account for ${format.percent(facts.topThreeOutcomes / facts.outcomes)} ` +
    `of the ${counted(format, facts.outcomes, 'outcome')} credited to ambassadors.`
  );
}

// ---------- goal progress

export interface GoalFact {
  name: string;
  status: GoalStatus;
  /** Cumulative actual on the last day with data. */
  actual: number;
  /** The linear pace on that day. */
  pace: number;
  target: number;
  /** The forecast of the actual at the period's end, when the mart has one. */
  forecast?: number | null;
}

/** Each goal as of its last day with data (from `marts.goal_progress`). */
export interface GoalProgressFacts {
  goals: GoalFact[];
}

/** Actual as a share of pace; null when the pace is still 0. */
function ofPace(goal: GoalFact): number | null {
  return goal.pace > 0 ? goal.actual / goal.pace : null;
}

/** The goal furthest behind its pace, among those not on track. */
function furthestBehind(goals: readonly GoalFact[]): GoalFact | undefined {
  return goals.filter((goal) => goal.status !== 'on_track').sort((a, b) => (ofPace(a) ?? Infinity) - (ofPace(b) ?? Infinity) || compareText(a.name, b.name))[0];
}

function statusCounts(goals: readonly GoalFact[]): Record<GoalStatus, number> {
  const counts: Record<GoalStatus, number> = { on_track: 0, at_risk: 0, off_track: 0, no_data: 0 };
  for (const goal of goals) counts[goal.status] += 1;
  return counts;
}

/** `2 of 4 goals are on track; Kvalificerede ansøgninger is off track at 41% of its pace` */
export function goalProgressTitle(facts: GoalProgressFacts, format: Format): string {
  const total = facts.goals.length;
  const counts = statusCounts(facts.goals);
  if (format.language === 'da') {
    if (total === 0) return 'Endnu ingen mål med fremdrift';
    if (counts.on_track === total) return total === 1 ? 'Målet er på sporet' : `Alle ${total} mål er på sporet`;
    const onTrack = total === 1 ? 'Målet er ikke på sporet' : `${counts.on_track} af ${total} mål er på sporet`;
    const behind = furthestBehind(facts.goals);
    if (!behind) return onTrack;
    const pace = ofPace(behind);
    return `${onTrack}; ${behind.name} er ${statusWords(behind.status, format)}${pace === null ? '' : ` med ${format.percent(pace)} af tempoet`}`;
  }
  if (total === 0) return 'No goals with progress yet';
  if (counts.on_track === total) return total === 1 ? 'The goal is on track' : `All ${total} goals are on track`;
  const onTrack = total === 1 ? 'The goal is not on track' : `${counts.on_track} of ${total} goals ${counts.on_track === 1 ? 'is' : 'are'} on track`;
  const behind = furthestBehind(facts.goals);
  if (!behind) return onTrack;
  const pace = ofPace(behind);
  return `${onTrack}; ${behind.name} is ${statusWords(behind.status)}${pace === null ? '' : ` at ${format.percent(pace)} of its pace`}`;
}

/**
 * `Of 4 goals, 2 are on track, 1 is at risk and 1 is off track; Kvalificerede ansøgninger
 * is furthest behind, with 20 against a pace of 49 towards 120.`
 */
export function goalProgressSentence(facts: GoalProgressFacts, format: Format): string {
  const total = facts.goals.length;
  const counts = statusCounts(facts.goals);
  if (format.language === 'da') {
    if (total === 0) return 'Der er endnu ikke sat mål, eller intet mål har nået sin første dag.';
    const parts = (['on_track', 'at_risk', 'off_track', 'no_data'] as const)
      .filter((status) => counts[status] > 0)
      .map((status) => `${format.integer(counts[status])} ${statusWords(status, format)}`);
    const summary = `Af ${counted(format, total, NOUNS.goal)} er ${list(parts, format)}`;
    const behind = furthestBehind(facts.goals);
    if (!behind) return `${summary}.`;
    const forecast = typeof behind.forecast === 'number' ? `; prognosen for periodens slutning er ${format.count(behind.forecast)}` : '';
    return (
      `${summary}; ${behind.name} er længst bagud, med ${format.count(behind.actual)} mod et tempo på ` +
      `${format.count(behind.pace)} hen imod ${format.count(behind.target)}${forecast}.`
    );
  }
  if (total === 0) return 'No goals have been set yet, or none has reached its first day.';
  const parts = (['on_track', 'at_risk', 'off_track', 'no_data'] as const)
    .filter((status) => counts[status] > 0)
    .map((status) => `${format.integer(counts[status])} ${counts[status] === 1 ? 'is' : 'are'} ${statusWords(status)}`);
  const summary = `Of ${counted(format, total, 'goal')}, ${list(parts)}`;
  const behind = furthestBehind(facts.goals);
  if (!behind) return `${summary}.`;
  const forecast = typeof behind.forecast === 'number' ? `; its forecast for the period’s end is ${format.count(behind.forecast)}` : '';
  return (
    `${summary}; ${behind.name} is furthest behind, with ${format.count(behind.actual)} against a pace of ` +
    `${format.count(behind.pace)} towards ${format.count(behind.target)}${forecast}.`
  );
}

/** `on track`, `at risk`, `off track`, `without data`; `på sporet`, `i fare`, `bagud`, `uden data`. */
export function statusWords(status: GoalStatus, format?: Pick<Format, 'language'>): string {
  if (format?.language === 'da') return { on_track: 'på sporet', at_risk: 'i fare', off_track: 'bagud', no_data: 'uden data' }[status];
  if (status === 'no_data') return 'without data';
  return status.replace('_', ' ');
}

// ---------- cohort activity

/** Per cohort (from `marts.cohort_activity`): each ambassador's posts per active week, then the mean and median over the cohort's ambassadors. */
export interface CohortActivityFacts {
  weeks: number;
  /** Sorted from the highest to the lowest mean. */
  cohorts: { cohort: string; ambassadors: number; meanPostsPerActiveWeek: number; medianPostsPerActiveWeek: number }[];
}

/** `Bølge 2 posted most: 2.17 posts per active week per ambassador, against 1.20 for Bølge 3` */
export function cohortActivityTitle(facts: CohortActivityFacts, format: Format): string {
  const first = facts.cohorts[0];
  const last = facts.cohorts[facts.cohorts.length - 1];
  if (format.language === 'da') {
    if (!first || !last) return 'Ingen kohorte har delt endnu';
    const rate = `${format.decimal(first.meanPostsPerActiveWeek, 2)} opslag pr. aktiv uge pr. ambassadør`;
    if (first === last) return `${first.cohort} delte ${rate}`;
    return `${first.cohort} delte mest: ${rate}, mod ${format.decimal(last.meanPostsPerActiveWeek, 2)} for ${last.cohort}`;
  }
  if (!first || !last) return 'No cohort has posted yet';
  const rate = `${format.decimal(first.meanPostsPerActiveWeek, 2)} posts per active week per ambassador`;
  if (first === last) return `${first.cohort} posted ${rate}`;
  return `${first.cohort} posted most: ${rate}, against ${format.decimal(last.meanPostsPerActiveWeek, 2)} for ${last.cohort}`;
}

/**
 * `Over 10 weeks, an ambassador posted 2.17 times per active week on average in Bølge 2
 * (median 2.00, 12 ambassadors), 2.14 in Pilot (median 1.50, 8) and 1.20 in Bølge 3
 * (median 1.00, 5); each ambassador's posts are divided by the weeks they posted in, then
 * averaged over the cohort's ambassadors.`
 */
export function cohortActivitySentence(facts: CohortActivityFacts, format: Format): string {
  const two = (value: number) => format.decimal(value, 2);
  if (format.language === 'da') {
    if (facts.cohorts.length === 0) return 'Ingen kohorte har delt endnu.';
    const rates = facts.cohorts.map((cohort, index) =>
      index === 0
        ? `${two(cohort.meanPostsPerActiveWeek)} gange pr. aktiv uge i gennemsnit i ${cohort.cohort} (median ${two(cohort.medianPostsPerActiveWeek)}, ${counted(format, cohort.ambassadors, NOUNS.ambassador)})`
        : `${two(cohort.meanPostsPerActiveWeek)} i ${cohort.cohort} (median ${two(cohort.medianPostsPerActiveWeek)}, ${format.integer(cohort.ambassadors)})`,
    );
    return (
      `Over ${counted(format, facts.weeks, NOUNS.week)} delte en ambassadør ${list(rates, format)}; ` +
      `hver ambassadørs opslag deles med de uger, vedkommende delte i, og gennemsnittet tages over kohortens ambassadører.`
    );
  }
  if (facts.cohorts.length === 0) return 'No cohort has posted yet.';
  const rates = facts.cohorts.map((cohort, index) =>
    index === 0
      ? `${two(cohort.meanPostsPerActiveWeek)} times per active week on average in ${cohort.cohort} (median ${two(cohort.medianPostsPerActiveWeek)}, ${counted(format, cohort.ambassadors, 'ambassador')})`
      : `${two(cohort.meanPostsPerActiveWeek)} in ${cohort.cohort} (median ${two(cohort.medianPostsPerActiveWeek)}, ${format.integer(cohort.ambassadors)})`,
  );
  return (
    `Over ${counted(format, facts.weeks, 'week')}, an ambassador posted ${list(rates)}; ` +
    `each ambassador’s posts are divided by the weeks they posted in, then averaged over the cohort’s ambassadors.`
  );
}
