/**
 * Mart rows for the sections beyond the skeleton's five, in the column contracts of
 * issues 4, 5 and 6 (and the columns the ROI and program-lead marts have as built):
 * ROI by period, the attribution summary, Markov removal effects, cohort comparisons
 * (one pair too few to compare), the training effect, leaders' example, the leaderboard
 * (a tie, an opt-out), content performance, the disclosure audit and nudges. Hand-made
 * and small, so every chart's numbers can be checked by eye.
 */
import { createAnonymiser, type Shown } from '../../reports/anonymise.ts';
import type { Language } from '../../reports/format.ts';
import type { AttributionMarts } from '../../reports/pages/attribution.ts';
import type { LeadershipMarts } from '../../reports/pages/leadership.ts';
import type { ProgramMarts } from '../../reports/pages/program.ts';
import type {
  AttributionSummaryRow,
  CohortActivityRow,
  CohortActivityWeeklyRow,
  CohortComparisonRow,
  ContentPerformanceByTypeRow,
  ContentPerformanceRow,
  DisclosureByPlatformRow,
  DisclosureFollowupRow,
  LeaderboardRow,
  MarkovRemovalEffectRow,
  LeaderExampleRow,
  NudgeRow,
  ParticipationWeeklyRow,
  ReachComparisonRow,
  RoiByPeriodRow,
  TrainingEffectRow,
} from '../../reports/marts.ts';
import { martRow } from './mart-row.ts';
import { fixtureMarts } from './fixtures.ts';
import { fixtureFigures } from './fixture-figures.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function roiRow(
  period: string,
  start: string,
  model: string,
  value: { emv: number; leads: number; applications: number; hires: number },
  cost: { platform: number; training: number; content: number; ambassador_time: number },
  interval: [number, number],
): RoiByPeriodRow {
  const valueTotal = value.emv + value.leads + value.applications + value.hires;
  const costTotal = cost.platform + cost.training + cost.content + cost.ambassador_time;
  return martRow('roi_by_period', {
    period,
    period_start: day(start),
    model,
    value_emv: value.emv,
    value_leads: value.leads,
    value_applications: value.applications,
    value_hires: value.hires,
    value_total: valueTotal,
    cost_platform: cost.platform,
    cost_training: cost.training,
    cost_content: cost.content,
    cost_ambassador_time: cost.ambassador_time,
    cost_total: costTotal,
    roi: (valueTotal - costTotal) / costTotal,
    roi_low: interval[0],
    roi_high: interval[1],
  });
}

export function roiByPeriodRows(): RoiByPeriodRow[] {
  const month = (start: string, factor: number, interval: [number, number]) =>
    roiRow(
      'month',
      start,
      'last_touch',
      { emv: 40_000 * factor, leads: 15_000 * factor, applications: 6_000, hires: factor > 1 ? 45_000 : 0 },
      { platform: 8_000, training: 5_000, content: 12_000, ambassador_time: 30_000 },
      interval,
    );
  return [
    month('2026-03-01', 0.6, [-0.8, -0.2]),
    month('2026-04-01', 1.1, [-0.2, 0.9]),
    month('2026-05-01', 1.4, [0.3, 1.6]),
    roiRow(
      'program',
      '2026-03-01',
      'last_touch',
      { emv: 124_000, leads: 46_500, applications: 18_000, hires: 90_000 },
      { platform: 24_000, training: 15_000, content: 36_000, ambassador_time: 90_000 },
      [0.35, 0.95],
    ),
    roiRow(
      'program',
      '2026-03-01',
      'linear',
      { emv: 124_000, leads: 52_000, applications: 20_000, hires: 90_000 },
      { platform: 24_000, training: 15_000, content: 36_000, ambassador_time: 90_000 },
      [0.4, 1.05],
    ),
    roiRow(
      'program',
      '2026-03-01',
      'first_touch',
      { emv: 124_000, leads: 38_000, applications: 15_000, hires: 45_000 },
      { platform: 24_000, training: 15_000, content: 36_000, ambassador_time: 90_000 },
      [-0.1, 0.6],
    ),
  ];
}

