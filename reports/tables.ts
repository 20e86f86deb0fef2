/**
 * Tables that go under or after the charts: plain-text cells formatted for the report's
 * locale (the renderer escapes them). Pure: rows in, `ReportTable` out.
 */
import type { Shown } from './anonymise.ts';
import { sortModels } from './charts/outcomes-by-model.ts';
import { isClear, isTooFew, isTooUniform } from './charts/cohort-comparison.ts';
import { compareText, isoDate, num, type Format } from './format.ts';
import { DIMENSION_NAMES, DISCLOSURE_STATUS_NAMES, groupName, METRIC_NAMES, MODEL_NAMES, nameOf, NUDGE_KIND_NAMES } from './i18n.ts';
import type {
  AmbassadorTotalsRow,
  AttributionSummaryRow,
  CohortComparisonRow,
  ContentPerformanceRow,
  CostLineRow,
  CostSettingRow,
  CostSourceRow,
  DisclosureFollowupRow,
  LeaderboardRow,
  NudgeRow,
} from './marts.ts';
import { costComponentName, costSourceText, enteredAmount, peopleTimeSentence, prorationSentence } from './narrative/costs.ts';
import { pValue, pWithError, tooFewWords, tooUniformWords } from './narrative/program.ts';
import { counted, NOUNS } from './narrative/words.ts';
import type { ReportTable } from './page.ts';

const dash = '–';

function maybe(value: number | null | undefined, write: (value: number) => string): string {
  return typeof value === 'number' && Number.isFinite(value) ? write(value) : dash;
}

function day(value: Date | string | null | undefined, format: Format): string {
  return value ? format.date(isoDate(value)) : dash;
}

/** The leaderboard's standings (already one period, in rank order). */
export function leaderboardTable(standings: readonly Shown<LeaderboardRow>[], format: Format, limit = 25): ReportTable {
  const t = format.t;
  const shown = standings.slice(0, limit);
  return {
    name: 'leaderboard-standings',
    caption: t({ en: `Standings: ${shown[0]?.contest ?? ''}`, da: `Stilling: ${shown[0]?.contest ?? ''}` }),
    columns: [
      { label: t({ en: 'Rank', da: 'Plads' }), numeric: true },
      { label: t({ en: 'Ambassador', da: 'Ambassadør' }) },
      { label: t({ en: 'Points', da: 'Point' }), numeric: true },
      { label: t({ en: 'Posts', da: 'Opslag' }), numeric: true },
      { label: t({ en: 'Clicks', da: 'Klik' }), numeric: true },
      { label: 'Leads', numeric: true },
      { label: t({ en: 'Applications', da: 'Ansøgninger' }), numeric: true },
    ],
    rows: shown.map((row) => [
      format.integer(row.rank),
      row.display_name,
      format.integer(num(row.points)),
      format.integer(num(row.posts)),
      format.integer(num(row.clicks)),
      format.count(num(row.leads)),
      format.count(num(row.applications)),
    ]),
    note:
      standings.length > shown.length
        ? t({
            en: `The top ${limit} of ${standings.length}; the full standings are in extracts/leaderboard.csv.`,
            da: `Top ${limit} af ${standings.length}; hele stillingen står i extracts/leaderboard.csv.`,
          })
        : undefined,
  };
}

