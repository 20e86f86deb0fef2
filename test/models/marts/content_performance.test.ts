import { describe, expect, it } from 'vitest';
import { buildModels } from '../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';
import { createProgram, PROGRAM_TABLES, type ProgramInput } from './program.ts';

const MODELS = ['marts.content_performance', 'marts.content_performance_by_type'];

const PROGRAM: ProgramInput = {
  ambassadors: [
    { id: 'A1', joined: '2026-01-01' },
    { id: 'A2', joined: '2026-01-01' },
    { id: 'A3', joined: '2026-01-01', left: '2026-02-01' },
    // joins after C1 is published: shares it, but was not eligible
    { id: 'A4', joined: '2026-03-01' },
  ],
  content: [
    // an older catalogue said another title and type; the latest file wins
    { id: 'C1', title: 'Old title', url: 'https://www.nordlys.dk/blog/heat-pumps', type: 'news', published: '2026-02-10', file: 1 },
    { id: 'C1', title: 'Heat pumps', url: 'https://www.nordlys.dk/blog/heat-pumps/', type: 'article', published: '2026-02-10', file: 2 },
    { id: 'C2', title: 'Job: electrician', url: 'https://www.nordlys.dk/job/electrician?utm_source=x', type: 'job_post', published: '2026-02-12', file: 2 },
    {
      id: 'C3',
      title: 'Meet Mette',
      url: 'https://www.nordlys.dk/medarbejdere/mette',
      type: 'employee_story',
      origin: 'employee',
      published: '2026-02-20',
      file: 2,
    },
  ],
  posts: [
    { key: 'p1', ambassador: 'A1', on: '2026-02-12', content: 'C1', impressions: 1000, engagements: 30 },
    { key: 'p2', ambassador: 'A1', platform: 'facebook', on: '2026-02-14', content: 'C1' },
    { key: 'p3', ambassador: 'A4', on: '2026-03-02', content: 'C1', impressions: 500, engagements: 20 },
    // no content_id in the share log: the tracked link says C2
    { key: 'p4', ambassador: 'A2', on: '2026-02-12', tracked: 'https://nordlys.dk/job/electrician?utm_content=a2', impressions: 200, engagements: 2 },
  ],
  touches: [
    { id: 't1', ambassador: 'A1', at: '2026-02-12 13:00:00', landing: '/blog/heat-pumps?utm_campaign=heat-pumps' },
    { id: 't2', ambassador: 'A1', at: '2026-02-13 13:00:00', landing: 'https://www.nordlys.dk/Blog/Heat-Pumps/' },
    // landing elsewhere, campaign names the item's slug
    { id: 't3', ambassador: 'A2', at: '2026-02-13 14:00:00', landing: '/', campaign: 'Electrician' },
    { id: 't4', ambassador: null, at: '2026-02-13 15:00:00', landing: '/blog/heat-pumps' },
  ],
  credits: [
    { outcome: 'o1', kind: 'lead', at: '2026-02-14 12:00:00', ambassador: 'A1', touch: 't2', credit: 1, value: 1500 },
    { outcome: 'o2', kind: 'application', at: '2026-02-15 12:00:00', ambassador: 'A2', touch: 't3', credit: 0.5, value: 750 },
    // credited from the outcome's own tags: its campaign names C2
    { outcome: 'o3', kind: 'application', at: '2026-02-16 12:00:00', ambassador: 'A2', credit: 1, campaign: 'C2', value: 750 },
  ],
};

describe('models/marts/content_performance', () => {
  it('measures each item: share rate of those enrolled when it was published, reach, clicks, credited outcomes, days to first share', async () => {
    await withWarehouse(async (warehouse) => {
      await createProgram(warehouse, PROGRAM);
      await buildModels(warehouse, testConfig(), MODELS, PROGRAM_TABLES);
      const rows = await warehouse.all(
        `select content_id, title, content_type, origin, eligible_ambassadors, sharers, eligible_sharers, share_rate, shares,
                impressions, engagement_rate, clicks, all_sessions, outcomes_credited, leads_credited, applications_credited,
                value_credited, days_to_first_share, is_unshared
         from marts.content_performance order by content_id`,
      );
      expect(rows).toEqual([
        {
          content_id: 'C1',
          title: 'Heat pumps',
          content_type: 'article',
          origin: 'hub',
          eligible_ambassadors: 2,
          sharers: 2,
          eligible_sharers: 1,
          share_rate: 0.5,
          shares: 3,
          impressions: 1500,
          engagement_rate: 50 / 1500,
          clicks: 2,
          all_sessions: 3,
          outcomes_credited: 1,
          leads_credited: 1,
          applications_credited: 0,
          value_credited: 1500,
          days_to_first_share: 2,
          is_unshared: false,
        },
        {
          content_id: 'C2',
          title: 'Job: electrician',
          content_type: 'job_post',
          origin: 'hub',
          eligible_ambassadors: 2,
          sharers: 1,
          eligible_sharers: 1,
          share_rate: 0.5,
          shares: 1,
          impressions: 200,
          engagement_rate: 0.01,
          clicks: 1,
          all_sessions: 1,
          outcomes_credited: 1.5,
          leads_credited: 0,
          applications_credited: 1.5,
          value_credited: 375 + 750,
          days_to_first_share: 0,
          is_unshared: false,
        },
        {
          content_id: 'C3',
          title: 'Meet Mette',
          content_type: 'employee_story',
          origin: 'employee',
          eligible_ambassadors: 2,
          sharers: 0,
          eligible_sharers: 0,
          share_rate: 0,
          shares: 0,
          impressions: null,
          engagement_rate: null,
          clicks: 0,
          all_sessions: 0,
          outcomes_credited: 0,
          leads_credited: 0,
          applications_credited: 0,
          value_credited: 0,
          days_to_first_share: null,
          is_unshared: true,
        },
      ]);
    });
  });

  it('sums the items by content type and by origin', async () => {
    await withWarehouse(async (warehouse) => {
      await createProgram(warehouse, PROGRAM);
      await buildModels(warehouse, testConfig(), MODELS, PROGRAM_TABLES);
      const rows = await warehouse.all(
        `select dimension, value, items, items_shared, items_unshared, share_rate, shares, clicks, outcomes_credited
         from marts.content_performance_by_type order by dimension, value`,
      );
      expect(rows).toEqual([
        {
          dimension: 'content_type',
          value: 'article',
          items: 1,
          items_shared: 1,
          items_unshared: 0,
          share_rate: 0.5,
          shares: 3,
          clicks: 2,
          outcomes_credited: 1,
        },
        {
          dimension: 'content_type',
          value: 'employee_story',
          items: 1,
          items_shared: 0,
          items_unshared: 1,
          share_rate: 0,
          shares: 0,
          clicks: 0,
          outcomes_credited: 0,
        },
        {
          dimension: 'content_type',
          value: 'job_post',
          items: 1,
          items_shared: 1,
          items_unshared: 0,
          share_rate: 0.5,
          shares: 1,
          clicks: 1,
          outcomes_credited: 1.5,
        },
        { dimension: 'origin', value: 'employee', items: 1, items_shared: 0, items_unshared: 1, share_rate: 0, shares: 0, clicks: 0, outcomes_credited: 0 },
        { dimension: 'origin', value: 'hub', items: 2, items_shared: 2, items_unshared: 0, share_rate: 0.5, shares: 4, clicks: 3, outcomes_credited: 2.5 },
      ]);
    });
  });
});