export function attributionSummaryRows(): AttributionSummaryRow[] {
  const rows: AttributionSummaryRow[] = [];
  const models: [string, number][] = [
    ['last_touch', 1],
    ['first_touch', 1.2],
    ['linear', 1.1],
  ];
  for (const [model, factor] of models) {
    for (const [kind, advocacy, search] of [
      ['lead', 43, 60],
      ['application', 30, 20],
    ] as const) {
      rows.push(
        martRow('attribution_summary', {
          model,
          granularity: 'program',
          outcome_kind: kind,
          channel: 'Employee advocacy',
          credited_outcomes: advocacy * factor,
          credited_value: advocacy * factor * 1500,
        }),
      );
      rows.push(
        martRow('attribution_summary', {
          model,
          granularity: 'program',
          outcome_kind: kind,
          channel: 'Organic Search',
          credited_outcomes: search + advocacy * (1 - factor),
          credited_value: (search + advocacy * (1 - factor)) * 1500,
        }),
      );
      rows.push(
        martRow('attribution_summary', {
          model,
          granularity: 'program',
          outcome_kind: kind,
          channel: '(unattributed)',
          credited_outcomes: 10,
          credited_value: 15_000,
        }),
      );
      for (const [id, share] of [
        ['amb-02', 0.4],
        ['amb-01', 0.3],
        ['amb-05', 0.3],
      ] as const) {
        const credit = advocacy * factor * (model === 'first_touch' && id === 'amb-05' ? share * 2 : share);
        rows.push(
          martRow('attribution_summary', {
            model,
            granularity: 'ambassador',
            outcome_kind: kind,
            channel: id,
            credited_outcomes: credit,
            credited_value: credit * 1500,
          }),
        );
      }
      rows.push(
        martRow('attribution_summary', {
          model,
          granularity: 'ambassador',
          outcome_kind: kind,
          channel: 'Organic Search',
          credited_outcomes: search,
          credited_value: search * 1500,
        }),
      );
    }
  }
  return rows;
}

export function removalEffectRows(): MarkovRemovalEffectRow[] {
  return [
    martRow('markov_removal_effects', { granularity: 'program', outcome_kind: 'all', channel: 'Employee advocacy', removal_effect: 0.42, share: 0.38 }),
    martRow('markov_removal_effects', { granularity: 'program', outcome_kind: 'all', channel: 'Organic Search', removal_effect: 0.51, share: 0.46 }),
    martRow('markov_removal_effects', { granularity: 'program', outcome_kind: 'all', channel: 'Email', removal_effect: 0.18, share: 0.16 }),
    martRow('markov_removal_effects', { granularity: 'program', outcome_kind: 'lead', channel: 'Email', removal_effect: 0.9, share: 0.9 }),
    martRow('markov_removal_effects', { granularity: 'program', outcome_kind: 'application', channel: 'Organic Search', removal_effect: 0.6, share: 0.6 }),
  ];
}

export function cohortComparisonRows(): CohortComparisonRow[] {
  const row = (
    dimension: string,
    metric: string,
    a: string,
    b: string,
    n: [number, number],
    diff: number | null,
    ci: [number, number] | null,
    verdict: string,
  ): CohortComparisonRow =>
    martRow('cohort_comparison', {
      dimension,
      metric,
      group_a: a,
      group_b: b,
      n_a: n[0],
      n_b: n[1],
      mean_a: diff === null ? 1.2 : 1.5 + diff,
      mean_b: 1.5,
      median_a: 1.4,
      median_b: 1.3,
      diff,
      ci_low: ci?.[0] ?? null,
      ci_high: ci?.[1] ?? null,
      p_welch: ci === null ? null : 0.01,
      p_permutation: ci === null ? null : 0.012,
      permutations: ci === null ? null : 10_000,
      p_permutation_se: ci === null ? null : 0.0011,
      p_adjusted: ci === null ? null : verdict === 'no clear difference' ? 0.4 : 0.03,
      hedges_g: ci === null || diff === null ? null : diff * 0.9,
      verdict,
    });
  return [
    row('cohort', 'posts_per_active_week', 'Pilot', 'Bølge 2', [6, 8], 0.9, [0.3, 1.5], 'higher in group_a'),
    row('cohort', 'posts_per_active_week', 'Pilot', 'Bølge 3', [6, 3], null, null, 'too few to compare'),
    row('cohort', 'engagement_rate', 'Pilot', 'Bølge 2', [6, 8], 0.002, [-0.004, 0.008], 'no clear difference'),
    row('trained', 'posts_per_active_week', 'trained', 'untrained', [9, 5], 0.6, [0.1, 1.1], 'higher in group_a'),
    // The mart gives the difference of a pair too uniform to compare, but no interval or test.
    row('leader', 'posts_per_active_week', 'leader', 'staff', [6, 46], -1.1, null, 'too uniform to compare'),
  ];
}

