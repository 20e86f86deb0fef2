/**
 * Narrative for the leadership report's cost breakdown: where each cost comes from (a
 * costs file's lines, or people's time priced with the config's `costs.*` settings),
 * and why a line counts only in part or not at all. Pure functions of mart rows
 * (`marts.cost_sources`, `cost_lines`, `cost_settings`) and a `Format`.
 */
import type { Format } from '../format.ts';
import { COMPONENT_NAMES, nameOf } from '../i18n.ts';
import type { CostLineRow, CostSettingRow, CostSourceRow } from '../marts.ts';

/** A cost category's name; a costs file's `time` lines are time recorded there, not computed. */
export function costComponentName(category: string, format: Format): string {
  return nameOf(COMPONENT_NAMES, category === 'time' ? 'time_recorded' : category, format);
}

/** An amount in the currency it was entered in: `DKK 3,000`, or `500 EUR` for a line in another currency. */
export function enteredAmount(amount: number, currency: string, format: Format): string {
  return currency === format.currency ? format.money(amount) : `${format.integer(amount)} ${currency}`;
}

/** `costs.minutes_per_post = 15 (default), costs.ambassador_hourly_rate = 450 (default)`: the settings a computed component was priced with. */
export function settingsText(component: string, settings: readonly CostSettingRow[], format: Format): string {
  return [...settings]
    .filter((setting) => setting.component === component)
    .sort((a, b) => a.position - b.position)
    .map((setting) => {
      const origin = setting.is_default ? format.t({ en: 'default', da: 'standard' }) : format.t({ en: 'set in the config', da: 'sat i config' });
      return `${setting.setting} = ${setting.value} (${origin})`;
    })
    .join(', ');
}

/** Where a category's amounts come from: `costs.csv, 12 lines`, or `config: costs.minutes_per_post = 15 (default), …`. */
export function costSourceText(row: CostSourceRow, settings: readonly CostSettingRow[], format: Format): string {
  if (row.source_kind === 'config') return `config: ${settingsText(row.category, settings, format)}`;
  const lines = row.components === 1 ? format.t({ en: 'line', da: 'linje' }) : format.t({ en: 'lines', da: 'linjer' });
  return `${row.source}, ${format.integer(row.components)} ${lines}`;
}

/** `costs.csv line 50 (Platform, “Licence”)`, or `Program leads’ time, November 2026`. */
function lineName(line: CostLineRow, format: Format, withNote: boolean): string {
  const component = costComponentName(line.category, format);
  if (line.source_kind === 'config') return `${component}, ${format.month(line.period_start)}`;
  const note = withNote && line.note ? `, “${line.note}”` : '';
  return `${line.source_file ?? line.source} ${format.t({ en: 'line', da: 'linje' })} ${line.source_line ?? '?'} (${component}${note})`;
}

/**
 * Why a line counts only in part or not at all, e.g. `costs.csv line 50 (Platform,
 * “Licence”): DKK 3,000 for 1 – 30 November 2026, counted DKK 1,100 for 1 – 11 November
 * 2026: the data ends on 11 November 2026.` Null for a line
 * counted whole. `withNote: false` leaves the line's own note out (anonymised reports).
 */
export function prorationSentence(line: CostLineRow, format: Format, { withNote = true }: { withNote?: boolean } = {}): string | null {
  const t = format.t;
  const who = lineName(line, format, withNote);
  const entered = `${enteredAmount(line.amount_entered ?? 0, line.currency, format)} ${t({ en: 'for', da: 'for' })} ${format.dateRange(line.period_start, line.period_end)}`;
  const counted = format.money(line.amount_counted);
  const countedSpan = line.counted_start && line.counted_end ? format.dateRange(line.counted_start, line.counted_end) : '';
  const dataEnds = line.data_ends_on ? format.date(line.data_ends_on) : '';
  switch (line.proration_reason) {
    case 'data_ends':
      return t({
        en: `${who}: ${entered}, counted ${counted} for ${countedSpan}: the data ends on ${dataEnds}.`,
        da: `${who}: ${entered}, talt med ${counted} for ${countedSpan}: data slutter ${dataEnds}.`,
      });
    case 'after_data_end':
      return t({
        en: `${who}: ${entered}, not counted: the data ends on ${dataEnds}, before the period starts.`,
        da: `${who}: ${entered}, ikke talt med: data slutter ${dataEnds}, før perioden begynder.`,
      });
    case 'no_activity':
      return t({
        en: `${who}: ${entered}, not counted: there is no ambassadors’ activity yet.`,
        da: `${who}: ${entered}, ikke talt med: der er endnu ingen aktivitet fra ambassadørerne.`,
      });
    case 'other_currency':
      return t({
        en: `${who}: ${entered}, not counted: only lines in ${format.currency}, the program’s currency, count.`,
        da: `${who}: ${entered}, ikke talt med: kun linjer i ${format.currency}, programmets valuta, tælles med.`,
      });
    case 'part_of_month':
      return t({
        en: `${who}: counted ${counted} for ${line.days_counted} of the month’s ${line.period_days} days (${countedSpan}): program leads’ time counts on the program’s days with someone enrolled, up to the last day with data (${dataEnds}).`,
        da: `${who}: talt med ${counted} for ${line.days_counted} af månedens ${line.period_days} dage (${countedSpan}): programledernes tid tælles på programmets dage med tilmeldte ambassadører, til og med sidste dag med data (${dataEnds}).`,
      });
    default:
      return null;
  }
}

/** Whether people's time is counted, and from where: the config's switch, the costs file's time lines, or the config's rates. */
export function peopleTimeSentence(sources: readonly CostSourceRow[], settings: readonly CostSettingRow[], format: Format): string {
  const t = format.t;
  const off = settings.some((setting) => setting.setting === 'costs.people_time' && setting.value === 'false');
  if (off) {
    return t({
      en: 'People’s time is not counted (costs.people_time: false): only the costs files’ lines are.',
      da: 'Medarbejdernes tid tælles ikke med (costs.people_time: false): kun omkostningsfilernes linjer.',
    });
  }
  const computed = sources.some((row) => row.source_kind === 'config');
  const recorded = sources.some((row) => row.category === 'time');
  if (!computed && !recorded) return '';
  if (!computed) {
    return t({
      en: 'People’s time comes from the costs file’s time lines; the config’s rates would price it only in a month without such lines.',
      da: 'Medarbejdernes tid kommer fra omkostningsfilens tidslinjer; config-satserne ville kun prissætte den i en måned uden sådanne linjer.',
    });
  }
  return t({
    en: 'Ambassadors’ and program leads’ time is priced with the config’s settings in each month whose costs file has no time lines; costs.people_time: false leaves it out.',
    da: 'Ambassadørernes og programledernes tid prissættes med config-indstillingerne i hver måned, hvor omkostningsfilen ikke har tidslinjer; costs.people_time: false udelader den.',
  });
}