/** The items that brought most (top 15), then every published item nobody has shared yet. */
export function contentTable(rows: readonly ContentPerformanceRow[], format: Format, limit = 15): ReportTable {
  const t = format.t;
  const top = rows
    .filter((row) => num(row.shares) > 0)
    .sort((a, b) => num(b.outcomes_credited) - num(a.outcomes_credited) || num(b.clicks) - num(a.clicks) || compareText(a.content_id, b.content_id))
    .slice(0, limit);
  const unshared = rows
    .filter((row) => row.is_unshared)
    .sort((a, b) => compareText(isoDate(a.published_on) ?? '', isoDate(b.published_on) ?? '') || compareText(a.content_id, b.content_id));
  const line = (row: ContentPerformanceRow, status: string) => [
    row.title ?? row.content_id,
    (row.content_type ?? dash).replace(/_/g, ' '),
    row.origin ?? dash,
    status,
    maybe(row.share_rate, format.percent),
    format.integer(num(row.shares)),
    maybe(row.impressions, format.integer),
    maybe(row.engagement_rate, (value) => `${format.decimal(value * 100, 1)} %`),
    format.integer(num(row.clicks)),
    format.count(num(row.outcomes_credited)),
    maybe(row.days_to_first_share, format.integer),
  ];
  return {
    name: 'content-items',
    caption: t({ en: 'Content items: the best performers, then what nobody has shared yet', da: 'Indhold: de bedste, derefter det, ingen har delt endnu' }),
    columns: [
      { label: t({ en: 'Item', da: 'Emne' }) },
      { label: t({ en: 'Type', da: 'Type' }) },
      { label: t({ en: 'Origin', da: 'Oprindelse' }) },
      { label: t({ en: 'Status', da: 'Status' }) },
      { label: t({ en: 'Share rate', da: 'Delingsrate' }), numeric: true },
      { label: t({ en: 'Shares', da: 'Delinger' }), numeric: true },
      { label: t({ en: 'Impressions', da: 'Visninger' }), numeric: true },
      { label: t({ en: 'Engagement rate', da: 'Engagementsrate' }), numeric: true },
      { label: t({ en: 'Clicks', da: 'Klik' }), numeric: true },
      { label: t({ en: 'Outcomes', da: 'Resultater' }), numeric: true },
      { label: t({ en: 'Days to first share', da: 'Dage til første deling' }), numeric: true },
    ],
    rows: [
      ...top.map((row) => line(row, t({ en: 'top', da: 'top' }))),
      ...unshared.map((row) => line(row, t({ en: 'not shared yet', da: 'ikke delt endnu' }))),
    ],
  };
}

/** Ambassadors to follow up on disclosure (`marts.disclosure_followup`), most posts not compliant first. */
export function disclosureTable(followup: readonly DisclosureFollowupRow[], format: Format): ReportTable {
  const t = format.t;
  const columns = [
    { label: t({ en: 'Ambassador', da: 'Ambassadør' }) },
    { label: t({ en: 'Not compliant', da: 'Ikke i orden' }), numeric: true },
    { label: t({ en: 'Unknown', da: 'Ukendt' }), numeric: true },
    { label: t({ en: 'Audited', da: 'Gennemgået' }), numeric: true },
    { label: t({ en: 'Latest non-compliant post', da: 'Seneste opslag, ikke i orden' }) },
    { label: t({ en: 'Post address', da: 'Opslagets adresse' }) },
  ];
  const rows = followup
    .filter((row) => row.needs_follow_up)
    .sort(
      (a, b) =>
        num(b.non_compliant_posts) - num(a.non_compliant_posts) || compareText(a.ambassador_name ?? a.ambassador_id, b.ambassador_name ?? b.ambassador_id),
    )
    .map((row) => [
      row.ambassador_name ?? row.ambassador_id,
      format.integer(num(row.non_compliant_posts)),
      format.integer(num(row.unknown_posts)),
      format.integer(num(row.posts_audited)),
      day(row.last_non_compliant_on, format),
      row.last_non_compliant_post_url ?? dash,
    ]);
  return {
    name: 'disclosure-follow-up',
    caption: t({
      en: 'Disclosure follow-up: ambassadors with posts that do not make the employment evident',
      da: 'Opfølgning: ambassadører med opslag, der ikke gør ansættelsen tydelig',
    }),
    columns,
    rows,
    note: t({
      en: `Status words: ${['compliant', 'non_compliant', 'unknown'].map((status) => nameOf(DISCLOSURE_STATUS_NAMES, status, format)).join(', ')}. Each post’s rule and evidence are in extracts/disclosure_audit.csv.`,
      da: `Statusord: ${['compliant', 'non_compliant', 'unknown'].map((status) => nameOf(DISCLOSURE_STATUS_NAMES, status, format)).join(', ')}. Hvert opslags regel og belæg står i extracts/disclosure_audit.csv.`,
    }),
  };
}