/**
 * Posting per cohort over four weeks; per ambassador Bølge 2 posts a little more than the
 * pilot (2.17 against 2.14 posts per active week), which one very active pilot
 * ambassador would reverse if the cohorts' posts were pooled.
 */
export function cohortActivityWeeklyRows(): CohortActivityWeeklyRow[] {
  const weeks: [string, string][] = [
    ['2026-04-13', '2026-W16'],
    ['2026-04-20', '2026-W17'],
    ['2026-04-27', '2026-W18'],
    ['2026-05-04', '2026-W19'],
  ];
  const cohorts: [string, [number, number][]][] = [
    [
      'Bølge 2',
      [
        [3, 7],
        [4, 9],
        [4, 8],
        [3, 6],
      ],
    ],
    [
      'Bølge 3',
      [
        [0, 0],
        [2, 2],
        [3, 4],
        [2, 2],
      ],
    ],
    [
      'Pilot',
      [
        [4, 10],
        [3, 7],
        [4, 9],
        [2, 5],
      ],
    ],
  ];
  return weeks.flatMap(([day, isoWeek]) =>
    cohorts.map(([cohort, cells]) => {
      const [active, posts] = cells[weeks.findIndex(([other]) => other === day)]!;
      return {
        cohort,
        week_start: new Date(`${day}T00:00:00Z`),
        iso_week: isoWeek,
        ambassadors_active: active,
        posts,
        posts_per_active_ambassador: active > 0 ? posts / active : null,
      };
    }),
  );
}

export function cohortActivityRows(): CohortActivityRow[] {
  return [
    { cohort: 'Bølge 2', ambassadors: 4, mean_posts_per_active_week: 2.17, median_posts_per_active_week: 2.1, program_weeks: 4 },
    { cohort: 'Bølge 3', ambassadors: 3, mean_posts_per_active_week: 1.1, median_posts_per_active_week: 1, program_weeks: 4 },
    { cohort: 'Pilot', ambassadors: 4, mean_posts_per_active_week: 2.14, median_posts_per_active_week: 1.5, program_weeks: 4 },
  ];
}

export function trainingEffectRows(): TrainingEffectRow[] {
  return [
    martRow('training_effect', {
      metric: 'posts_per_week',
      scope: 'overall',
      method: 'stacked difference in differences',
      effect: 0.8,
      ci_low: 0.3,
      ci_high: 1.3,
      n_trained: 9,
      n_control: 5,
    }),
    martRow('training_effect', {
      metric: 'posts_per_week',
      scope: 'training_week',
      method: 'stacked difference in differences',
      effect: 0.5,
      ci_low: -0.2,
      ci_high: 1.2,
      n_trained: 3,
      n_control: 5,
    }),
    martRow('training_effect', {
      metric: 'sessions_per_week',
      scope: 'overall',
      method: 'stacked difference in differences',
      effect: 2.5,
      ci_low: -0.5,
      ci_high: 5.5,
      n_trained: 9,
      n_control: 5,
    }),
  ];
}

export function leaderExampleRows(): LeaderExampleRow[] {
  return [
    martRow('leader_example', {
      leader_id: 'amb-01',
      leader_name: 'Søren Kjærgaard',
      metric: 'posts_per_active_week',
      leader_value: 2.1,
      team_size: 4,
      team_median: 1.8,
      is_below_team: false,
    }),
    martRow('leader_example', {
      leader_id: 'amb-05',
      leader_name: 'Jørgen Møller',
      metric: 'posts_per_active_week',
      leader_value: 0.6,
      team_size: 3,
      team_median: 1.4,
      is_below_team: true,
    }),
    martRow('leader_example', {
      leader_id: 'amb-05',
      leader_name: 'Jørgen Møller',
      metric: 'posts',
      leader_value: 6,
      team_size: 3,
      team_median: 14,
      is_below_team: true,
    }),
  ];
}

export function reachComparisonRows(): ReachComparisonRow[] {
  return ['2026-03-01', '2026-04-01', '2026-05-01'].flatMap((start, index) => [
    martRow('reach_comparison', {
      period: 'month',
      period_start: day(start),
      platform: 'all',
      measure: 'impressions',
      ambassadors_value: 60_000 + index * 15_000,
      company_page_value: 20_000 + index * 2_000,
    }),
    martRow('reach_comparison', {
      period: 'month',
      period_start: day(start),
      platform: 'all',
      measure: 'posts',
      ambassadors_value: 40,
      company_page_value: 12,
    }),
  ]);
}

