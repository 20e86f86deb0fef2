/**
 * Narrative for the program lead's report: participation, cohort comparisons, the
 * training effect, the leaderboard, content performance and the disclosure audit.
 * Pure functions of their facts and a `Format` (English or Danish).
 */
import type { Format } from '../format.ts';
import { groupName, METRIC_NAMES, nameOf } from '../i18n.ts';
import { partWeekNote } from './sentences.ts';
import { counted, list, NOUNS } from './words.ts';

// ---------- participation

export interface ParticipationFacts {
  /** The latest complete week (the part week when there is none). */
  latestWeek: string | null;
  latestRate: number | null;
  latestActive: number;
  latestEnrolled: number;
  /** The rate four complete weeks before the latest (or the earliest week when fewer). */
  earlierWeek: string | null;
  earlierRate: number | null;
  lapsed: number | null;
  /** The latest week when the data cover only some of its days: left out of the comparison. */
  partialWeek: { weekStart: string; days: number } | null;
}

export function participationTitle(facts: ParticipationFacts, format: Format): string {
  if (facts.latestWeek === null || facts.latestRate === null) return format.t({ en: 'No participation to show yet', da: 'Endnu ingen deltagelse at vise' });
  const base = format.t({
    en: `${format.percent(facts.latestRate)} of enrolled ambassadors were active in the week of ${format.date(facts.latestWeek)}`,
    da: `${format.percent(facts.latestRate)} af de tilmeldte ambassadører var aktive i ugen fra ${format.date(facts.latestWeek)}`,
  });
  const compared =
    facts.earlierRate === null || facts.earlierWeek === null
      ? base
      : format.t({
          en: `${base}, against ${format.percent(facts.earlierRate)} four weeks earlier`,
          da: `${base}, mod ${format.percent(facts.earlierRate)} fire uger før`,
        });
  if (!facts.partialWeek) return compared;
  const week = format.t({ en: `from ${format.date(facts.partialWeek.weekStart)}`, da: `fra ${format.date(facts.partialWeek.weekStart)}` });
  return `${compared}${partWeekNote(week, facts.partialWeek.days, format)}`;
}

export function participationSentence(facts: ParticipationFacts, format: Format): string {
  if (facts.latestWeek === null) return format.t({ en: 'No ambassador is enrolled yet.', da: 'Ingen ambassadør er tilmeldt endnu.' });
  const lapsed =
    facts.lapsed !== null && facts.lapsed > 0
      ? format.t({
          en: `; ${counted(format, facts.lapsed, NOUNS.ambassador)} lapsed that week`,
          da: `; ${counted(format, facts.lapsed, NOUNS.ambassador)} faldt fra den uge`,
        })
      : '';
  const week = facts.partialWeek
    ? format.t({ en: 'the latest complete week', da: 'den seneste hele uge' })
    : format.t({ en: 'the latest week', da: 'den seneste uge' });
  return format.t({
    en: `In ${week} ${format.integer(facts.latestActive)} of ${counted(format, facts.latestEnrolled, NOUNS.ambassador)} posted at least once${lapsed}.`,
    da: `I ${week} delte ${format.integer(facts.latestActive)} af ${counted(format, facts.latestEnrolled, NOUNS.ambassador)} mindst én gang${lapsed}.`,
  });
}

// ---------- cohort comparison

export interface CohortComparisonFacts {
  comparisons: number;
  /** Comparisons whose verdict names a higher group (a permutation test, Holm-corrected). */
  clear: number;
  /** Comparisons with a group too few or too uniform to compare. */
  notCompared: number;
  /** Comparisons tested, and so corrected together. */
  tested: number;
  /** The clearest difference (largest |Hedges' g| among the clear ones). */
  strongest: {
    metric: string;
    /** The roster dimension the groups belong to. */
    dimension: string;
    groupA: string;
    groupB: string;
    diff: number;
    low: number;
    high: number;
    p: number | null;
    /** The Monte-Carlo standard error of p. */
    pError: number | null;
    pAdjusted: number | null;
  } | null;
}

export function cohortComparisonTitle(facts: CohortComparisonFacts, format: Format): string {
  if (facts.comparisons === 0) return format.t({ en: 'No cohort comparisons yet', da: 'Endnu ingen kohortesammenligninger' });
  return format.t({
    en: `${facts.clear} of ${counted(format, facts.comparisons, NOUNS.comparison)} ${facts.clear === 1 ? 'shows' : 'show'} a clear difference; ${facts.notCompared} ${facts.notCompared === 1 ? 'is' : 'are'} too few or too uniform to compare`,
    da: `${facts.clear} af ${counted(format, facts.comparisons, NOUNS.comparison)} viser en tydelig forskel; ${facts.notCompared} har for få eller for ens værdier til at sammenligne`,
  });
}