/** What a nudge's detail names besides the nudge: the disclosure counts, the content's titles, who has posted. */
export interface NudgeContext {
  followup: readonly DisclosureFollowupRow[];
  content: readonly ContentPerformanceRow[];
  ambassadors: readonly AmbassadorTotalsRow[];
}

const WEEK_MS = 7 * 86_400_000;

/** Why a nudge, in the report's language (the mart's `detail` says it in English for the extracts). */
function nudgeDetail(row: NudgeRow, context: NudgeContext, format: Format): string {
  const t = format.t;
  const since = day(row.since, format);
  if (row.kind === 'inactive') {
    if (!row.since) return t({ en: 'Has never posted', da: 'Har aldrig delt' });
    const weeks = counted(format, Math.floor((row.as_of_on.getTime() - row.since.getTime()) / WEEK_MS), NOUNS.week);
    const posted = context.ambassadors.some((ambassador) => ambassador.ambassador_id === row.ambassador_id && ambassador.first_post_on !== null);
    return posted
      ? t({
          en: `Last post on ${since} (${weeks} before ${day(row.as_of_on, format)})`,
          da: `Seneste opslag ${since} (${weeks} før ${day(row.as_of_on, format)})`,
        })
      : t({ en: `Has not posted since joining on ${since} (${weeks})`, da: `Har ikke delt siden tilmeldingen ${since} (${weeks})` });
  }
  if (row.kind === 'unshared_content') {
    const title = context.content.find((item) => item.content_id === row.content_id)?.title ?? row.content_id ?? dash;
    return t({ en: `Published on ${since} and not shared by anyone yet: ${title}`, da: `Udgivet ${since} og endnu ikke delt af nogen: ${title}` });
  }
  const followup = row.kind === 'disclosure' ? context.followup.find((ambassador) => ambassador.ambassador_id === row.ambassador_id) : undefined;
  if (followup) {
    const posts = counted(format, followup.non_compliant_posts, NOUNS.post);
    const latest = followup.last_non_compliant_on ? day(followup.last_non_compliant_on, format) : t({ en: 'an unknown day', da: 'en ukendt dag' });
    return t({
      en: `${posts} ${followup.non_compliant_posts === 1 ? 'does' : 'do'} not make the employment evident (latest on ${latest}); ask for a disclosure such as “#reklame” or “min kollega hos …”`,
      da: `${posts} gør ikke ansættelsen tydelig (seneste ${latest}); bed om en oplysning som “#reklame” eller “min kollega hos …”`,
    });
  }
  return row.detail ?? dash;
}

/** The nudges, by kind, then ambassador. */
export function nudgesTable(rows: readonly NudgeRow[], context: NudgeContext, format: Format): ReportTable {
  const t = format.t;
  return {
    name: 'nudges',
    caption: t({ en: 'Nudges: who to contact this week, and why', da: 'Påmindelser: hvem der skal kontaktes i denne uge, og hvorfor' }),
    columns: [
      { label: t({ en: 'Kind', da: 'Type' }) },
      { label: t({ en: 'Ambassador', da: 'Ambassadør' }) },
      { label: t({ en: 'Since', da: 'Siden' }) },
      { label: t({ en: 'Detail', da: 'Detaljer' }) },
    ],
    rows: [...rows]
      .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.ambassador_name ?? '', b.ambassador_name ?? '') || compareText(a.nudge_id, b.nudge_id))
      .map((row) => [
        nameOf(NUDGE_KIND_NAMES, row.kind, format),
        row.ambassador_name ?? row.ambassador_id ?? row.content_id ?? dash,
        day(row.since, format),
        nudgeDetail(row, context, format),
      ]),
  };
}

/** The mart's verdict in the report's words, naming the group that is higher. */
function verdictWords(row: CohortComparisonRow, format: Format): string {
  const t = format.t;
  switch (row.verdict) {
    case 'higher in group_a':
      return t({ en: `higher in ${groupName(row.dimension, row.group_a, format)}`, da: `højere i ${groupName(row.dimension, row.group_a, format)}` });
    case 'higher in group_b':
      return t({ en: `higher in ${groupName(row.dimension, row.group_b, format)}`, da: `højere i ${groupName(row.dimension, row.group_b, format)}` });
    case 'no clear difference':
      return t({ en: 'no clear difference', da: 'ingen klar forskel' });
    case 'too uniform to compare':
      return tooUniformWords(format);
    default:
      return row.verdict ?? dash;
  }
}

