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