export function cohortComparisonSentence(facts: CohortComparisonFacts, format: Format): string {
  if (facts.comparisons === 0) return format.t({ en: 'There are no groups to compare yet.', da: 'Der er endnu ingen grupper at sammenligne.' });
  const basis =
    facts.tested > 0
      ? format.t({
          en: ` A difference is clear when a permutation test finds it after the Holm correction for the ${format.integer(facts.tested)} comparisons tested; Welch’s t-test is shown as a second opinion.`,
          da: ` En forskel er tydelig, når en permutationstest finder den efter Holm-korrektion for de ${format.integer(facts.tested)} testede sammenligninger; Welchs t-test vises kun som supplement.`,
        })
      : '';
  if (!facts.strongest) {
    return format.t({
      en: `No difference between groups is clear enough to act on: no test finds one, or a group is too small or too uniform (most of its values at the lowest or highest value the metric can take).${basis}`,
      da: `Ingen forskel mellem grupper er tydelig nok at handle på: ingen test finder en, eller en gruppe er for lille eller for ensartet (de fleste værdier ved den laveste eller højeste værdi, målet kan have).${basis}`,
    });
  }
  const s = facts.strongest;
  const metric = nameOf(METRIC_NAMES, s.metric, format).toLowerCase();
  const p = s.p === null ? '' : `, p ${pWithError(s.p, s.pError, format)}`;
  const adjusted =
    s.pAdjusted === null ? '' : format.t({ en: `, Holm-adjusted ${pValue(s.pAdjusted, format)}`, da: `, Holm-korrigeret ${pValue(s.pAdjusted, format)}` });
  return format.t({
    en: `The clearest: ${groupName(s.dimension, s.groupA, format)} against ${groupName(s.dimension, s.groupB, format)} on ${metric}, a difference of ${format.decimal(s.diff, 2)} (95% interval ${format.decimal(s.low, 2)} to ${format.decimal(s.high, 2)}${p}${adjusted}).${basis}`,
    da: `Tydeligst: ${groupName(s.dimension, s.groupA, format)} mod ${groupName(s.dimension, s.groupB, format)} på ${metric}, en forskel på ${format.decimal(s.diff, 2)} (95 %-interval ${format.decimal(s.low, 2)} til ${format.decimal(s.high, 2)}${p}${adjusted}).${basis}`,
  });
}

/** Said instead of the chart and its table when every comparison has a group too small or too uniform to compare. */
export function cohortComparisonLeftOut(facts: CohortComparisonFacts, format: Format): string {
  return format.t({
    en: `Cohort comparisons are left out: in all ${counted(format, facts.comparisons, NOUNS.comparison)} between groups (cohort, department, location, trained or not, leader or staff, lead’s team) a group is below the minimum size (by default 5 ambassadors) or too uniform, so none can be compared.`,
    da: `Kohortesammenligninger er udeladt: i alle ${counted(format, facts.comparisons, NOUNS.comparison)} mellem grupper (kohorte, afdeling, lokation, trænet eller ej, leder eller medarbejder, programleders team) er en gruppe under minimumsstørrelsen (som standard 5 ambassadører) eller for ens, så ingen kan sammenlignes.`,
  });
}

/** A p-value with three significant digits at most (`0.0493`, `0.000800`). */
export function pValue(p: number, format: Format): string {
  return format.decimal(p, Math.max(3, 2 - Math.floor(Math.log10(Math.max(p, 1e-12)))));
}

/** A Monte-Carlo p-value with its standard error, to the error's second significant digit: `0.0493 ± 0.0022`. */
export function pWithError(p: number, error: number | null, format: Format): string {
  if (error === null || !(error > 0)) return pValue(p, format);
  const digits = Math.max(3, 1 - Math.floor(Math.log10(error)));
  return `${format.decimal(p, digits)} ± ${format.decimal(error, digits)}`;
}

/** The words shown where a comparison has a group under the minimum size. */
export function tooFewWords(format: Pick<Format, 'language'>): string {
  return format.language === 'da' ? 'for få til at sammenligne' : 'too few to compare';
}

/** The words shown where a group's values mostly sit at one bound of the metric. */
export function tooUniformWords(format: Pick<Format, 'language'>): string {
  return format.language === 'da' ? 'for ens til at sammenligne' : 'too uniform to compare';
}

// ---------- training effect

export interface TrainingEffectFacts {
  effects: { metric: string; estimate: number; low: number | null; high: number | null }[];
}