/**
 * Every comparison with its numbers; "too few to compare" and "too uniform to compare" in
 * words. The verdict rests on the permutation p-value (shown with its Monte-Carlo standard
 * error) after the Holm correction; Welch's p is a second opinion.
 */
export function cohortComparisonTable(rows: readonly CohortComparisonRow[], format: Format, minGroupSize = 5): ReportTable {
  const t = format.t;
  const two = (value: number) => format.decimal(value, 2);
  // The comparisons to act on or to know about: clear differences and groups too small or too uniform to compare.
  const listed = rows.filter((row) => isTooFew(row, minGroupSize) || isTooUniform(row) || isClear(row));
  return {
    name: 'cohort-comparisons',
    caption: t({
      en: 'Clear differences, and comparisons with too few or too uniform values to compare',
      da: 'Tydelige forskelle og sammenligninger med for få eller for ens værdier at sammenligne',
    }),
    note: t({
      en: `${listed.length} of ${rows.length} comparisons listed; every comparison, with its medians, is in extracts/cohort_comparison.csv. A difference is clear when the permutation test’s p-value (± its Monte-Carlo standard error) stays under 0.05 after the Holm correction; Welch’s t-test is a second opinion only. Too uniform: a group with fewer than two distinct values, or 80% or more of them at the lowest or highest value the metric can take (1 post per active week; a rate of 0 or 1).`,
      da: `${listed.length} af ${rows.length} sammenligninger vist; alle, med medianer, står i extracts/cohort_comparison.csv. En forskel er tydelig, når permutationstestens p-værdi (± dens Monte Carlo-standardfejl) er under 0,05 efter Holm-korrektion; Welchs t-test er kun et supplement. For ens: en gruppe med færre end to forskellige værdier, eller 80 % eller flere af dem ved den laveste eller højeste værdi, målet kan have (1 opslag pr. aktiv uge; en rate på 0 eller 1).`,
    }),
    columns: [
      { label: t({ en: 'By', da: 'Efter' }) },
      { label: t({ en: 'Metric', da: 'Mål' }) },
      { label: t({ en: 'Groups', da: 'Grupper' }) },
      { label: 'n', numeric: true },
      { label: t({ en: 'Means', da: 'Gennemsnit' }), numeric: true },
      { label: t({ en: 'Difference [95% interval]', da: 'Forskel [95 %-interval]' }), numeric: true },
      { label: t({ en: 'p (permutation)', da: 'p (permutation)' }), numeric: true },
      { label: 'p (Holm)', numeric: true },
      { label: t({ en: 'p (Welch, second opinion)', da: 'p (Welch, supplement)' }), numeric: true },
      { label: 'Hedges’ g', numeric: true },
      { label: t({ en: 'Verdict', da: 'Konklusion' }) },
    ],
    rows: listed
      .sort(
        (a, b) =>
          compareText(a.dimension, b.dimension) || compareText(a.metric, b.metric) || compareText(a.group_a, b.group_a) || compareText(a.group_b, b.group_b),
      )
      .map((row) => {
        const tooFew = isTooFew(row, minGroupSize);
        const untested = tooFew || isTooUniform(row);
        return [
          nameOf(DIMENSION_NAMES, row.dimension, format),
          nameOf(METRIC_NAMES, row.metric, format),
          `${groupName(row.dimension, row.group_a, format)} − ${groupName(row.dimension, row.group_b, format)}`,
          `${format.integer(row.n_a)} / ${format.integer(row.n_b)}`,
          `${maybe(row.mean_a, two)} / ${maybe(row.mean_b, two)}`,
          untested ? dash : `${maybe(row.diff, two)} [${maybe(row.ci_low, two)}; ${maybe(row.ci_high, two)}]`,
          untested ? dash : maybe(row.p_permutation, (value) => pWithError(value, row.p_permutation_se, format)),
          untested ? dash : maybe(row.p_adjusted, (value) => pValue(value, format)),
          untested ? dash : maybe(row.p_welch, (value) => pValue(value, format)),
          untested ? dash : maybe(row.hedges_g, two),
          tooFew ? tooFewWords(format) : verdictWords(row, format),
        ];
      }),
  };
}

