/**
 * The metrics layer: every figure the reports state, defined once. A figure has an id, a
 * label and a definition in English and Danish, a unit, and the row of a mart it is read
 * from, with the expression that gives its value and the components it adds up from.
 * `marts.figures` evaluates them all (one row per figure); the reports' tiles, sentences
 * and glossary, `figures.csv`, `advocacy explain` and the README's definitions all read
 * them from here, so one word has one number.
 *
 * Every figure covers the program to date: from the program's first day with data to its
 * last, the `period_start` and `period_end` of the row it is read from.
 */

/** A text in both report languages. */
export interface Wording {
  en: string;
  da: string;
}

/** `count`: things counted (credited counts may be fractional); `money`: in the program's currency; `ratio`: 1 = 100%. */
export type FigureUnit = 'count' | 'money' | 'ratio';

/** One row of a mart, with its period: the figure's value and components are expressions over it. */
export interface FigureSource {
  /** The mart, e.g. `marts.roi_by_period`. */
  mart: string;
  /** A condition that picks the one row (none when the mart has one row). */
  where?: string;
  /** The condition in words, for the source column. */
  scope?: string;
}

export interface FigureComponent {
  label: Wording;
  /** An expression over the source row. */
  expression: string;
}

export interface FigureDefinition {
  id: string;
  label: Wording;
  definition: Wording;
  unit: FigureUnit;
  source: FigureSource;
  /** An expression over the source row. */
  value: string;
  /** What the value adds up from (for `advocacy explain`), each an expression over the same row. */
  components?: readonly FigureComponent[];
}

const PROGRAM_SUMMARY: FigureSource = { mart: 'marts.program_summary' };
const ROI_TO_DATE: FigureSource = {
  mart: 'marts.roi_by_period',
  where: `period = 'program' and is_default_model`,
  scope: 'the program to date, under the default attribution model',
};

const VALUE_OF_OUTCOMES: readonly FigureComponent[] = [
  { label: { en: 'Value of credited leads', da: 'Værdi af krediterede leads' }, expression: 'value_leads' },
  { label: { en: 'Value of credited conversions', da: 'Værdi af krediterede konverteringer' }, expression: 'value_conversions' },
  { label: { en: 'Value of credited applications', da: 'Værdi af krediterede ansøgninger' }, expression: 'value_applications' },
  { label: { en: 'Value of credited hires', da: 'Værdi af krediterede ansættelser' }, expression: 'value_hires' },
];

