/**
 * The program lead's sentences where ties and small programs are easy to misread: equal
 * share rates, a shared first place, and a program too small for any group comparison.
 * Each in English and Danish.
 */
import { describe, expect, it } from 'vitest';
import { contentTypeFacts } from '../../../reports/charts/content-performance.ts';
import { leaderboardFacts } from '../../../reports/charts/leaderboard.ts';
import type { Shown } from '../../../reports/anonymise.ts';
import { createFormat } from '../../../reports/format.ts';
import type { LeaderboardRow } from '../../../reports/marts.ts';
import { contentTypeTitle, leaderboardSentence, leaderboardTitle } from '../../../reports/narrative/program.ts';
import { programPage } from '../../../reports/pages/program.ts';
import { cohortComparisonRows, contentByTypeRows, fullProgramMarts, shownLeaderboardRows } from '../fixtures-more.ts';
import { martRow } from '../mart-row.ts';

const en = createFormat({ locale: 'en-GB', currency: 'DKK' });
const da = createFormat({ locale: 'da-DK', currency: 'DKK', language: 'da' });

function shareRates(rates: Record<string, number>) {
  return Object.entries(rates).map(([value, rate]) => martRow('content_performance_by_type', { dimension: 'content_type', value, items: 2, share_rate: rate }));
}

function standings(points: Record<string, number>) {
  const sorted = Object.entries(points).sort(([, a], [, b]) => b - a);
  return sorted.map(
    ([name, value]) =>
      martRow('leaderboard', {
        period_kind: 'month',
        contest: 'September 2026',
        is_current: true,
        rank: 1 + sorted.filter(([, other]) => other > value).length,
        participants: sorted.length,
        ambassador_id: name,
        display_name: name,
        points: value,
      }) as Shown<LeaderboardRow>,
  );
}

describe('reports/narrative/program', () => {
  it('content types shared equally are said to be equal in one sentence, not "most (100%), least (100%)"', () => {
    const equal = contentTypeFacts(shareRates({ article: 1, job_post: 1, video: 1 }));
    expect(contentTypeTitle(equal, en)).toBe('All 3 content types are shared by 100% of those eligible');
    expect(contentTypeTitle(equal, da)).toBe(`Alle 3 indholdstyper deles af ${da.percent(1)} af dem, der kan`);

    const tiedAtTop = contentTypeFacts(shareRates({ article: 0.5, job_post: 0.5, video: 0.25 }));
    expect(contentTypeTitle(tiedAtTop, en)).toBe('Article and Job post are shared most (50% of those eligible), Video least (25%)');
    expect(contentTypeTitle(tiedAtTop, da)).toBe(`Article og Job post deles mest (${da.percent(0.5)} af dem, der kan), Video mindst (${da.percent(0.25)})`);

    expect(contentTypeTitle(contentTypeFacts(contentByTypeRows()), en)).toBe('Article is shared most (42% of those eligible), Infographic least (4%)');
  });

  it('a leader tied with another is said to be tied, with both names, not "10 ahead of the next"', () => {
    const two = leaderboardFacts(standings({ Anna: 10, Bo: 10, Cai: 0 }));
    expect(leaderboardTitle(two, en)).toBe('Anna and Bo share first place in September 2026 with 10 points');
    expect(leaderboardSentence(two, en)).toBe(
      '3 ambassadors take part in September 2026; Anna and Bo are tied at the top with 10 points each, 10 ahead of the next. Ties share a rank.',
    );
    expect(leaderboardSentence(two, da)).toBe(
      '3 ambassadører deltager i September 2026; Anna og Bo deler førstepladsen med 10 point hver, 10 foran den næste. Lige mange point giver samme placering.',
    );

    const everyone = leaderboardFacts(standings({ Anna: 10, Bo: 10, Cai: 10 }));
    expect(leaderboardSentence(everyone, en)).toBe(
      '3 ambassadors take part in September 2026; 3 ambassadors are tied at the top with 10 points each. Ties share a rank.',
    );

    const single = leaderboardFacts(shownLeaderboardRows());
    expect(leaderboardSentence(single, en)).toBe(
      '5 ambassadors take part in Forårskampagnen; the leader has 420 points, 40 ahead of the next. Ties share a rank.',
    );
  });

  it('a program too small for any group comparison gets one sentence instead of a table of "too few to compare"', async () => {
    const tooFew = cohortComparisonRows().map((row) => ({ ...row, n_a: 2, n_b: 3, diff: null, verdict: 'too few to compare' }));
    for (const [language, sentence] of [
      [
        'en',
        'Cohort comparisons are left out: in all 5 comparisons between groups (cohort, department, location, trained or not, leader or staff, lead’s team) a group is below the minimum size (by default 5 ambassadors) or too uniform, so none can be compared.',
      ],
      [
        'da',
        'Kohortesammenligninger er udeladt: i alle 5 sammenligninger mellem grupper (kohorte, afdeling, lokation, trænet eller ej, leder eller medarbejder, programleders team) er en gruppe under minimumsstørrelsen (som standard 5 ambassadører) eller for ens, så ingen kan sammenlignes.',
      ],
    ] as const) {
      const page = await programPage({ ...fullProgramMarts(), cohortComparison: tooFew }, { companyName: 'Nordlys', language });
      expect(page.charts.map((chart) => chart.name)).not.toContain('cohort-comparison');
      expect(page.notes).toContain(sentence);
    }
    const compared = await programPage(fullProgramMarts(), { companyName: 'Nordlys', language: 'en' });
    expect(compared.charts.map((chart) => chart.name)).toContain('cohort-comparison');
  });
});
