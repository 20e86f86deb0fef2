import { describe, expect, it } from 'vitest';
import { createFormat } from '../../../reports/format.ts';
import {
  cohortActivitySentence,
  cohortActivityTitle,
  goalProgressSentence,
  goalProgressTitle,
  headlineSentence,
  noDataSentence,
  topAmbassadorsSentence,
  topAmbassadorsTitle,
  weeklyActivitySentence,
  weeklyActivityTitle,
  weeklyTrafficSentence,
  weeklyTrafficTitle,
  type GoalProgressFacts,
  type HeadlineFacts,
  type TopAmbassadorsFacts,
  type WeeklyActivityFacts,
  type WeeklyTrafficFacts,
} from '../../../reports/narrative/sentences.ts';

const en = createFormat({ locale: 'en-GB', currency: 'DKK' });
const da = createFormat({ locale: 'da-DK', currency: 'DKK' });

const headline: HeadlineFacts = {
  periodStart: new Date('2026-05-01T00:00:00Z'),
  ambassadorsEnrolled: 60,
  ambassadorsActive: 52,
  posts: 1204,
  sessions: 9870,
  leads: 143,
  allLeads: 376,
};

describe('reports/narrative/sentences', () => {
  describe('headline', () => {
    it('states who posted how often and what their links brought (en-GB)', () => {
      expect(headlineSentence(headline, en)).toBe(
        'Since 1 May 2026, 52 of 60 ambassadors posted 1,204 times; their links brought 9,870 sessions and 143 leads, 38% of all leads.',
      );
    });

    it('writes numbers and dates the Danish way (da-DK)', () => {
      expect(headlineSentence(headline, da)).toBe(
        'Since 1. maj 2026, 52 of 60 ambassadors posted 1.204 times; their links brought 9.870 sessions and 143 leads, 38\u00a0% of all leads.',
      );
    });

    it('handles singulars, fractional credit, and no leads', () => {
      expect(
        headlineSentence(
          { ...headline, periodStart: '2026-03-02', ambassadorsEnrolled: 1, ambassadorsActive: 1, posts: 1, sessions: 1, leads: 12.5, allLeads: 50 },
          en,
        ),
      ).toBe('Since 2 March 2026, 1 of 1 ambassador posted once; their links brought 1 session and 12.5 leads, 25% of all leads.');
      expect(headlineSentence({ ...headline, posts: 2, leads: 0, allLeads: 0 }, da)).toBe(
        'Since 1. maj 2026, 52 of 60 ambassadors posted twice; their links brought 9.870 sessions and no leads yet.',
      );
    });

    it('says when there is no data yet', () => {
      expect(noDataSentence('Nordlys Energi A/S')).toBe(
        'There is no data yet for Nordlys Energi A/S: the warehouse holds no ambassador activity, so this report has nothing to show. ' +
          'Load the program’s exports and build the models, then run the report again.',
      );
    });
  });

  describe('weekly activity', () => {
    const facts: WeeklyActivityFacts = {
      weeks: 10,
      posts: 1204,
      averageActive: 41.5,
      peakWeek: '2026-W15',
      peakPosts: 160,
      latestWeek: '2026-W19',
      latestPosts: 130,
      latestActive: 44,
      latestEnrolled: 60,
    };

    it('titles and narrates in en-GB and da-DK', () => {
      expect(weeklyActivityTitle(facts, en)).toBe('Ambassadors posted 1,204 times in 10 weeks; 44 of 60 were active in 2026-W19');
      expect(weeklyActivityTitle(facts, da)).toBe('Ambassadors posted 1.204 times in 10 weeks; 44 of 60 were active in 2026-W19');
      expect(weeklyActivitySentence(facts, en)).toBe(
        'Over 10 weeks, ambassadors posted 1,204 times, 120.4 a week on average, with a peak of 160 in 2026-W15; on average 41.5 ambassadors were active each week.',
      );
      expect(weeklyActivitySentence(facts, da)).toBe(
        'Over 10 weeks, ambassadors posted 1.204 times, 120,4 a week on average, with a peak of 160 in 2026-W15; on average 41,5 ambassadors were active each week.',
      );
    });

    it('says so when nobody has posted', () => {
      const none = { ...facts, weeks: 0, posts: 0, peakWeek: null, latestWeek: null };
      expect(weeklyActivityTitle(none, en)).toBe('No posts by ambassadors yet');
      expect(weeklyActivitySentence(none, en)).toBe('No ambassador has posted yet, so there is no weekly activity to show.');
    });
  });

  describe('weekly traffic', () => {
    const facts: WeeklyTrafficFacts = {
      weeks: 10,
      sessions: 9870,
      allSessions: 82250,
      leads: 143,
      allLeads: 376,
      latestWeek: '2026-W41',
      latestSessions: 412,
      baselineWeeks: 4,
      baselineSessions: 349.15,
      partialWeek: null,
    };

    it('compares the latest week with the weeks before it', () => {
      expect(weeklyTrafficTitle(facts, en)).toBe('Ambassadors drove 412 sessions in week 2026-W41, up 18% on the 4-week average');
      expect(weeklyTrafficTitle({ ...facts, latestSessions: 1310, baselineSessions: 1400 }, da)).toBe(
        'Ambassadors drove 1.310 sessions in week 2026-W41, down 6\u00a0% on the 4-week average',
      );
      expect(weeklyTrafficTitle({ ...facts, baselineWeeks: 1, baselineSessions: 412 }, en)).toBe(
        'Ambassadors drove 412 sessions in week 2026-W41, level with the week before',
      );
      expect(weeklyTrafficTitle({ ...facts, baselineWeeks: 0, baselineSessions: null }, en)).toBe('Ambassadors drove 412 sessions in week 2026-W41');
    });

    it('states the shares of all sessions and leads', () => {
      expect(weeklyTrafficSentence(facts, en)).toBe(
        'Over 10 weeks, ambassadors’ links brought 9,870 sessions, 12% of all tracked sessions, and 143 credited leads, 38% of all leads.',
      );
      expect(weeklyTrafficSentence(facts, da)).toBe(
        'Over 10 weeks, ambassadors’ links brought 9.870 sessions, 12\u00a0% of all tracked sessions, and 143 credited leads, 38\u00a0% of all leads.',
      );
      expect(weeklyTrafficSentence({ ...facts, allSessions: 0, allLeads: 0 }, en)).toBe(
        'Over 10 weeks, ambassadors’ links brought 9,870 sessions and 143 credited leads.',
      );
    });
  });

  describe('top ambassadors', () => {
    const facts: TopAmbassadorsFacts = {
      ambassadors: 60,
      ambassadorsWithOutcomes: 31,
      outcomes: 1250.5,
      shown: 10,
      shownOutcomes: 975.4,
      topThreeOutcomes: 500.2,
      leader: { name: 'Mette Østergaard', outcomes: 140.5 },
    };

    it('names the leader and the concentration (en-GB, da-DK)', () => {
      expect(topAmbassadorsTitle(facts, en)).toBe('Mette Østergaard led with 140.5 credited outcomes; the top 10 earned 78% of all 1,250.5');
      expect(topAmbassadorsTitle(facts, da)).toBe('Mette Østergaard led with 140,5 credited outcomes; the top 10 earned 78\u00a0% of all 1.250,5');
      expect(topAmbassadorsSentence(facts, en)).toBe(
        '31 of 60 ambassadors have at least one credited outcome; the top 3 account for 40% of the 1,250.5 outcomes credited to ambassadors.',
      );
    });

    it('reads naturally when every ambassador with outcomes is shown, or there are none', () => {
      const few = {
        ...facts,
        ambassadorsWithOutcomes: 2,
        outcomes: 5,
        shown: 2,
        shownOutcomes: 5,
        topThreeOutcomes: 5,
        leader: { name: 'Søren', outcomes: 4 },
      };
      expect(topAmbassadorsTitle(few, en)).toBe('Søren led with 4 of the 5 credited outcomes');
      expect(topAmbassadorsSentence(few, en)).toBe('2 of 60 ambassadors have at least one credited outcome, 5 in all.');
      const none = { ...facts, ambassadorsWithOutcomes: 0, outcomes: 0, shown: 0, shownOutcomes: 0, topThreeOutcomes: 0, leader: null };
      expect(topAmbassadorsTitle(none, en)).toBe('No outcomes credited to ambassadors yet');
      expect(topAmbassadorsSentence(none, en)).toBe('No lead, application, conversion or hire has been credited to an ambassador yet.');
    });
  });

  describe('goal progress', () => {
    const facts: GoalProgressFacts = {
      goals: [
        { name: 'Synlighed', status: 'on_track', actual: 254000, pace: 235000, target: 400000 },
        { name: 'Trafik', status: 'on_track', actual: 3400, pace: 3500, target: 6000 },
        { name: 'Leads til salg', status: 'at_risk', actual: 160, pace: 188, target: 320 },
        { name: 'Kvalificerede ansøgninger', status: 'off_track', actual: 30, pace: 70.6, target: 1200 },
      ],
    };

    it('counts statuses and names the goal furthest behind', () => {
      expect(goalProgressTitle(facts, en)).toBe('2 of 4 goals are on track; Kvalificerede ansøgninger is off track at 42% of its pace');
      expect(goalProgressSentence(facts, en)).toBe(
        'Of 4 goals, 2 are on track, 1 is at risk and 1 is off track; Kvalificerede ansøgninger is furthest behind, with 30 against a pace of 70.6 towards 1,200.',
      );
      expect(goalProgressSentence(facts, da)).toBe(
        'Of 4 goals, 2 are on track, 1 is at risk and 1 is off track; Kvalificerede ansøgninger is furthest behind, with 30 against a pace of 70,6 towards 1.200.',
      );
    });

    it('says when all goals are on track, or there are none', () => {
      const onTrack = { goals: facts.goals.slice(0, 2) };
      expect(goalProgressTitle(onTrack, en)).toBe('All 2 goals are on track');
      expect(goalProgressSentence(onTrack, en)).toBe('Of 2 goals, 2 are on track.');
      expect(goalProgressTitle({ goals: [] }, en)).toBe('No goals with progress yet');
    });
  });

  describe('cohort activity', () => {
    const facts = {
      weeks: 10,
      cohorts: [
        { cohort: 'Bølge 2', ambassadors: 12, meanPostsPerActiveWeek: 2.17, medianPostsPerActiveWeek: 2 },
        { cohort: 'Pilot', ambassadors: 8, meanPostsPerActiveWeek: 2.14, medianPostsPerActiveWeek: 1.5 },
        { cohort: 'Bølge 3', ambassadors: 5, meanPostsPerActiveWeek: 1.2, medianPostsPerActiveWeek: 1 },
      ],
    };

    it('ranks the cohorts by the mean over their ambassadors of each one’s posts per active week', () => {
      expect(cohortActivityTitle(facts, en)).toBe('Bølge 2 posted most: 2.17 posts per active week per ambassador, against 1.20 for Bølge 3');
      expect(cohortActivityTitle(facts, da)).toBe('Bølge 2 posted most: 2,17 posts per active week per ambassador, against 1,20 for Bølge 3');
      expect(cohortActivitySentence(facts, en)).toBe(
        'Over 10 weeks, an ambassador posted 2.17 times per active week on average in Bølge 2 (median 2.00, 12 ambassadors), 2.14 in Pilot (median 1.50, 8) and 1.20 in Bølge 3 (median 1.00, 5); ' +
          'each ambassador’s posts are divided by the weeks they posted in, then averaged over the cohort’s ambassadors.',
      );
      expect(cohortActivitySentence(facts, createFormat({ locale: 'da-DK', language: 'da' }))).toBe(
        'Over 10 uger delte en ambassadør 2,17 gange pr. aktiv uge i gennemsnit i Bølge 2 (median 2,00, 12 ambassadører), 2,14 i Pilot (median 1,50, 8) og 1,20 i Bølge 3 (median 1,00, 5); ' +
          'hver ambassadørs opslag deles med de uger, vedkommende delte i, og gennemsnittet tages over kohortens ambassadører.',
      );
      expect(cohortActivityTitle({ weeks: 0, cohorts: [] }, en)).toBe('No cohort has posted yet');
    });
  });
});
