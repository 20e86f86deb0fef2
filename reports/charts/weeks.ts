import type { StringFieldDef } from 'vega-lite/types_unstable/channeldef.js';
import type { Encoding } from 'vega-lite/types_unstable/encoding.js';
import { compareText, type Format, isoDate } from '../format.ts';
import type { ProgramWeeklyRow } from '../marts.ts';

/** Week-on-week comparisons compare complete weeks: a part week at the end of the data is set apart. */

/** A week with the days the data cover (`days_with_data` of `marts.program_weekly` and `marts.participation_weekly`). */
export interface WeekCoverage {
  days_with_data: number;
}

/**
 * The weeks (oldest first) split into the complete ones and the part week at the end, if
 * the data cover fewer than 7 of its days; only the last week can be one.
 */
export function splitPartWeek<T extends WeekCoverage>(weeks: readonly T[]): { complete: T[]; partWeek: T | null } {
  const last = weeks[weeks.length - 1];
  if (last === undefined || last.days_with_data >= 7) return { complete: [...weeks], partWeek: null };
  return { complete: weeks.slice(0, -1), partWeek: last };
}

/** The program's weeks as a weekly chart draws them, oldest first: each week with the measures the chart takes from its row. */
export function programWeeks<T extends object>(
  rows: readonly ProgramWeeklyRow[],
  measures: (row: ProgramWeeklyRow) => T,
): ({ week_start: string; iso_week: string } & T)[] {
  return rows
    .map((row) => ({ week_start: isoDate(row.week_start), iso_week: row.iso_week, ...measures(row) }))
    .sort((a, b) => compareText(a.week_start, b.week_start));
}

/** A weekly chart's encoding: the ISO weeks along the x axis, and the week first in the tooltip, before the chart's own fields. */
export function isoWeekEncoding(format: Format, tooltip: StringFieldDef<string>[]): Encoding<string> {
  const week = format.t({ en: 'ISO week', da: 'ISO-uge' });
  return {
    x: { field: 'iso_week', type: 'ordinal', sort: 'ascending', title: week, axis: { labelAngle: -45 } },
    tooltip: [{ field: 'iso_week', type: 'ordinal', title: week }, ...tooltip],
  };
}
