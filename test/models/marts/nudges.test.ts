import { describe, expect, it } from 'vitest';
import { buildModels } from '../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';
import { createProgram, PROGRAM_TABLES, type ProgramInput } from './program.ts';

const MODELS = ['marts.nudges'];

/** The last day with data is 31 March 2026 (A1's post); three weeks back is 10 March. */
const PROGRAM: ProgramInput = {
  ambassadors: [
    { id: 'A1', joined: '2026-01-01', lead: 'L1' },
    // last post 10 March: exactly three weeks before the 31st → inactive
    { id: 'A2', joined: '2026-01-01', lead: 'L1' },
    // posted 11 March: active
    { id: 'A3', joined: '2026-01-01', lead: 'L1' },
    // never posted since joining
    { id: 'A4', joined: '2026-02-01', lead: 'L2' },
    // joined a week ago: not yet due
    { id: 'A5', joined: '2026-03-24', lead: 'L2' },
    // left: no nudge
    { id: 'A6', joined: '2026-01-01', left: '2026-03-01' },
  ],
  content: [
    { id: 'C1', url: 'https://www.nordlys.dk/blog/shared', published: '2026-03-25' },
    { id: 'C2', url: 'https://www.nordlys.dk/blog/new', title: 'New report', published: '2026-03-18' },
    { id: 'C3', url: 'https://www.nordlys.dk/blog/old', published: '2026-03-17' },
    { id: 'C4', url: 'https://www.nordlys.dk/blog/scheduled', published: '2026-04-02' },
  ],
  posts: [
    { key: 'p1', ambassador: 'A1', on: '2026-03-31', content: 'C1' },
    { key: 'p2', ambassador: 'A2', on: '2026-03-10' },
    { key: 'p3', ambassador: 'A3', on: '2026-03-11' },
    { key: 'p4', ambassador: 'A3', platform: 'facebook', on: '2026-03-11', text: 'Nordlys Energi er et fantastisk sted!' },
    { key: 'p5', ambassador: 'A3', platform: 'facebook', on: '2026-03-12', text: 'Spændende læsning 🔥' },
  ],
};

describe('models/marts/nudges', () => {
  it('nudges the inactive, the unshared new content and the undisclosed posts, as of the last day with data', async () => {
    await withWarehouse(async (warehouse) => {
      await createProgram(warehouse, PROGRAM);
      await buildModels(warehouse, testConfig({ nudges: { inactive_weeks: 3 } }), MODELS, PROGRAM_TABLES);
      const nudges = await warehouse.all<{
        nudge_id: string;
        kind: string;
        ambassador_id: string | null;
        lead_id: string | null;
        content_id: string | null;
        since: Date;
        detail: string;
      }>(`select nudge_id, kind, ambassador_id, lead_id, content_id, since, detail from marts.nudges order by nudge_id`);
      expect(nudges.map((nudge) => [nudge.nudge_id, nudge.lead_id, nudge.since.toISOString().slice(0, 10)])).toEqual([
        ['disclosure:A3', 'L1', '2026-03-11'],
        ['inactive:A2', 'L1', '2026-03-10'],
        ['inactive:A4', 'L2', '2026-02-01'],
        ['unshared_content:C2', null, '2026-03-18'],
      ]);
      const detail = Object.fromEntries(nudges.map((nudge) => [nudge.nudge_id, nudge.detail]));
      expect(detail['inactive:A2']).toBe('Last post on 2026-03-10 (3 weeks before 2026-03-31)');
      expect(detail['inactive:A4']).toBe('Has not posted since joining on 2026-02-01 (8 weeks)');
      expect(detail['unshared_content:C2']).toBe('Published on 2026-03-18 and not shared by anyone yet: New report');
      expect(detail['disclosure:A3']).toMatch(/^2 posts do not make the employment evident \(latest on 2026-03-12\)/);
      expect(nudges.find((nudge) => nudge.kind === 'unshared_content')?.ambassador_id).toBeNull();
    });
  });

  it('counts inactivity in the configured number of weeks', async () => {
    await withWarehouse(async (warehouse) => {
      await createProgram(warehouse, PROGRAM);
      await buildModels(warehouse, testConfig({ nudges: { inactive_weeks: 2 } }), MODELS, PROGRAM_TABLES);
      const inactive = await warehouse.all<{ ambassador_id: string }>(`select ambassador_id from marts.nudges where kind = 'inactive' order by 1`);
      expect(inactive.map((row) => row.ambassador_id)).toEqual(['A2', 'A3', 'A4']);
    });
  });
});