export const FIGURES: readonly FigureDefinition[] = [
  {
    id: 'value_total',
    label: { en: 'Value', da: 'Værdi' },
    definition: {
      en: 'Earned media value (EMV) plus the value of the outcomes credited to ambassadors by the default attribution model.',
      da: 'Optjent medieværdi (EMV) plus værdien af de resultater, standardmodellen for attribution krediterer ambassadørerne.',
    },
    unit: 'money',
    source: ROI_TO_DATE,
    value: 'value_total',
    components: [{ label: { en: 'EMV', da: 'EMV' }, expression: 'value_emv' }, ...VALUE_OF_OUTCOMES],
  },
  {
    id: 'cost_total',
    label: { en: 'Cost', da: 'Omkostning' },
    definition: {
      en: 'The cost file’s lines, prorated to the days with data, plus ambassadors’ time (posts × minutes per post × hourly rate) and program leads’ time (hours per month × hourly rate).',
      da: 'Omkostningsfilens linjer, forholdsmæssigt fordelt på dagene med data, plus ambassadørernes tid (opslag × minutter pr. opslag × timesats) og programledernes tid (timer pr. måned × timesats).',
    },
    unit: 'money',
    source: ROI_TO_DATE,
    value: 'cost_total',
    components: [
      { label: { en: 'Platform', da: 'Platform' }, expression: 'cost_platform' },
      { label: { en: 'Training', da: 'Træning' }, expression: 'cost_training' },
      { label: { en: 'Rewards', da: 'Belønninger' }, expression: 'cost_rewards' },
      { label: { en: 'Content', da: 'Indhold' }, expression: 'cost_content' },
      { label: { en: 'Time recorded in the cost file', da: 'Tid ført i omkostningsfilen' }, expression: 'cost_time_recorded' },
      { label: { en: 'Other', da: 'Andet' }, expression: 'cost_other' },
      { label: { en: 'Ambassadors’ time', da: 'Ambassadørernes tid' }, expression: 'cost_ambassador_time' },
      { label: { en: 'Program leads’ time', da: 'Programledernes tid' }, expression: 'cost_lead_time' },
    ],
  },
  {
    id: 'roi',
    label: { en: 'ROI', da: 'ROI' },
    definition: {
      en: 'Return on investment: (value − cost) / cost, with value and cost as defined here; none when the cost is zero. Its 90% interval is a seeded bootstrap over ambassadors, given only for at least statistics.min_group_size of them (5 unless set).',
      da: 'Afkast af investeringen: (værdi − omkostning) / omkostning, med værdi og omkostning som defineret her; intet, når omkostningen er nul. Dens 90 %-interval er en seedet bootstrap over ambassadører og gives kun for mindst statistics.min_group_size af dem (5, medmindre andet er sat).',
    },
    unit: 'ratio',
    source: ROI_TO_DATE,
    value: 'roi',
    components: [
      { label: { en: 'Value', da: 'Værdi' }, expression: 'value_total' },
      { label: { en: 'Cost', da: 'Omkostning' }, expression: 'cost_total' },
    ],
  },
  {
    id: 'roi_low',
    label: { en: 'ROI, low end of the 90% interval', da: 'ROI, nedre grænse af 90 %-intervallet' },
    definition: {
      en: 'The 5th percentile of the ROI over a seeded bootstrap of the ambassadors: how low the ROI could be with another draw of ambassadors like these.',
      da: '5. percentil af ROI over en seedet bootstrap af ambassadørerne: hvor lav ROI kunne være med et andet udvalg af lignende ambassadører.',
    },
    unit: 'ratio',
    source: ROI_TO_DATE,
    value: 'roi_low',
  },
  {
    id: 'roi_high',
    label: { en: 'ROI, high end of the 90% interval', da: 'ROI, øvre grænse af 90 %-intervallet' },
    definition: {
      en: 'The 95th percentile of the ROI over the same bootstrap of the ambassadors.',
      da: '95. percentil af ROI over den samme bootstrap af ambassadørerne.',
    },
    unit: 'ratio',
    source: ROI_TO_DATE,
    value: 'roi_high',
  },
  {
    id: 'emv',
    label: { en: 'Earned media value (EMV)', da: 'Optjent medieværdi (EMV)' },
    definition: {
      en: 'What the ambassadors’ organic activity would have cost as paid media: impressions × CPM / 1,000 + clicks × CPC + reactions, comments and shares at their rates, per platform, each at the rate in force on the day of the activity (config emv.rates). The impressions are those defined under Impressions; engagements given only as a total (LinkedIn’s) are valued at the reactions rate; clicks are the sessions from the ambassadors’ links.',
      da: 'Hvad ambassadørernes organiske aktivitet ville have kostet som betalte medier: visninger × CPM / 1.000 + klik × CPC + reaktioner, kommentarer og delinger til deres satser, pr. platform, hver med den sats, der gjaldt på aktivitetens dag (config emv.rates). Visningerne er dem, der er defineret under Visninger; engagementer, der kun opgives som en total (LinkedIns), værdisættes til satsen for reaktioner; klik er sessionerne fra ambassadørernes links.',
    },
    unit: 'money',
    source: ROI_TO_DATE,
    value: 'value_emv',
  },
  {
    id: 'value_outcomes',
    label: { en: 'Value of credited outcomes', da: 'Værdi af krediterede resultater' },
    definition: {
      en: 'Leads and applications at their unit values, conversions at their own value and hires at the cost per hire they save, times the share of each the default attribution model credits to ambassadors.',
      da: 'Leads og ansøgninger til deres enhedsværdier, konverteringer til deres egen værdi og ansættelser til den rekrutteringsomkostning, de sparer, gange den andel af hver, standardmodellen krediterer ambassadørerne.',
    },
    unit: 'money',
    source: ROI_TO_DATE,
    value: 'value_leads + value_conversions + value_applications + value_hires',
    components: VALUE_OF_OUTCOMES,
  },
  {
    id: 'impressions',
    label: { en: 'Impressions', da: 'Visninger' },
    definition: {
      en: 'The times ambassadors’ posts were shown, as the platforms report them (Meta’s newer “Views”); not the number of people reached. LinkedIn’s daily series where an ambassador’s export has one (every post, on the day it was shown), else each post’s own figure in its latest export, on the day it was posted; a post is never counted in both. The same figure in the headline, the goals, EMV and the comparison with the company page.',
      da: 'Antal gange ambassadørernes opslag blev vist, som platformene opgør det (Metas nyere “Views”); ikke antallet af personer, der blev nået. LinkedIns daglige serie, hvor en ambassadørs eksport har en (alle opslag, på den dag de blev vist), ellers hvert opslags eget tal i den seneste eksport, på den dag det blev slået op; et opslag tælles aldrig i begge. Samme tal i overskriften, målene, EMV og sammenligningen med virksomhedssiden.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'impressions',
  },
  {
    id: 'engagements',
    label: { en: 'Engagements', da: 'Engagementer' },
    definition: {
      en: 'Reactions, comments and shares on ambassadors’ posts, from the same series as the impressions.',
      da: 'Reaktioner, kommentarer og delinger på ambassadørernes opslag, fra samme serie som visningerne.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'engagements',
  },
  {
    id: 'posts',
    label: { en: 'Posts', da: 'Opslag' },
    definition: {
      en: 'Posts by enrolled ambassadors on LinkedIn and Facebook, each post once however many exports list it.',
      da: 'Opslag fra tilmeldte ambassadører på LinkedIn og Facebook, hvert opslag én gang, uanset hvor mange eksporter der viser det.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'posts',
  },
  {
    id: 'ambassadors_enrolled',
    label: { en: 'Ambassadors enrolled', da: 'Tilmeldte ambassadører' },
    definition: {
      en: 'Ambassadors on the roster who were enrolled on at least one day of the period.',
      da: 'Ambassadører på listen, der var tilmeldt mindst én dag i perioden.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'ambassadors_enrolled',
  },
  {
    id: 'ambassadors_active',
    label: { en: 'Active ambassadors', da: 'Aktive ambassadører' },
    definition: {
      en: 'Enrolled ambassadors who posted at least once in the period (in a weekly chart, that week); participation is active divided by enrolled.',
      da: 'Tilmeldte ambassadører, der delte mindst én gang i perioden (i et ugediagram, den uge); deltagelsen er aktive divideret med tilmeldte.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'ambassadors_active',
  },
  {
    id: 'sessions_from_links',
    label: { en: 'Sessions from ambassadors’ links', da: 'Sessioner fra ambassadørernes links' },
    definition: {
      en: 'Website sessions that arrived through a link an ambassador shared: from the visit-level file where it covers a day, else from Google Analytics 4’s reports by campaign code.',
      da: 'Sessioner på websitet, der kom via et link, en ambassadør delte: fra filen med besøg, hvor den dækker en dag, ellers fra Google Analytics 4’s rapporter pr. kampagnekode.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'sessions',
  },
  {
    id: 'sessions_total',
    label: { en: 'Sessions, all sources', da: 'Sessioner, alle kilder' },
    definition: {
      en: 'Every website session counted in the same way, from any source: the whole that the sessions from ambassadors’ links are a part of.',
      da: 'Alle sessioner på websitet, talt på samme måde, fra enhver kilde: helheden, som sessionerne fra ambassadørernes links er en del af.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'all_sessions',
    components: [
      { label: { en: 'From ambassadors’ links', da: 'Fra ambassadørernes links' }, expression: 'sessions' },
      { label: { en: 'From other sources', da: 'Fra andre kilder' }, expression: 'all_sessions - sessions' },
    ],
  },
  {
    id: 'leads_credited',
    label: { en: 'Leads credited', da: 'Krediterede leads' },
    definition: {
      en: 'Leads (people at a lead stage in the CRM, each person once) times the share the default attribution model credits to ambassadors.',
      da: 'Leads (personer på et lead-trin i CRM, hver person én gang) gange den andel, standardmodellen krediterer ambassadørerne.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'leads',
  },
  {
    id: 'leads_total',
    label: { en: 'Leads, all sources', da: 'Leads, alle kilder' },
    definition: {
      en: 'Every lead in the CRM exports, each person once across CRMs, whatever brought them.',
      da: 'Alle leads i CRM-eksporterne, hver person én gang på tværs af CRM-systemer, uanset hvad der bragte dem.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'all_leads',
  },
  {
    id: 'conversions_credited',
    label: { en: 'Conversions credited', da: 'Krediterede konverteringer' },
    definition: {
      en: 'Conversions (won deals and purchases) times the share the default attribution model credits to ambassadors.',
      da: 'Konverteringer (vundne aftaler og køb) gange den andel, standardmodellen krediterer ambassadørerne.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'conversions',
  },
  {
    id: 'applications_credited',
    label: { en: 'Applications credited', da: 'Krediterede ansøgninger' },
    definition: {
      en: 'Job applications times the share the default attribution model credits to ambassadors.',
      da: 'Jobansøgninger gange den andel, standardmodellen krediterer ambassadørerne.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'applications',
  },
  {
    id: 'applications_total',
    label: { en: 'Applications, all sources', da: 'Ansøgninger, alle kilder' },
    definition: {
      en: 'Every job application in the applicant-tracking exports, whatever brought it.',
      da: 'Alle jobansøgninger i rekrutteringssystemets eksporter, uanset hvad der bragte dem.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'all_applications',
  },
  {
    id: 'hires_credited',
    label: { en: 'Hires credited', da: 'Krediterede ansættelser' },
    definition: {
      en: 'Hires times the share the default attribution model credits to ambassadors.',
      da: 'Ansættelser gange den andel, standardmodellen krediterer ambassadørerne.',
    },
    unit: 'count',
    source: PROGRAM_SUMMARY,
    value: 'hires',
  },
];

/** The figure named `id`; undefined when there is none. */
export function figureDefinition(id: string): FigureDefinition | undefined {
  return FIGURES.find((figure) => figure.id === id);
}

/** The columns of its mart a figure reads: the names in its value, its components and its period. */
export function figureColumns(figure: FigureDefinition): string[] {
  const expressions = [figure.value, ...(figure.components ?? []).map((component) => component.expression), 'period_start', 'period_end'];
  return [...new Set(expressions.flatMap((expression) => expression.match(/[a-z_][a-z0-9_]*/g) ?? []))];
}

/** The figure's source row in words: `marts.roi_by_period (the program to date, …): value_total`. */
export function figureSourceText(figure: FigureDefinition): string {
  return `${figure.source.mart}${figure.source.scope ? ` (${figure.source.scope})` : ''}: ${figure.value}`;
}

/** `from <mart> [where <condition>]`. */
function fromClause(source: FigureSource): string {
  return `from ${source.mart}${source.where ? ` where ${source.where}` : ''}`;
}

/** The query that reproduces a figure from its mart: its value, its period and its components. */
export function figureQuery(figure: FigureDefinition): string {
  const components = (figure.components ?? []).map((component, index) => `,\n  ${component.expression} as component_${index + 1}`).join('');
  return `select\n  ${figure.value} as value,\n  period_start,\n  period_end${components}\n${fromClause(figure.source)}`;
}

/** The query that builds `marts.figures`: one row per figure, in the registry's order. */
export function figuresTableQuery(figures: readonly FigureDefinition[] = FIGURES): string {
  const text = (value: string) => `'${value.replaceAll("'", "''")}'`;
  return figures
    .map(
      (figure, index) =>
        `select ${index + 1} as position, ${text(figure.id)} as figure_id, ${text(figure.label.en)} as label, ` +
        `(${figure.value})::double as value, ${text(figure.unit)} as unit, period_start, period_end, ` +
        `${text(figure.definition.en)} as definition, ${text(figureSourceText(figure))} as source ` +
        // A mart without its row (nothing built for the period yet) still gives the figure, as null.
        `from (select 1) as one left join (select * ${fromClause(figure.source)}) as source_row on true`,
    )
    .join('\nunion all\n');
}