export function participationRows(): ParticipationWeeklyRow[] {
  return fixtureMarts().programWeekly.map((row, index) =>
    martRow('participation_weekly', {
      week_start: row.week_start,
      iso_week: row.iso_week,
      enrolled: row.ambassadors_enrolled,
      active: row.ambassadors_active,
      new: index % 3 === 0 ? 4 : 0,
      lapsed: index > 2 ? 1 : 0,
      never_active: 0,
      participation_rate: row.ambassadors_enrolled > 0 ? row.ambassadors_active / row.ambassadors_enrolled : null,
      days_with_data: row.days_with_data,
    }),
  );
}

const base = {
  start_on: day('2026-04-01'),
  end_on: day('2026-05-10'),
  participants: 5,
  reactions: 10,
  comments: 2,
  shares: 1,
  clicks: 30,
  leads: 1,
  applications: 0,
  hires: 0,
  is_current: true,
};

export function leaderboardRows(names: Record<string, string> = {}): LeaderboardRow[] {
  const entry = (rank: number, id: string, name: string, points: number, optOut = false): LeaderboardRow =>
    martRow('leaderboard', {
      ...base,
      period_kind: 'contest',
      contest: 'Forårskampagnen',
      rank,
      ambassador_id: id,
      display_name: optOut ? null : (names[id] ?? name),
      is_opted_out: optOut,
      points,
      posts: Math.round(points / 10),
    });
  return [
    entry(1, 'amb-02', 'Mette Østergaard', 420),
    entry(2, 'amb-01', 'Søren Kjærgaard', 380),
    entry(2, 'amb-06', 'Åse Thygesen', 380),
    entry(4, 'amb-03', 'Anders Bæk', 250, true),
    entry(5, 'amb-10', 'Ida Krøyer', 90),
    { ...entry(1, 'amb-02', 'Mette Østergaard', 120), period_kind: 'month', contest: '2026-04', is_current: false },
  ];
}

/** The leaderboard as a report in `language` shows it: opt-outs in its word for anonymous. */
export function shownLeaderboardRows(language: Language = 'en'): Shown<LeaderboardRow>[] {
  return createAnonymiser({ enabled: false, language }).rows(leaderboardRows());
}

export function contentRows(title = 'Sådan bygger vi fremtidens energi'): ContentPerformanceRow[] {
  const item = (id: string, itemTitle: string, type: string, shares: number, outcomes: number, unshared = false): ContentPerformanceRow =>
    martRow('content_performance', {
      content_id: id,
      title: itemTitle,
      url: `https://nordlys.example/${id}`,
      content_type: type,
      origin: 'hub',
      published_on: day('2026-03-10'),
      eligible_ambassadors: 12,
      sharers: unshared ? 0 : Math.min(12, shares),
      share_rate: unshared ? 0 : Math.min(12, shares) / 12,
      shares,
      impressions: unshared ? null : shares * 900,
      engagements: unshared ? null : shares * 25,
      engagement_rate: unshared ? null : 25 / 900,
      clicks: shares * 7,
      outcomes_credited: outcomes,
      value_credited: outcomes * 1500,
      days_to_first_share: unshared ? null : 1,
      is_unshared: unshared,
    });
  return [
    item('c-01', title, 'article', 11, 9),
    item('c-02', 'Job: Elektriker til Aarhus', 'job_post', 8, 6),
    item('c-03', 'Podcast #4', 'podcast', 3, 1),
    item('c-04', 'Infografik: vindkraft', 'infographic', 0, 0, true),
  ];
}

export function contentByTypeRows(): ContentPerformanceByTypeRow[] {
  const row = (value: string, shareRate: number, items: number, unshared: number): ContentPerformanceByTypeRow =>
    martRow('content_performance_by_type', {
      dimension: 'content_type',
      value,
      items,
      items_shared: items - unshared,
      items_unshared: unshared,
      share_rate: shareRate,
      shares: Math.round(shareRate * 40),
      impressions: shareRate * 30_000,
      engagement_rate: 0.028,
      clicks: Math.round(shareRate * 300),
      outcomes_credited: Math.round(shareRate * 20),
      value_credited: Math.round(shareRate * 20) * 1500,
    });
  return [
    row('article', 0.42, 4, 0),
    row('job_post', 0.35, 3, 0),
    row('podcast', 0.12, 2, 0),
    row('infographic', 0.04, 2, 1),
    { ...row('hub', 0.3, 11, 1), dimension: 'origin' },
  ];
}

