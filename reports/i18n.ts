/**
 * The reports' fixed words in English and Danish: page furniture, axis titles, and the
 * names of models, outcome kinds, metrics and statuses as the marts spell them. Values
 * from exports (names, titles, post texts) are never translated, only escaped.
 */
import type { Format, Language } from './format.ts';

export type Texts = Record<Language, string>;

/** The words of the page around the charts. */
export const PAGE_TEXT = {
  eyebrow: { en: 'Employee advocacy report', da: 'Rapport om medarbejderambassadører' },
  glossary: { en: 'Glossary', da: 'Ordliste' },
  definition: { en: 'Definition', da: 'Definition' },
  contents: { en: 'Reports', da: 'Rapporter' },
  interactiveHint: {
    en: 'Hover over a chart for the numbers; where a chart has a cohort menu, choose a cohort to filter it.',
    da: 'Hold musen over et diagram for at se tallene; hvor et diagram har en kohortemenu, kan du vælge en kohorte for at filtrere.',
  },
  noscript: {
    en: 'Scripts are off: the charts are shown as static pictures, without tooltips and filters.',
    da: 'Scripts er slået fra: diagrammerne vises som statiske billeder uden værktøjstip og filtre.',
  },
  tableEmpty: { en: 'Nothing to list.', da: 'Intet at vise.' },
  generated: { en: 'Generated', da: 'Dannet' },
  all: { en: 'All', da: 'Alle' },
  cohortFilter: { en: 'Cohort ', da: 'Kohorte ' },
  dimensionFilter: { en: 'Compare by ', da: 'Sammenlign efter ' },
} as const satisfies Record<string, Texts>;

/** The three reports, as their files and titles name them. */
export const REPORT_TITLES = {
  leadership: { en: 'Leadership report', da: 'Ledelsesrapport' },
  program: { en: 'Program lead’s report', da: 'Programlederens rapport' },
  attribution: { en: 'Attribution report', da: 'Attributionsrapport' },
} as const satisfies Record<string, Texts>;

/** What the reports call an ambassador who opted out of being named (`is_opted_out` in the marts). */
export const OPTED_OUT_NAME: Texts = { en: 'Anonymous', da: 'Anonym' };

/** Attribution models, as `marts.attribution_credits.model` spells them. */
export const MODEL_NAMES: Record<string, Texts> = {
  last_touch: { en: 'Last touch', da: 'Sidste berøring' },
  first_touch: { en: 'First touch', da: 'Første berøring' },
  linear: { en: 'Linear', da: 'Lineær' },
  time_decay: { en: 'Time decay', da: 'Tidsaftagende' },
  position_based: { en: 'Position based', da: 'Positionsbaseret' },
  markov: { en: 'Markov chain', da: 'Markov-kæde' },
  shapley: { en: 'Shapley value', da: 'Shapley-værdi' },
  fractribution: { en: 'Fractribution', da: 'Fractribution' },
};

/** The models in the order reports list them (others follow by name). */
export const MODEL_ORDER = ['last_touch', 'first_touch', 'linear', 'time_decay', 'position_based', 'markov', 'shapley', 'fractribution'];

/** Outcome kinds, as `outcome_kind` spells them. */
export const OUTCOME_KIND_NAMES: Record<string, Texts> = {
  lead: { en: 'Leads', da: 'Leads' },
  conversion: { en: 'Conversions', da: 'Konverteringer' },
  application: { en: 'Applications', da: 'Ansøgninger' },
  hire: { en: 'Hires', da: 'Ansættelser' },
};

/** Metric names used by the marts (cohort comparison, training effect, leaders, goals). */
export const METRIC_NAMES: Record<string, Texts> = {
  posts: { en: 'Posts', da: 'Opslag' },
  posts_per_week: { en: 'Posts per week', da: 'Opslag pr. uge' },
  posts_per_active_week: { en: 'Posts per active week', da: 'Opslag pr. aktiv uge' },
  active_week_share: { en: 'Share of weeks active', da: 'Andel af uger aktiv' },
  impressions: { en: 'Impressions', da: 'Visninger' },
  impressions_per_post: { en: 'Impressions per post', da: 'Visninger pr. opslag' },
  engagement_rate: { en: 'Engagement rate', da: 'Engagementsrate' },
  engagements: { en: 'Engagements', da: 'Engagementer' },
  clicks: { en: 'Clicks', da: 'Klik' },
  sessions: { en: 'Sessions', da: 'Sessioner' },
  sessions_per_week: { en: 'Sessions per week', da: 'Sessioner pr. uge' },
  sessions_per_active_week: { en: 'Sessions per active week', da: 'Sessioner pr. aktiv uge' },
  leads: { en: 'Leads', da: 'Leads' },
  leads_per_active_week: { en: 'Leads per active week', da: 'Leads pr. aktiv uge' },
  applications: { en: 'Applications', da: 'Ansøgninger' },
  applications_per_active_week: { en: 'Applications per active week', da: 'Ansøgninger pr. aktiv uge' },
  conversions: { en: 'Conversions', da: 'Konverteringer' },
  hires: { en: 'Hires', da: 'Ansættelser' },
  value: { en: 'Value', da: 'Værdi' },
};

