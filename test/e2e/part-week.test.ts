/**
 * A part week at the end of the data (its days_with_data under 7) is not compared with
 * full weeks: the weekly comparisons compare the latest complete week, and say that the
 * latest week is partial and how many days it has. On the demo program, 2026-W44 has six.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { participationFacts } from '../../reports/charts/participation.ts';
import { weeklyTrafficFacts } from '../../reports/charts/weekly-traffic.ts';
import { participationData, type ParticipationDatum } from '../../reports/contracts.ts';
import { createFormat } from '../../reports/format.ts';
import type { ParticipationWeeklyRow, ProgramWeeklyRow } from '../../reports/marts.ts';
import { participationSentence, participationTitle } from '../../reports/narrative/program.ts';
import { weeklyTrafficTitle } from '../../reports/narrative/sentences.ts';
import { demoBuild, withDemoWarehouse } from '../helpers/demo.ts';

const en = createFormat({ language: 'en', locale: 'en-GB' });
const da = createFormat({ language: 'da', locale: 'da-DK' });

/** Six weeks from 21 September 2026 (2026-W39 to 2026-W44), the last with `lastDays` days of data. */
function programWeeks(sessions: number[], lastDays: number): ProgramWeeklyRow[] {
  return sessions.map((count, index) => ({
    week_start: new Date(Date.UTC(2026, 8, 21 + 7 * index)),
    iso_week: `2026-W${39 + index}`,
    ambassadors_enrolled: 10,
    ambassadors_active: 5,
    posts: 8,
    impressions: 1000,
    sessions: count,
    all_sessions: count * 4,
    leads: 1,
    all_leads: 3,
    applications: 0,
    all_applications: 1,
    value: 100,
    days_with_data: index === sessions.length - 1 ? lastDays : 7,
  }));
}

function participationWeeks(rates: [number, number][], lastDays: number): ParticipationDatum[] {
  return programWeeks(
    rates.map(() => 0),
    lastDays,
  ).map((week, index) => ({
    week_start: week.week_start.toISOString().slice(0, 10),
    enrolled: rates[index]![1],
    active: rates[index]![0],
    rate: rates[index]![0] / rates[index]![1],
    new_ambassadors: 0,
    lapsed: 0,
    never_active: 0,
    days_with_data: week.days_with_data,
  }));
}

describe('a part week is not compared with full weeks: the comparisons use complete weeks and name the part week and its days', () => {
  it('weekly traffic compares the latest complete week with the four before it, and names the part week and its days', () => {
    // 2026-W40 to W43 average 500; W44, six days, has 400.
    const facts = weeklyTrafficFacts(programWeeks([900, 400, 500, 600, 500, 400], 6));
    expect(facts).toMatchObject({
      latestWeek: '2026-W43',
      latestSessions: 500,
      baselineWeeks: 4,
      baselineSessions: 600,
      partialWeek: { isoWeek: '2026-W44', days: 6 },
    });
    expect(weeklyTrafficTitle(facts, en)).toBe(
      'Ambassadors drove 500 sessions in week 2026-W43, down 17% on the 4-week average; the latest week, 2026-W44, is partial (6 days)',
    );
    expect(weeklyTrafficTitle(facts, da)).toBe(
      'Ambassadørerne gav 500 sessioner i uge 2026-W43, 17\u00a0% under gennemsnittet af de 4 uger før; den seneste uge, 2026-W44, er delvis (6 dage)',
    );
    // With every week complete, the latest is compared as before.
    const full = weeklyTrafficFacts(programWeeks([900, 400, 500, 600, 500, 400], 7));
    expect(full).toMatchObject({ latestWeek: '2026-W44', latestSessions: 400, baselineSessions: 500, partialWeek: null });
    expect(weeklyTrafficTitle(full, en)).toBe('Ambassadors drove 400 sessions in week 2026-W44, down 20% on the 4-week average');
  });

  it('participation compares the latest complete week with four weeks earlier, and names the part week and its days', () => {
    const facts = participationFacts(
      participationWeeks(
        [
          [4, 10],
          [5, 10],
          [5, 10],
          [6, 10],
          [6, 10],
          [3, 10],
        ],
        6,
      ),
    );
    expect(facts).toMatchObject({
      latestWeek: '2026-10-19',
      latestRate: 0.6,
      earlierWeek: '2026-09-21',
      earlierRate: 0.4,
      partialWeek: { weekStart: '2026-10-26', days: 6 },
    });
    expect(participationTitle(facts, en)).toBe(
      '60% of enrolled ambassadors were active in the week of 19 October 2026, against 40% four weeks earlier; the latest week, from 26 October 2026, is partial (6 days)',
    );
    expect(participationTitle(facts, da)).toBe(
      '60\u00a0% af de tilmeldte ambassadører var aktive i ugen fra 19. oktober 2026, mod 40\u00a0% fire uger før; den seneste uge, fra 26. oktober 2026, er delvis (6 dage)',
    );
    expect(participationSentence(facts, en)).toBe('In the latest complete week 6 of 10 ambassadors posted at least once.');
    expect(participationSentence(facts, da)).toBe('I den seneste hele uge delte 6 af 10 ambassadører mindst én gang.');
    const full = participationFacts(
      participationWeeks(
        [
          [4, 10],
          [5, 10],
          [5, 10],
          [6, 10],
          [6, 10],
          [3, 10],
        ],
        7,
      ),
    );
    expect(full).toMatchObject({ latestWeek: '2026-10-26', earlierWeek: '2026-09-28', partialWeek: null });
    expect(participationSentence(full, en)).toBe('In the latest week 3 of 10 ambassadors posted at least once.');
  });

  it('on the demo program, the comparisons use 2026-W43, not the six days of 2026-W44, in both reports', async () => {
    const { weeks, participation } = await withDemoWarehouse(async (warehouse) => ({
      weeks: await warehouse.all<ProgramWeeklyRow>(`select * from marts.program_weekly order by week_start`),
      participation: await warehouse.all<ParticipationWeeklyRow>(`select * from marts.participation_weekly order by week_start`),
    }));
    expect(weeks.at(-1)).toMatchObject({ iso_week: '2026-W44', days_with_data: 6 });
    const traffic = weeklyTrafficFacts(weeks);
    const complete = weeks.slice(0, -1);
    const average = complete.slice(-5, -1).reduce((sum, week) => sum + week.sessions, 0) / 4;
    expect(traffic).toMatchObject({
      latestWeek: '2026-W43',
      latestSessions: complete.at(-1)!.sessions,
      baselineSessions: average,
      partialWeek: { isoWeek: '2026-W44', days: 6 },
    });
    expect(participationFacts(participationData(participation))).toMatchObject({
      latestWeek: '2026-10-19',
      earlierWeek: '2026-09-21',
      partialWeek: { weekStart: '2026-10-26', days: 6 },
    });
    const latest = join(demoBuild().root, 'out/latest');
    const text = (file: string) =>
      readFileSync(join(latest, file), 'utf8')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
    expect(text('leadership.html')).toContain(`sessions in week 2026-W43,`);
    expect(text('leadership.html')).toContain('the latest week, 2026-W44, is partial (6 days)');
    expect(text('program.html')).toContain('were active in the week of 19 October 2026, against');
    expect(text('program.html')).toContain('the latest week, from 26 October 2026, is partial (6 days)');
  });
});