export function disclosureRows(): { byPlatform: DisclosureByPlatformRow[]; followup: DisclosureFollowupRow[] } {
  const counted = (platform: string, status: string, posts: number, ambassadors: number): DisclosureByPlatformRow =>
    martRow('disclosure_by_platform', { platform, status, posts, ambassadors });
  return {
    // Six posts: two compliant on LinkedIn, and on Facebook one compliant, two not (one
    // ambassador's) and one without text.
    byPlatform: [
      counted('facebook', 'compliant', 1, 1),
      counted('facebook', 'non_compliant', 2, 1),
      counted('facebook', 'unknown', 1, 1),
      counted('linkedin', 'compliant', 2, 2),
    ],
    followup: [
      martRow('disclosure_followup', {
        ambassador_id: 'amb-06',
        ambassador_name: 'Åse Thygesen',
        posts_audited: 2,
        non_compliant_posts: 2,
        unknown_posts: 0,
        last_non_compliant_on: day('2026-04-14'),
        last_non_compliant_post_url: 'https://www.facebook.com/posts/p4',
        needs_follow_up: true,
      }),
      martRow('disclosure_followup', {
        ambassador_id: 'amb-01',
        ambassador_name: 'Søren Kjærgaard',
        posts_audited: 1,
        non_compliant_posts: 0,
        unknown_posts: 0,
        last_non_compliant_on: null,
        last_non_compliant_post_url: null,
        needs_follow_up: false,
      }),
    ],
  };
}

export function nudgeRows(detail = 'Last post on 2026-04-02 (5 weeks before 2026-05-10)'): NudgeRow[] {
  return [
    martRow('nudges', {
      nudge_id: 'inactive:amb-11',
      kind: 'inactive',
      ambassador_id: 'amb-11',
      ambassador_name: 'Niels Ærenlund',
      content_id: null,
      detail,
      since: day('2026-04-02'),
      as_of_on: day('2026-05-10'),
    }),
    martRow('nudges', {
      nudge_id: 'disclosure:amb-06',
      kind: 'disclosure',
      ambassador_id: 'amb-06',
      ambassador_name: 'Åse Thygesen',
      content_id: null,
      detail: '2 posts do not make the employment evident',
      since: day('2026-04-14'),
      as_of_on: day('2026-05-10'),
    }),
  ];
}

/** The leadership page's marts with every section present. */
export function fullLeadershipMarts(options: Parameters<typeof fixtureMarts>[0] = {}): LeadershipMarts & { summary: NonNullable<LeadershipMarts['summary']> } {
  const marts = fixtureMarts(options);
  return {
    ...marts,
    figures: fixtureFigures(marts.summary, roiByPeriodRows()),
    roiByPeriod: roiByPeriodRows(),
    attributionSummary: attributionSummaryRows(),
    contentPerformance: contentRows(),
    reachComparison: reachComparisonRows(),
    leaderExample: leaderExampleRows(),
  };
}

export function fullProgramMarts(options: Parameters<typeof fixtureMarts>[0] = {}, hostile?: string): ProgramMarts {
  const marts = fixtureMarts(options);
  const disclosure = disclosureRows();
  return {
    summary: marts.summary,
    programWeekly: marts.programWeekly,
    ambassadorTotals: marts.ambassadorTotals,
    cohortComparison: cohortComparisonRows(),
    cohortActivityWeekly: cohortActivityWeeklyRows(),
    cohortActivity: cohortActivityRows(),
    leaderboard: leaderboardRows(),
    contentPerformance: contentRows(hostile),
    contentByType: contentByTypeRows(),
    disclosureByPlatform: disclosure.byPlatform,
    disclosureFollowup: disclosure.followup,
    nudges: nudgeRows(hostile),
    participationWeekly: participationRows(),
    trainingEffect: trainingEffectRows(),
  };
}

export function fullAttributionMarts(options: Parameters<typeof fixtureMarts>[0] = {}): AttributionMarts {
  const marts = fixtureMarts(options);
  return {
    summary: marts.summary,
    attributionSummary: attributionSummaryRows(),
    removalEffects: removalEffectRows(),
    roiByPeriod: roiByPeriodRows(),
    ambassadorTotals: marts.ambassadorTotals,
  };
}