/** The roster dimensions cohorts are compared on (`marts.cohort_comparison.dimension`). */
export const DIMENSION_NAMES: Record<string, Texts> = {
  cohort: { en: 'Cohort', da: 'Kohorte' },
  department: { en: 'Department', da: 'Afdeling' },
  location: { en: 'Location', da: 'Lokation' },
  lead: { en: 'Program lead', da: 'Programleder' },
  leader: { en: 'Leaders and staff', da: 'Ledere og medarbejdere' },
  trained: { en: 'Training', da: 'Træning' },
};

/** The groups the comparison names itself; the roster's own groups (cohorts, departments) are shown as written. */
const COMPARISON_GROUP_NAMES: Record<string, Record<string, Texts>> = {
  trained: { trained: { en: 'trained', da: 'trænede' }, untrained: { en: 'untrained', da: 'ikke trænede' } },
  leader: { leader: { en: 'leaders', da: 'ledere' }, staff: { en: 'staff', da: 'medarbejdere' } },
};

/** A compared group in the report's language: `trænede`, or a cohort as the roster names it. */
export function groupName(dimension: string, group: string, format: Pick<Format, 'language'>): string {
  return COMPARISON_GROUP_NAMES[dimension]?.[group]?.[format.language] ?? group;
}

/** Platforms, as the marts spell them. */
export const PLATFORM_NAMES: Record<string, Texts> = {
  linkedin: { en: 'LinkedIn', da: 'LinkedIn' },
  facebook: { en: 'Facebook', da: 'Facebook' },
};

/** The metrics EMV rates price (`marts.emv_rate_changes.metric`), with the rate's usual name. */
export const EMV_RATE_METRIC_NAMES: Record<string, Texts> = {
  impressions: { en: 'impressions (CPM)', da: 'visninger (CPM)' },
  clicks: { en: 'clicks (CPC)', da: 'klik (CPC)' },
  reactions: { en: 'reactions', da: 'reaktioner' },
  comments: { en: 'comments', da: 'kommentarer' },
  shares: { en: 'shares', da: 'delinger' },
};

/** Value and cost components of `marts.roi_by_period` (`value_<x>`, `cost_<x>`). */
export const COMPONENT_NAMES: Record<string, Texts> = {
  emv: { en: 'Earned media value', da: 'Optjent medieværdi' },
  leads: { en: 'Leads', da: 'Leads' },
  lead: { en: 'Leads', da: 'Leads' },
  conversions: { en: 'Conversions', da: 'Konverteringer' },
  conversion: { en: 'Conversions', da: 'Konverteringer' },
  applications: { en: 'Applications', da: 'Ansøgninger' },
  application: { en: 'Applications', da: 'Ansøgninger' },
  hires: { en: 'Hires', da: 'Ansættelser' },
  hire: { en: 'Hires', da: 'Ansættelser' },
  outcomes: { en: 'Outcomes', da: 'Resultater' },
  platform: { en: 'Platform', da: 'Platform' },
  training: { en: 'Training', da: 'Træning' },
  rewards: { en: 'Rewards', da: 'Belønninger' },
  content: { en: 'Content', da: 'Indhold' },
  time: { en: 'Ambassadors’ time', da: 'Ambassadørernes tid' },
  time_recorded: { en: 'Time (cost file)', da: 'Tid (omkostningsfil)' },
  ambassador_time: { en: 'Ambassadors’ time', da: 'Ambassadørernes tid' },
  lead_time: { en: 'Program leads’ time', da: 'Programledernes tid' },
  leads_time: { en: 'Program leads’ time', da: 'Programledernes tid' },
  other: { en: 'Other', da: 'Andet' },
};

/** Disclosure statuses (`marts.disclosure_audit.status`). */
export const DISCLOSURE_STATUS_NAMES: Record<string, Texts> = {
  compliant: { en: 'Compliant', da: 'I orden' },
  non_compliant: { en: 'Not compliant', da: 'Ikke i orden' },
  unknown: { en: 'Unknown (no text)', da: 'Ukendt (ingen tekst)' },
};

/** Nudge kinds (`marts.nudges.kind`). */
export const NUDGE_KIND_NAMES: Record<string, Texts> = {
  inactive: { en: 'Inactive', da: 'Inaktiv' },
  disclosure: { en: 'Disclosure', da: 'Oplysning om ansættelse' },
  unshared_content: { en: 'Content not shared', da: 'Indhold ikke delt' },
  content: { en: 'Content not shared', da: 'Indhold ikke delt' },
};

/** A known name in the report's language, or the value as the mart spells it (with `_` as spaces). */
export function nameOf(table: Record<string, Texts>, key: string, format: Pick<Format, 'language'>): string {
  const known = table[key];
  if (known) return known[format.language];
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The text in the report's language. */
export function text(texts: Texts, language: Language): string {
  return texts[language];
}