/** Models side by side: credited outcomes per channel (program granularity, all kinds), one column per model. */
export function attributionTable(rows: readonly AttributionSummaryRow[], format: Format): ReportTable {
  const t = format.t;
  const program = rows.filter((row) => row.granularity === 'program');
  const models = sortModels(program.map((row) => row.model));
  const cells = new Map<string, Map<string, number>>();
  for (const row of program) {
    const channel = cells.get(row.channel) ?? new Map<string, number>();
    channel.set(row.model, (channel.get(row.model) ?? 0) + row.credited_outcomes);
    cells.set(row.channel, channel);
  }
  const first = models[0];
  return {
    name: 'models-side-by-side',
    caption: t({
      en: 'Credited outcomes per channel under each model (all outcome kinds)',
      da: 'Krediterede resultater pr. kanal efter hver model (alle typer)',
    }),
    columns: [{ label: t({ en: 'Channel', da: 'Kanal' }) }, ...models.map((model) => ({ label: nameOf(MODEL_NAMES, model, format), numeric: true }))],
    rows: [...cells]
      .sort(([a, am], [b, bm]) => (first ? (bm.get(first) ?? 0) - (am.get(first) ?? 0) : 0) || compareText(a, b))
      .map(([channel, byModel]) => [channel, ...models.map((model) => format.count(byModel.get(model) ?? 0))]),
  };
}

/**
 * Where the cost comes from: each cost category per source (a costs file, or people's
 * time priced with the config's settings), the period, the amount entered and the amount
 * counted, largest first; under it, one sentence a line: whether people's time counts, and
 * why each line counted only in part does (the first `limit`; all are in
 * extracts/cost_lines.csv).
 */
export function costBreakdownTable(
  sources: readonly CostSourceRow[],
  lines: readonly CostLineRow[],
  settings: readonly CostSettingRow[],
  format: Format,
  { withNotes = true, limit = 8 }: { withNotes?: boolean; limit?: number } = {},
): ReportTable {
  const t = format.t;
  const prorations = lines.flatMap((line) => prorationSentence(line, format, { withNote: withNotes }) ?? []);
  const more = prorations.length - limit;
  return {
    name: 'cost-breakdown',
    caption: t({
      en: 'Where the cost comes from: each component, its source, and how much of it counts',
      da: 'Hvor omkostningerne kommer fra: hver komponent, dens kilde, og hvor meget der tælles med',
    }),
    columns: [
      { label: t({ en: 'Component', da: 'Komponent' }) },
      { label: t({ en: 'Source', da: 'Kilde' }) },
      { label: t({ en: 'Period', da: 'Periode' }) },
      { label: t({ en: 'Entered', da: 'Indtastet' }), numeric: true },
      { label: t({ en: 'Counted', da: 'Talt med' }), numeric: true },
    ],
    rows: [...sources]
      .sort((a, b) => b.amount_counted - a.amount_counted || compareText(a.category, b.category) || compareText(a.source_id, b.source_id))
      .map((row) => [
        costComponentName(row.category, format),
        costSourceText(row, settings, format),
        format.dateRange(row.period_start, row.period_end),
        row.amount_entered === null ? dash : enteredAmount(row.amount_entered, row.currency, format),
        format.money(row.amount_counted),
      ]),
    note: [
      peopleTimeSentence(sources, settings, format),
      ...prorations.slice(0, limit),
      more > 0 ? t({ en: `${more} more lines count only in part or not at all.`, da: `${more} linjer mere tælles kun delvis eller slet ikke med.` }) : '',
      t({
        en: 'Every line, with its file and line number, is in extracts/cost_lines.csv. Source: marts.cost_sources, marts.cost_lines, marts.cost_settings.',
        da: 'Hver linje, med fil og linjenummer, står i extracts/cost_lines.csv. Kilde: marts.cost_sources, marts.cost_lines, marts.cost_settings.',
      }),
    ]
      .filter((sentence) => sentence !== '')
      .join('\n'),
  };
}