export function trainingEffectTitle(facts: TrainingEffectFacts, format: Format): string {
  const first = facts.effects[0];
  if (!first) return format.t({ en: 'No training effect to show yet', da: 'Endnu ingen træningseffekt at vise' });
  const metric = nameOf(METRIC_NAMES, first.metric, format).toLowerCase();
  const excludesZero = first.low !== null && first.high !== null && (first.low > 0 || first.high < 0);
  const direction = first.estimate >= 0 ? format.t({ en: 'raised', da: 'øgede' }) : format.t({ en: 'lowered', da: 'sænkede' });
  const base = format.t({
    en: `Training ${direction} ${metric} by ${format.decimal(Math.abs(first.estimate), 2)}`,
    da: `Træning ${direction} ${metric} med ${format.decimal(Math.abs(first.estimate), 2)}`,
  });
  if (first.low === null || first.high === null) return base;
  return excludesZero
    ? format.t({ en: `${base}; the interval excludes zero`, da: `${base}; intervallet udelukker nul` })
    : format.t({ en: `${base}, but the interval includes zero`, da: `${base}, men intervallet indeholder nul` });
}

export function trainingEffectSentence(facts: TrainingEffectFacts, format: Format): string {
  if (facts.effects.length === 0) return format.t({ en: 'No trainings are recorded yet.', da: 'Der er endnu ingen træninger registreret.' });
  const parts = facts.effects.slice(0, 4).map((effect) => {
    const interval = effect.low !== null && effect.high !== null ? ` [${format.decimal(effect.low, 2)}; ${format.decimal(effect.high, 2)}]` : '';
    return `${nameOf(METRIC_NAMES, effect.metric, format).toLowerCase()} ${effect.estimate >= 0 ? '+' : '−'}${format.decimal(Math.abs(effect.estimate), 2)}${interval}`;
  });
  return format.t({
    en: `Trained ambassadors after training against not-yet-trained ambassadors over the same weeks: ${parts.join('; ')}.`,
    da: `Trænede ambassadører efter træningen mod endnu ikke trænede i de samme uger: ${parts.join('; ')}.`,
  });
}

// ---------- leaderboard

export interface LeaderboardFacts {
  contest: string | null;
  leader: { name: string; points: number } | null;
  /** The first below the top rank (below every ambassador tied at the top). */
  runnerUp: { name: string; points: number } | null;
  participants: number;
  /** Everyone at the top rank: more than one when tied. */
  leaders: string[];
}

/** `Anna and Bo`, or `3 ambassadors` when more are tied (or two of the same name, as two opted out are). */
function tiedLeaders(facts: LeaderboardFacts, format: Format): string {
  const [first, second] = facts.leaders;
  return facts.leaders.length === 2 && first !== second ? list(facts.leaders, format) : counted(format, facts.leaders.length, NOUNS.ambassador);
}

export function leaderboardTitle(facts: LeaderboardFacts, format: Format): string {
  if (!facts.contest || !facts.leader) return format.t({ en: 'No leaderboard yet', da: 'Endnu ingen rangliste' });
  if (facts.leaders.length > 1) {
    return format.t({
      en: `${tiedLeaders(facts, format)} share first place in ${facts.contest} with ${counted(format, facts.leader.points, NOUNS.point)}`,
      da: `${tiedLeaders(facts, format)} deler førstepladsen i ${facts.contest} med ${counted(format, facts.leader.points, NOUNS.point)}`,
    });
  }
  return format.t({
    en: `${facts.leader.name} leads ${facts.contest} with ${counted(format, facts.leader.points, NOUNS.point)}`,
    da: `${facts.leader.name} fører ${facts.contest} med ${counted(format, facts.leader.points, NOUNS.point)}`,
  });
}

export function leaderboardSentence(facts: LeaderboardFacts, format: Format): string {
  if (!facts.contest || !facts.leader) return format.t({ en: 'No points have been earned yet.', da: 'Der er endnu ikke optjent point.' });
  const gap = facts.runnerUp
    ? format.t({
        en: `, ${format.count(facts.leader.points - facts.runnerUp.points)} ahead of the next`,
        da: `, ${format.count(facts.leader.points - facts.runnerUp.points)} foran den næste`,
      })
    : '';
  const top =
    facts.leaders.length > 1
      ? format.t({
          en: `${tiedLeaders(facts, format)} are tied at the top with ${counted(format, facts.leader.points, NOUNS.point)} each`,
          da: `${tiedLeaders(facts, format)} deler førstepladsen med ${counted(format, facts.leader.points, NOUNS.point)} hver`,
        })
      : format.t({
          en: `the leader has ${counted(format, facts.leader.points, NOUNS.point)}`,
          da: `føreren har ${counted(format, facts.leader.points, NOUNS.point)}`,
        });
  return format.t({
    en: `${counted(format, facts.participants, NOUNS.ambassador)} take part in ${facts.contest}; ${top}${gap}. Ties share a rank.`,
    da: `${counted(format, facts.participants, NOUNS.ambassador)} deltager i ${facts.contest}; ${top}${gap}. Lige mange point giver samme placering.`,
  });
}

