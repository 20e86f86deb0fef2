import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../pipelines/build.ts';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { describeStatus, readStatus } from '../../../pipelines/status.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const EXPORTS = join(import.meta.dirname, '../../../fixtures/exports');

describe('models/marts/unmatched_identities', () => {
  it('lists names that match no ambassador with the closest roster names, keeps their rows, and status shows them', async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig();
      const dir = tempFolder();
      copyFileSync(join(EXPORTS, 'program/ambassadors.csv'), join(dir, 'ambassadors.csv'));
      writeFileSync(
        join(dir, 'greenhouse_applications.csv'),
        [
          'Candidate ID,Application ID,Candidate Name,Email,Job,Applied On,Source,Referrer,Status,Current Stage,Rejected On,Rejection Reason,Recruiter,Last Activity',
          '1,101,Eva Ny,eva@example.com,Engineer,2026-10-03,Referral,Søren Kjærgard,active,Screen,,,Lone Berg,2026-10-04',
          '2,102,Bo Ny,bo@example.com,Engineer,2026-10-04,Referral,Soren Kjaergaard,active,Screen,,,Lone Berg,2026-10-05',
          '3,103,Al Ny,al@example.com,Engineer,2026-10-05,Referral,Åse Mølgaard,active,Screen,,,Lone Berg,2026-10-06',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'share_log.csv'),
        'ambassador_id,platform,shared_at,content_id,post_url,post_text,tracked_url\nA999,facebook,2026-09-01T09:15:00,,,Min kollega hos Nordlys Energi,\n',
      );
      for (const file of ['ambassadors.csv', 'greenhouse_applications.csv', 'share_log.csv']) {
        expect((await ingestFile(warehouse, config, join(dir, file), { runId: null, log: memoryLogger() })).status).toBe('loaded');
      }
      await build(warehouse, config, { runId: null, log: memoryLogger() });
      const rows = await warehouse.all(`select source, name, rows, suggestions from marts.unmatched_identities order by source, name`);
      expect(rows).toEqual([
        { source: 'ATS referrer', name: 'Soren Kjaergaard', rows: 1, suggestions: 'Søren Kjærgaard (A001)' },
        { source: 'ATS referrer', name: 'Søren Kjærgard', rows: 1, suggestions: 'Søren Kjærgaard (A001)' },
        { source: 'share log ambassador_id', name: 'A999', rows: 1, suggestions: null },
      ]);
      // The rows are kept: the applications are outcomes, credited to no ambassador; the share is in core.
      expect(await warehouse.one(`select count(*)::integer as n from core.outcomes where kind = 'application'`)).toEqual({ n: 3 });
      expect(await warehouse.one(`select count(*)::integer as n from core.shares where ambassador_id = 'A999'`)).toEqual({ n: 1 });
      const status = describeStatus(await readStatus(warehouse)).join('\n');
      expect(status).toContain('"Søren Kjærgard" in ATS referrer (1 rows); closest: Søren Kjærgaard (A001)');
    });
  });
});
