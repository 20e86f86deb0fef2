/**
 * People, codes and names in the exports that match nobody on the roster: a run ends with
 * a warning that counts them, and no nudge or disclosure follow-up asks a lead to contact
 * someone who is not in the program.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../pipelines/cli.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { describeSummary, runInbox } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { tempFolder, testConfig, TEST_SALT } from '../helpers/warehouse.ts';

const ROSTER = 'ambassador_id,name,utm_code,joined_on\nA001,Søren Kjærgaard,amb-7f3k2,2026-08-01\n';

/** A99 is on no roster; both posts lack a disclosure, so either poster would be followed up. */
const SHARE_LOG = [
  'ambassador_id,platform,shared_at,content_id,post_url,post_text,tracked_url',
  'A99,linkedin,2026-09-01T09:15:00,,https://www.linkedin.com/posts/someone_job-share-7371432206977761299-Ab3x,Vi åbner 40 nye stillinger i Aarhus,',
  'A001,linkedin,2026-09-02T09:15:00,,https://www.linkedin.com/posts/sorenkj_job-share-7371432206977761200-Ab3x,Vi åbner 40 nye stillinger i Aarhus,',
].join('\n');

describe('people who match nobody on the roster', () => {
  it('unknown people are not silent: a share log naming A99, who is on no roster, ends the run with a warning counting the names and pointing to status; A99 is neither nudged nor followed up', async () => {
    const config = testConfig();
    mkdirSync(config.paths.inbox, { recursive: true });
    writeFileSync(join(config.paths.inbox, 'ambassadors.csv'), ROSTER);
    writeFileSync(join(config.paths.inbox, 'share_log.csv'), SHARE_LOG);

    const summary = await withSession(config, 'run', memoryLogger(), (session) => runInbox(session));

    expect(summary).toMatchObject({ filesLoaded: 2, filesFailed: 0, unmatchedNames: 1 });
    expect(describeSummary(summary)).toContain(
      'warning: 1 name or code in the exports matches no ambassador, so its rows are credited to nobody; "advocacy status" lists it with the closest roster names',
    );

    const warehouse = await Warehouse.open(config.paths.warehouse, { readOnly: true });
    try {
      expect(await warehouse.all(`select ambassador_id, kind from marts.nudges where ambassador_id is not null order by all`)).toEqual([
        { ambassador_id: 'A001', kind: 'disclosure' },
      ]);
      expect(await warehouse.all(`select ambassador_id, needs_follow_up from marts.disclosure_followup order by all`)).toEqual([
        { ambassador_id: 'A001', needs_follow_up: true },
      ]);
    } finally {
      warehouse.close();
    }
  });

  it('unknown people are not silent at ingest either: loading a share log naming A99 ends with a warning counting the ids on no roster and pointing to build and status', async () => {
    const root = tempFolder();
    writeFileSync(join(root, 'advocacy.config.json'), JSON.stringify({ company: { name: 'Nordlys Energi' }, salt: TEST_SALT }));
    writeFileSync(join(root, 'ambassadors.csv'), ROSTER);
    writeFileSync(join(root, 'share_log.csv'), SHARE_LOG);
    const lines: string[] = [];

    const code = await main(['ingest', join(root, 'ambassadors.csv'), join(root, 'share_log.csv'), '--config', join(root, 'advocacy.config.json')], (line) =>
      lines.push(line),
    );

    expect(code).toBe(0);
    expect(lines).toEqual([
      'files: 2 loaded, 0 already loaded (nothing to do), 0 failed; rows: 3 loaded, 0 rejected',
      'warning: 1 ambassador_id in the share log is on no roster, so its shares are credited to nobody; "advocacy build" matches the other exports\' names and codes too, and "advocacy status" then lists every one that matches nobody',
    ]);
  });
});