// ---------- content performance

export interface ContentTypeFacts {
  /** Content types with a share rate. */
  types: number;
  /** The types with the highest share rate (several when tied) and that rate. */
  best: { types: string[]; shareRate: number } | null;
  /** The types with the lowest share rate (several when tied) and that rate. */
  worst: { types: string[]; shareRate: number } | null;
  unshared: number;
}

export function contentTypeTitle(facts: ContentTypeFacts, format: Format): string {
  if (!facts.best || !facts.worst) return format.t({ en: 'No content shared yet', da: 'Intet indhold delt endnu' });
  const best = format.percent(facts.best.shareRate);
  const worst = format.percent(facts.worst.shareRate);
  if (facts.types === 1) {
    return format.t({
      en: `${list(facts.best.types, format)} is shared by ${best} of those eligible`,
      da: `${list(facts.best.types, format)} deles af ${best} af dem, der kan`,
    });
  }
  // Rates that read the same are the same to the reader: no type is "most" shared.
  if (best === worst) {
    return format.t({
      en: `All ${format.integer(facts.types)} content types are shared by ${best} of those eligible`,
      da: `Alle ${format.integer(facts.types)} indholdstyper deles af ${best} af dem, der kan`,
    });
  }
  return format.t({
    en: `${list(facts.best.types, format)} ${facts.best.types.length === 1 ? 'is' : 'are'} shared most (${best} of those eligible), ${list(facts.worst.types, format)} least (${worst})`,
    da: `${list(facts.best.types, format)} deles mest (${best} af dem, der kan), ${list(facts.worst.types, format)} mindst (${worst})`,
  });
}

export function contentTypeSentence(facts: ContentTypeFacts, format: Format): string {
  if (facts.unshared === 0) return format.t({ en: 'Every published item has been shared at least once.', da: 'Alt udgivet indhold er delt mindst én gang.' });
  return format.t({
    en: `${counted(format, facts.unshared, NOUNS.item)} published ${facts.unshared === 1 ? 'has' : 'have'} not been shared by anyone yet; they are listed below.`,
    da: `${counted(format, facts.unshared, NOUNS.item)} er udgivet, men endnu ikke delt af nogen; de står nedenfor.`,
  });
}

// ---------- disclosure audit

export interface DisclosureFacts {
  posts: number;
  nonCompliant: number;
  unknown: number;
  ambassadorsToFollowUp: number;
}

export function disclosureTitle(facts: DisclosureFacts, format: Format): string {
  if (facts.posts === 0) return format.t({ en: 'No posts audited yet', da: 'Endnu ingen opslag gennemgået' });
  if (facts.nonCompliant === 0) {
    return format.t({
      en: `All ${format.integer(facts.posts - facts.unknown)} judged posts make the employment evident`,
      da: `Alle ${format.integer(facts.posts - facts.unknown)} vurderede opslag gør ansættelsen tydelig`,
    });
  }
  return format.t({
    en: `${counted(format, facts.nonCompliant, NOUNS.post)} of ${format.integer(facts.posts)} do not make the employment evident; ${counted(format, facts.ambassadorsToFollowUp, NOUNS.ambassador)} to follow up`,
    da: `${counted(format, facts.nonCompliant, NOUNS.post)} af ${format.integer(facts.posts)} gør ikke ansættelsen tydelig; ${counted(format, facts.ambassadorsToFollowUp, NOUNS.ambassador)} skal følges op`,
  });
}

export function disclosureSentence(facts: DisclosureFacts, format: Format): string {
  if (facts.posts === 0) return format.t({ en: 'There are no posts to audit yet.', da: 'Der er endnu ingen opslag at gennemgå.' });
  const unknown =
    facts.unknown > 0
      ? format.t({
          en: ` ${counted(format, facts.unknown, NOUNS.post)} could not be judged (no text available).`,
          da: ` ${counted(format, facts.unknown, NOUNS.post)} kunne ikke vurderes (ingen tekst).`,
        })
      : '';
  return format.t({
    en: `Of ${counted(format, facts.posts, NOUNS.post)} audited, ${format.integer(facts.nonCompliant)} broke the disclosure rule.${unknown}`,
    da: `Af ${counted(format, facts.posts, NOUNS.post)} gennemgået brød ${format.integer(facts.nonCompliant)} reglen om oplysning.${unknown}`,
  });
}
