/**
 * Data that feeds nothing is loud: a LinkedIn Shares.csv outside an ambassador's folder
 * loads, and the run summary and `advocacy status` say that its rows count nowhere and
 * what to do about it.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../pipelines/config.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { describeSummary, runInbox } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { describeStatus, readStatus } from '../../pipelines/status.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const SHARES = fileURLToPath(new URL('../../fixtures/exports/linkedin/A002/Shares.csv', import.meta.url));

describe('rows that feed no figure', () => {
  it('a Shares.csv outside an ambassador folder is counted in the run summary and in status, with what to do', async () => {
    const root = tempFolder();
    const inbox = join(root, 'inbox');
    mkdirSync(join(inbox, 'A002'), { recursive: true });
    writeFileSync(join(inbox, 'ambassadors.csv'), 'ambassador_id,name,utm_code\nA002,Åse Mølgaard,amb-q81zd\n');
    cpSync(SHARES, join(inbox, 'A002', 'Shares.csv'));
    // the same member's archive a second time, saved loose in the inbox (other bytes, so it loads)
    writeFileSync(join(inbox, 'Shares.csv'), `${readFileSync(SHARES, 'utf8')}\n`);
    const config = validateConfig({ company: { name: 'Nordlys Energi' }, salt: 'test-salt-1234', ingest: { settle_seconds: 0 } }, { root, env: {} });
    const summary = await withSession(config, 'run', memoryLogger(), (session) => runInbox(session));

    expect(summary.unusedInputs).toBe(1);
    expect(summary.unusedRows).toBeGreaterThan(0);
    expect(describeSummary(summary)).toContain(`unused: ${summary.unusedRows} rows in 1 input feed no figure (see "advocacy status" for what to do)`);

    const warehouse = await Warehouse.open(config.paths.warehouse, { readOnly: true });
    try {
      const status = await readStatus(warehouse);
      expect(status.unused).toEqual([
        {
          kind: 'no_owner',
          input: 'Shares.csv',
          rows: summary.unusedRows,
          what_to_do:
            'the LinkedIn Shares.csv in folder "inbox" names no ambassador; put it in a folder named for the member\'s ambassador_id (inbox/A017/Shares.csv) and load it again',
        },
      ]);
      expect(describeStatus(status).join('\n')).toContain(`Rows that loaded but feed no figure: ${summary.unusedRows}`);
    } finally {
      warehouse.close();
    }
  });
});
